"""Modules a newcomer can hold in mind: none of the Python or JavaScript modules is over 400 lines unless it is
declarative data, and the Python modules of macros/ import each other in one
direction only, so each can be read, and tested, after the ones it uses."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MOST_LINES = 400
# Declarative data: tables a reader looks things up in rather than reads through.
DATA = {"macros/twin_inputs.py", "tools/synthetic_words.py"}


def modules() -> list[Path]:
    found = [*ROOT.glob("macros/*.py"), *ROOT.glob("hooks/*.py"), *ROOT.glob("tools/**/*.py"),
             *(ROOT / "docs" / "assets" / "javascripts").glob("*.js")]
    return sorted(found)


def test_no_module_is_over_400_lines_but_declarative_data():
    paths = modules()
    assert len(paths) > 40
    long = {p.relative_to(ROOT).as_posix(): len(p.read_text(encoding="utf-8").splitlines()) for p in paths}
    over = {name: lines for name, lines in long.items() if lines > MOST_LINES and name not in DATA}
    assert not over, f"split each by job: {over}"


def imports_in_macros() -> dict[str, set[str]]:
    """Module -> the modules of macros/ it imports, at the top or inside a function."""
    names = {p.stem for p in (ROOT / "macros").glob("*.py")}
    out = {}
    for path in sorted((ROOT / "macros").glob("*.py")):
        edges = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.level == 1:
                if node.module:
                    edges.add(node.module.split(".")[0])
                else:
                    edges.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith("macros"):
                rest = (node.module or "").split(".")[1:]
                edges.update([rest[0]] if rest else [alias.name for alias in node.names])
        out[path.stem] = {e for e in edges if e in names and e != path.stem}
    return out


def cycle(graph: dict[str, set[str]]) -> list[str]:
    """A chain of imports that comes back to where it started, or []."""
    state: dict[str, str] = {}
    stack: list[str] = []

    def visit(node):
        state[node] = "open"
        stack.append(node)
        for other in sorted(graph[node]):
            if state.get(other) == "open":
                return stack[stack.index(other):] + [other]
            if other not in state:
                found = visit(other)
                if found:
                    return found
        state[node] = "done"
        stack.pop()
        return []

    for node in sorted(graph):
        if node not in state:
            found = visit(node)
            if found:
                return found
    return []


def test_no_import_circle_in_macros():
    graph = imports_in_macros()
    assert len(graph) > 30 and sum(map(len, graph.values())) > 40
    assert cycle(graph) == [], " -> ".join(cycle(graph))


def test_a_circle_is_found():
    """The check can fail: a made-up circle of three is found, and a line of three is not one."""
    assert cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert cycle({"a": {"b"}, "b": {"c"}, "c": set()}) == []
