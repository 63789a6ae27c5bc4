"""Links trainers put in course material keep working: every published address still resolves.

A new address fails nothing (a contributor's pull request adds pages and need not touch the registry);
the maintainers record new addresses at each release with `make urls`, and the release workflow refuses
to publish while an address of its build is unrecorded."""

from __future__ import annotations

import posixpath
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from tests.support import read

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))
import published_urls  # noqa: E402

LIST = Path(__file__).resolve().parent / "published-urls.txt"
RECORD = "make urls"
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
        if address in published_urls.DEPLOY_ONLY:
            continue  # not in a normal build: see test_the_downloads_are_still_published_beside_the_site
        url, _, anchor = address.partition("#")
        url = "" if url == "/" else url
        try:
            final, html = resolve(built_site, url)
        except (FileNotFoundError, IsADirectoryError, NotADirectoryError, AssertionError) as error:
            broken.append(f"{address}: {error}")
            continue
        if anchor and f'id="{anchor}"' not in html:
            broken.append(f"{address}: no section '{anchor}' on {final or '/'}")
    assert not broken, "Published addresses that no longer work (add a redirect):\n" + "\n".join(broken)


def test_the_downloads_are_still_published_beside_the_site(built_site):
    """The PDFs and the offline zip are made by `make offline cards` and copied into the site when it is deployed."""
    listed = set(published())
    deploy = (ROOT / ".github" / "workflows" / "deploy.yml").read_text(encoding="utf-8")
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    copy = next((line for line in deploy.splitlines() if line.strip().startswith("run: cp ")), "")
    assert copy.rstrip().endswith(" site/"), "the deploy workflow no longer copies the downloads into site/"
    for name in published_urls.DEPLOY_ONLY:
        assert name in listed, f"{name} is published but not in {LIST.name}"
        assert f"dist/{name}" in copy.split(), f"the deploy workflow no longer publishes {name} beside the site"
        assert f"dist/{name}" in makefile, f"no make target writes dist/{name} any more"
    cards = read(built_site, "trainers/cards/")
    site_url = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M).group(1)
    for href in re.findall(r'href="([^"]+\.pdf)"', cards):
        assert href.startswith(site_url) and href[len(site_url):] in published_urls.DEPLOY_ONLY, href


