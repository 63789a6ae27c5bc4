"""Command line: `python -m macros validate [PATH ...]`, `python -m macros schema [--check]`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ROOT, json_schema, library


def validate(args) -> int:
    paths = _expand(args.paths) if args.paths else None
    if paths == []:
        print("No .yaml files found in the paths given.", file=sys.stderr)
        return 1
    lib = library.load(ROOT, paths)
    for problem in lib.problems:
        print(problem)
    if lib.problems:
        files = len({p.file for p in lib.problems})
        print(f"{len(lib.problems)} problem(s) in {files} file(s). Each line says file:line: field: what to change.", file=sys.stderr)
        return 1
    print(f"OK: {lib.summary()}.")
    return 0


def _expand(paths: list[str]) -> list[Path]:
    out = []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            out.extend(sorted(p for p in path.rglob("*") if p.is_file() and not p.name.startswith(".")))
        else:
            out.append(path)
    return out


def schema(args) -> int:
    folder = ROOT / "schema"
    if args.check:
        stale = [name for name, text in json_schema.render_all().items()
                 if not (folder / name).exists() or (folder / name).read_text(encoding="utf-8") != text]
        for name in stale:
            print(f"schema/{name}: out of date with macros/schema.py; run: python -m macros schema")
        return 1 if stale else 0
    for path in json_schema.write_all(folder):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m macros", description="Check and manage the pattern library's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("validate", help="check the data files; print file:line: field: message for each problem")
    p.add_argument("paths", nargs="*", help="files or folders to check (default: all of data/)")
    p.set_defaults(run=validate)
    p = commands.add_parser("schema", help="write the JSON Schema files in schema/ from macros/schema.py")
    p.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    p.set_defaults(run=schema)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
