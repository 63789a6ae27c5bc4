"""Links trainers put in course material keep working: every published address still resolves."""

from __future__ import annotations

import posixpath
import re
from pathlib import Path

from tests.support import read

LIST = Path(__file__).resolve().parent / "published-urls.txt"
REFRESH = re.compile(r'<meta http-equiv="refresh" content="0; url=([^"]+)">')


def resolve(site: Path, url: str, hops: int = 3) -> tuple[str, str]:
    """The final site-relative URL and its HTML, following the library's redirect pages."""
    html = read(site, url)
    for _ in range(hops):
        match = REFRESH.search(html)
        if not match:
            return url, html
        url = _join(url, match.group(1))
        html = read(site, url)
    raise AssertionError(f"{url}: more than {hops} redirects")


def _join(base: str, relative: str) -> str:
    folder = base if base.endswith("/") else posixpath.dirname(base)
    joined = posixpath.normpath(posixpath.join(folder, relative))
    return "" if joined == "." else joined + ("/" if relative.endswith("/") else "")


def published() -> list[str]:
    return [line for line in LIST.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]


def test_every_published_address_still_resolves(built_site):
    broken = []
    for address in published():
        url, _, anchor = address.partition("#")
        url = "" if url == "/" else url
        try:
            final, html = resolve(built_site, url)
        except (FileNotFoundError, AssertionError) as error:
            broken.append(f"{address}: {error}")
            continue
        if anchor and f'id="{anchor}"' not in html:
            broken.append(f"{address}: no section '{anchor}' on {final or '/'}")
    assert not broken, "Published addresses that no longer work (add a redirect):\n" + "\n".join(broken)


def test_the_list_covers_the_short_links_and_every_precondition_section():
    listed = set(published())
    for letter in "abcdefghi":
        assert f"{letter}/" in listed
    for section in ("what-it-means", "looks-like", "signs-of-absence", "vignette", "questions", "evidence", "related"):
        assert f"preconditions/trusted-partners/#{section}" in listed


def test_a_renamed_slug_keeps_its_old_address(tmp_path):
    from tests.support import build, copy_project
    project = copy_project(tmp_path / "project")
    data = project / "data" / "preconditions.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("slug: trusted-partners", "slug: trusted-partnerships\n  redirect_from: [trusted-partners]", 1)
    data.write_text(text, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    final, html = resolve(site, "preconditions/trusted-partners/")
    assert final == "preconditions/trusted-partnerships/" and 'id="signs-of-absence"' in html
    final, _ = resolve(site, "e/")
    assert final == "preconditions/trusted-partnerships/"