class _Headings(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids = []

    def handle_starttag(self, tag, attrs):
        ident = dict(attrs).get("id")
        if tag in ("h2", "h3") and ident:
            self.ids.append(ident)


def test_the_registry_tool_finds_every_page_heading_and_data_file(built_site):
    """`make urls` records what the tool finds: it must find every page, every h2/h3 anchor and every data file,
    or a published address would never be protected by the test above."""
    found = set(published_urls.addresses(built_site))
    current = set()
    # Independently of the tool: every page, every h2/h3 anchor on it, every open data and schema file.
    for page in built_site.rglob("index.html"):
        url = page.parent.relative_to(built_site).as_posix() + "/"
        url = "" if url == "./" else url
        if url.startswith(("assets/", "pagefind/")):
            continue
        current.add(url or "/")
        headings = _Headings()
        headings.feed(page.read_text(encoding="utf-8"))
        current.update(f"{url or '/'}#{ident}" for ident in headings.ids)
    for folder in ("open-data", "schema"):
        current.update(p.relative_to(built_site).as_posix() for p in (built_site / folder).rglob("*") if p.is_file())
    assert len(current) > 100  # pages, their headings and the data files were all found
    missing = sorted(current - found)
    assert not missing, f"{len(missing)} address(es) the registry tool does not find:\n  " + "\n  ".join(missing[:40])


def test_a_new_address_fails_nothing_until_a_release_records_it(tmp_path, monkeypatch, capsys):
    site = tmp_path / "site"
    for page in ("", "preconditions/trusted-partners/", "case-studies/new-one/"):
        (site / page).mkdir(parents=True, exist_ok=True)
        (site / page / "index.html").write_text('<h1 id="t">T</h1><h2 id="what-it-means">W</h2>', encoding="utf-8")
    registry = tmp_path / "published-urls.txt"
    registry.write_text("# every address ever published\n/\n/#what-it-means\n", encoding="utf-8")
    monkeypatch.setattr(published_urls, "LIST", registry)
    assert published_urls.main([str(site), "--check"]) == 1
    out = capsys.readouterr()
    assert "not recorded yet: case-studies/new-one/" in out.out and "make urls" in out.err
    assert published_urls.main([str(site), "--write"]) == 0
    assert published_urls.main([str(site), "--check"]) == 0
    lines = registry.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "# every address ever published" and "case-studies/new-one/#what-it-means" in lines
    assert lines[1:] == sorted(lines[1:])


def test_the_release_records_addresses_before_it_publishes():
    release = (ROOT / ".github" / "workflows" / "release.yml").read_text(encoding="utf-8")
    assert "tools/published_urls.py site --check" in release
    assert "make urls" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "urls: build" in (ROOT / "Makefile").read_text(encoding="utf-8")


def test_the_list_is_sorted_and_has_no_repeats():
    lines = published()
    assert lines == sorted(set(lines)), (f"tests/{LIST.name} is out of order or repeats a line: rewrite it with\n  "
                                         f"{RECORD}")


def test_every_kind_of_address_the_library_promises_is_found_by_the_registry_tool(built_site):
    """Worked out from the data, not from the build: short links, every section of every record page,
    each finding, glossary term, card and reflection section, the open data and schema files."""
    listed = set(published_urls.addresses(built_site)) | set(published_urls.DEPLOY_ONLY)
    data = ROOT / "data"
    preconditions = yaml.safe_load((data / "preconditions.yaml").read_text(encoding="utf-8"))
    expected = {"/", "search/", "glossary/", "trainers/cards/", "trainers/reflection/",
                "explore/open-data/#stable-addresses", *published_urls.DEPLOY_ONLY}
    for p in preconditions:
        letter = p["id"].lower()
        expected |= {f"{letter}/", f"trainers/cards/#card-{letter}", f"trainers/cards/#vignette-card-{letter}",
                     f"trainers/reflection/#reflect-{letter}"}
        page = f"preconditions/{p['slug']}/"
        expected |= {page} | {f"{page}#{s}"
                              for s in ("what-it-means", "looks-like", "signs-of-absence", "vignette", "questions",
                                        "evidence", "related")}
    former = set()  # anchors a finding had before: published once, so recorded, and kept landing (the first test)
    cases = sorted((data / "case_studies").glob("*.yaml"))
    assert cases
    for path in cases:
        case = yaml.safe_load(path.read_text(encoding="utf-8"))
        page = f"case-studies/{case['id']}/"
        expected |= {page, f"{page}#evidence"}
        for entry in case["evidence"]:  # the anchors evidence.csv gives for each finding, and any it had before
            expected.add(f"{page}#evidence-{entry['precondition'].lower()}")
            former |= {f"{page}#{old}" for old in entry.get("redirect_from", [])}
    for entry in yaml.safe_load((data / "glossary.yaml").read_text(encoding="utf-8")):
        term = entry["term"].lower().replace(" ", "-").replace("/", "-").replace("'", "")
        expected.add(f"glossary/#{term}")
    for name in ("preconditions", "case-studies", "places", "glossary"):
        expected.add(f"open-data/v1/{name}.json")
    expected.add("open-data/v1/evidence.csv")
    expected |= {f"schema/{path.name}" for path in (ROOT / "schema").glob("*.json")}
    missing = sorted(expected - listed)
    assert not missing, f"the registry tool does not find: {missing}"
    assert set(published_urls.DEPLOY_ONLY) | former <= set(published()) and "/" in published()


@pytest.mark.build
def test_a_renamed_slug_or_id_keeps_its_old_address(tmp_path):
    """A precondition's slug and a case study's id can change: redirect_from keeps the old address working.
    One build for both (the case study is one that was renamed before it came to this copy)."""
    from tests.support import FIXTURES, build, copy_project
    project = copy_project(tmp_path / "project")
    data = project / "data" / "preconditions.yaml"
    text = data.read_text(encoding="utf-8")
    text = text.replace("slug: trusted-partners", "slug: trusted-partnerships\n  redirect_from: [trusted-partners]", 1)
    data.write_text(text, encoding="utf-8")
    case = (FIXTURES / "minimal" / "data" / "case_studies" / "fixtureton-housing.yaml").read_text(encoding="utf-8")
    case = case.replace("id: fixtureton-housing", "id: fixtureton-homes\nredirect_from: [fixtureton-housing]", 1)
    (project / "data" / "case_studies" / "fixtureton-homes.yaml").write_text(case, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    final, html = resolve(site, "preconditions/trusted-partners/")
    assert final == "preconditions/trusted-partnerships/" and 'id="signs-of-absence"' in html
    final, _ = resolve(site, "e/")
    assert final == "preconditions/trusted-partnerships/"
    final, html = resolve(site, "case-studies/fixtureton-housing/")
    assert final == "case-studies/fixtureton-homes/" and "Housing in Fixtureton" in html
