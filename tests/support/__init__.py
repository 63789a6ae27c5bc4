"""Helpers shared by the tests and the benchmark: copy the project, build it, read what was built. The modules
beside this one hold the rest of what more than one test module uses (no test imports from another):
browsers.py (serving the site, Chromium, waiting for a page's state), audit.py (axe, keyboard, the Nu HTML
Checker, links), listings.py (what listing pages must show), records.py (sample and bad records, hostile
texts), hostile.py (payloads in every field), html_reader.py (reading built HTML)."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures"
SKIP = {".git", ".venv", "site", "site-offline", "node_modules", "__pycache__", ".pytest_cache", ".ruff_cache",
        ".hypothesis", "dist", "bench-results"}
# Node.js as make installs it: pinned in requirements-test.txt, linked beside the venv's Python (tools/venv.sh).
NODE = Path(sys.executable).parent / "node"
# False while a test that is not marked build, browser or slow runs (tests/conftest.py): make check leaves
# those marks out, and a build there would make the fast tier slow without anyone noticing.
builds_allowed = True


def copy_project(dest: Path, data: Path | None = None) -> Path:
    """A copy of the project in `dest`; with `data`, that folder replaces data/."""
    shutil.copytree(ROOT, dest, ignore=lambda d, names: [n for n in names if n in SKIP], dirs_exist_ok=True)
    if data is not None:
        shutil.rmtree(dest / "data")
        shutil.copytree(data, dest / "data")
    return dest


def build(project: Path, site: Path, *, offline: bool = False, tool: str = "mkdocs",
          extra_env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a real strict build (no -q, no -v: both hide warnings) and return the finished process."""
    if not builds_allowed:
        raise AssertionError("this test builds the site: mark it @pytest.mark.build (make check runs no build)")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": "1763769600", **(extra_env or {})}
    env["LIBRARY_OFFLINE"] = "true" if offline else "false"
    command = [sys.executable, "-m", tool, "build", "--strict", "--site-dir", str(site)]
    return subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)


def pagefind_pages(site: Path) -> dict[str, str]:
    """URL -> indexed text, read back from Pagefind's fragments (gzip, after a 'pagefind_dcd' marker)."""
    import gzip
    import json

    out = {}
    fragments = sorted((site / "pagefind" / "fragment").glob("*.pf_fragment"))
    assert fragments, f"no Pagefind fragments in {site}"
    for fragment in fragments:
        raw = gzip.decompress(fragment.read_bytes())
        data = json.loads(raw[raw.index(b"{"):])
        out[data["url"]] = data["content"]
    return out


def read(site: Path, url: str) -> str:
    """The HTML of the built page at a site-relative URL such as 'preconditions/trusted-partners/'."""
    path = site / url
    if url.endswith("/") or not url:
        path = path / "index.html"
    return path.read_text(encoding="utf-8")


def section(html: str, anchor: str) -> str:
    """The HTML of the section whose heading has id=anchor, up to the next heading of any level."""
    start = html.index(f'id="{anchor}"')
    ends = [i for i in (html.find("<h2", start), html.find("<h3", start), html.find("</article>", start)) if i != -1]
    return html[start:min(ends)]


def site_pages(site: Path) -> list[str]:
    """Every HTML page of a built site as a URL path, redirect pages left out."""
    pages = []
    for path in sorted(site.rglob("*.html")):
        if path.parts[len(site.parts)] in ("pagefind", "assets"):
            continue
        if 'http-equiv="refresh"' in path.read_text(encoding="utf-8")[:2000]:
            continue
        rel = path.relative_to(site).as_posix()
        pages.append(rel[: -len("index.html")] if rel.endswith("index.html") else rel)
    assert pages, f"no pages in {site}"
    return pages
