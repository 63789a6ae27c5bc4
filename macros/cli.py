"""Command line: `python -m macros validate [PATH ...]`, `python -m macros schema [--check]`,
`python -m macros twins [--check]`, `python -m macros new-case-study [--title T --place P]`,
`python -m macros from-issue FILE`."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import ROOT, from_issue, json_schema, library, scaffold, twins


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
        print(f"{len(lib.problems)} problem(s) in {files} file(s). Each line says file:line: field: what to change.",
              file=sys.stderr)
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
            print(f"schema/{name}: out of date with macros/schema.py; run: .venv/bin/python -m macros schema")
        return 1 if stale else 0
    for path in json_schema.write_all(folder):
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def twins_corpus(args) -> int:
    if args.check:
        stale = twins.stale()
        for name in stale:
            print(f"tests/twins/corpus/{name}: out of date with the Python it records; run: python -m macros twins")
        return 1 if stale else 0
    for path in twins.write_all():
        print(f"wrote {path.relative_to(ROOT)}")
    return 0


def new_case_study(args) -> int:
    ask = input if sys.stdin.isatty() else None
    title = args.title or _ask(ask, "Title, naming the work and the place (for example: Youth homelessness in Leeds): ")
    place = args.place or _ask(ask, "Place (for example: Leeds): ")
    if not title or not place:
        print("Give the case study's title and place, for example:\n"
              '  .venv/bin/python -m macros new-case-study --title "Youth homelessness in Leeds" --place Leeds',
              file=sys.stderr)
        return 2
    themes = (args.themes if args.themes is not None
              else _ask(ask, "Themes, separated by commas (Enter to fill in later): "))
    try:
        path = scaffold.create(ROOT, title, place, scaffold.split_themes(themes or ""), args.id)
    except scaffold.ScaffoldError as error:
        print(error, file=sys.stderr)
        return 1
    problems = scaffold.problems_in(ROOT, path)
    for problem in problems:
        print(problem)
    print(scaffold.next_steps(ROOT, path))
    return 1 if problems else 0


def _ask(ask, prompt: str) -> str:
    """The answer typed at a terminal, or '' when there is nobody to ask."""
    if ask is None:
        return ""
    try:
        return ask(prompt).strip()
    except EOFError:
        return ""


def convert_issue(args) -> int:
    if args.file == "-":
        body, name = sys.stdin.read(), "issue.md"
    else:
        try:
            body, name = Path(args.file).read_text(encoding="utf-8"), args.file
        except (OSError, UnicodeDecodeError) as error:
            print(f"{args.file}: cannot be read ({error}). Save the issue body as a UTF-8 text file.", file=sys.stderr)
            return 1
    folder = Path(args.folder) if args.folder else None
    result = from_issue.convert(body, name, ROOT, folder, force=args.force)
    for line in result.problems:
        print(line)
    if result.path is None:
        print(f"{len(result.problems)} problem(s) in the form; nothing was written. Each line names the form field to "
              "change: "
              "ask the contributor to correct it on the issue, or correct the saved issue text and run this again.",
              file=sys.stderr)
        return 1
    written = result.path.resolve()
    shown = written.relative_to(ROOT).as_posix() if written.is_relative_to(ROOT) else str(result.path)
    print(f"OK: wrote {shown}, a draft case study that passes validation.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=".venv/bin/python -m macros",
                                     description="Check and manage the pattern library's data.")
    commands = parser.add_subparsers(dest="command", required=True)
    p = commands.add_parser("validate", help="check the data files; print file:line: field: message for each problem")
    p.add_argument("paths", nargs="*", help="files or folders to check (default: all of data/)")
    p.set_defaults(run=validate)
    p = commands.add_parser("schema", help="write the JSON Schema files in schema/ from macros/schema.py")
    p.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    p.set_defaults(run=schema)
    p = commands.add_parser("twins", help="write the twins' corpus in tests/twins/corpus/: inputs, and what the Python "
                                          "makes of each, for the tests of the studio's JavaScript")
    p.add_argument("--check", action="store_true", help="only report whether the files are up to date")
    p.set_defaults(run=twins_corpus)
    p = commands.add_parser("new-case-study",
                            help="start a case study file from the template, with its title, place and id filled in")
    p.add_argument("--title", help='what the work was, and where: "Youth homelessness in Leeds"')
    p.add_argument("--place", help="the town, city, borough or area: Leeds")
    p.add_argument("--id", help="the file name without .yaml (default: made from the place and title)")
    p.add_argument("--themes", help='lower-case tags separated by commas: "homelessness, young people"')
    p.set_defaults(run=new_case_study)
    p = commands.add_parser("from-issue",
                            help="turn a submitted case-study issue form (its Markdown body) into a case study file")
    p.add_argument("file", help="the issue body saved as a text file, or - to read it from standard input")
    p.add_argument("--folder", help="the folder to write <id>.yaml in (default: data/case_studies)")
    p.add_argument("--force", action="store_true", help="replace the output file if it exists")
    p.set_defaults(run=convert_issue)
    args = parser.parse_args(argv)
    try:
        return args.run(args)
    except KeyboardInterrupt:
        return 130
