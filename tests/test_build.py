"""Real strict builds of the site: generated pages, links both ways, search, safety, failing on error."""

from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest

from macros import library, pages
from tests.support import FIXTURES, ROOT, build, copy_project, pagefind_pages, read, section

NEW_CASE = FIXTURES / "minimal" / "data" / "case_studies" / "fixtureton-housing.yaml"

HOSTILE = """\
id: hostile-text
title: "Hostile <script>alert('t')</script> {{ 7*7 }}"
place: Coventry
themes: [housing]
period: "{{ cycler.__init__.__globals__.os.name }}"
summary: "<img src=x onerror=\\"alert('s')\\"> {{ 7*7 }}"
context: |
  {% for x in range(3) %}loop{% endfor %}

  --8<-- "mkdocs.yml"

  <script>alert('c')</script>
organisations: ["<b>Bold</b> Org"]
evidence:
  - precondition: E
    status: mixed
    basis: editorial
    finding: "{{ cycler.__init__.__globals__.os.name }} and <iframe src=x></iframe>"
what_did_not_work: ["{# a comment #} stays"]
lessons: ["[x](https://example.org/lesson) <a href=x onclick=alert('l')>y</a>"]
questions: ["<svg onload=alert('q')>?"]
sources: [{title: "Notes </title><script>alert('src')</script>"}]
contributors: [Fixture editors]
licence: CC-BY-4.0
maturity: draft
"""


@pytest.fixture(scope="module")
def project_build(tmp_path_factory):
    """The real project, plus one case study full of hostile text, built once for these tests."""
    root = tmp_path_factory.mktemp("project")
    project = copy_project(root / "project")
    (project / "data" / "case_studies" / "hostile-text.yaml").write_text(HOSTILE, encoding="utf-8")
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return project, site, result, library.load(project)


def test_strict_build_passes_without_warnings(project_build):
    _, _, result, _ = project_build
    assert "WARNING" not in result.stderr and "Traceback" not in result.stderr


def test_a_page_per_record_and_index_pages(project_build):
    _, site, _, lib = project_build
    for p in lib.preconditions:
        assert f'href="{p.slug}/"' in read(site, "preconditions/")
        assert p.summary.split()[0] in read(site, f"preconditions/{p.slug}/")
    for c in lib.case_studies:
        assert (site / "case-studies" / c.id / "index.html").exists()
        assert f'href="{c.id}/"' in read(site, "case-studies/")
    for place in lib.all_places:
        assert (site / "places" / place.slug / "index.html").exists()


MATURITY_RANK = {"reviewed": 0, "published": 1, "draft": 2}


def best_first(pairs):
    """(case study, finding) pairs as a precondition page lists them: reviewed first, then published, then drafts;
    within each, the most recently reviewed first; then by title."""
    return sorted(pairs,
                  key=lambda pair: (MATURITY_RANK[pair[0].maturity], -_day(pair[0].last_reviewed),
                                    pair[0].title.lower()))


def _day(iso: str | None) -> int:
    return date.fromisoformat(iso).toordinal() if iso else 0


def test_precondition_pages_list_their_evidence_grouped_by_status(project_build):
    _, site, _, lib = project_build
    for p in lib.preconditions:
        page = read(site, f"preconditions/{p.slug}/")
        for status, entries in lib.evidence_by_status(p.id).items():
            if not entries:  # no heading, but the anchor stays: it may be a published address
                assert (not re.search(rf'<h3 id="evidence-{status}"', page)
                        and f'<span id="evidence-{status}"></span>' in page)
                continue
            listed = section(page, f"evidence-{status}")
            shown = re.findall(r'href="\.\./\.\./case-studies/([a-z0-9-]+)/#(evidence-[a-z0-9-]+)"', listed)
            want = best_first(entries)[:5]
            assert (shown
                    == [(case.id, pages.evidence_anchors(case)[case.evidence.index(entry)])
                        for case, entry in want]), (p.id, status)
            more = f'href="../../explore/case-studies/?precondition={p.id}&amp;status={status}"'
            assert (more in listed) == (len(entries) > 5), (p.id, status)


def test_case_studies_link_every_precondition_they_cite(project_build):
    _, site, _, lib = project_build
    for c in lib.case_studies:
        page = read(site, f"case-studies/{c.id}/")
        for entry, anchor in zip(c.evidence, pages.evidence_anchors(c)):
            assert f'href="../../preconditions/{lib.by_letter[entry.precondition].slug}/"' in page
            assert f'id="{anchor}"' in page
        assert f'href="../../places/{lib.place_by_name[c.place].slug}/"' in page


def test_related_preconditions_link_each_other(project_build):
    _, site, _, lib = project_build
    for p in lib.preconditions:
        page = read(site, f"preconditions/{p.slug}/")
        for rel in p.related:
            target = lib.by_letter[rel.precondition]
            assert f'href="../{target.slug}/"' in section(page, "related")
            other = read(site, f"preconditions/{target.slug}/")
            assert f'href="../{p.slug}/"' in section(other, "related")  # and back


def test_short_links_redirect_to_the_precondition(project_build):
    _, site, _, lib = project_build
    for p in lib.preconditions:
        redirect = (site / p.id.lower() / "index.html").read_text(encoding="utf-8")
        assert f'content="0; url=../preconditions/{p.slug}/"' in redirect


def test_every_record_is_in_the_search_index(project_build):
    _, site, _, lib = project_build
    indexed = pagefind_pages(site)
    for c in lib.case_studies:
        assert c.evidence[0].finding.split()[0] in indexed[f"/case-studies/{c.id}/"]
    for p in lib.preconditions:
        for alias in p.aliases:
            assert alias.lower() in indexed[f"/preconditions/{p.slug}/"].lower()
    assert not any(url.startswith("/e/") for url in indexed)  # redirects are not results


def test_contributed_text_renders_inert(project_build):
    _, site, _, _ = project_build
    page = read(site, "case-studies/hostile-text/")
    body = page[page.index('<article'):page.index('</article>')]
    assert "{{ 7*7 }}" in body and ">49<" not in body and " 49 " not in body
    assert "{{ cycler.__init__.__globals__.os.name }}" in body and "posix" not in page
    assert "{% for x in range(3) %}loop{% endfor %}" in body and "looploop" not in body
    assert "{# a comment #} stays" in body
    assert '--8&lt;-- "mkdocs.yml"' in body and "site_name" not in page
    for tag in ["<script>alert", "<img src=x", "<iframe", "<svg onload", "<b>Bold"]:
        assert tag not in page, tag
    assert ("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt;" in page
            or "&lt;script&gt;alert('t')&lt;/script&gt;" in page)
    assert ("onclick" not in page.replace("onclick=alert(&#39;l&#39;)", "").replace("onclick=alert('l')", "")
            and "<a href=x" not in page)
    title = re.search(r"<title>(.*?)</title>", page, re.S).group(1)
    assert "<script" not in title and "&lt;script&gt;" in title
    description = re.search(r'<meta name="description" content="([^"]*)"', page).group(1)
    assert "<img" not in description


def test_hostile_text_does_not_touch_other_pages(project_build):
    _, site, _, lib = project_build
    e = read(site, "preconditions/trusted-partners/")
    assert "<script>alert" not in e and "&lt;iframe src=x&gt;" in e  # the hostile finding is listed, inert
    for case, _ in lib.evidence["E"]:
        assert f'href="../../case-studies/{case.id}/' in e


def test_hostile_text_does_not_touch_other_case_studies(project_build):
    project, site, _, lib = project_build
    clean = copy_project(project.parent / "clean-project")
    clean_site = project.parent / "clean-site"
    assert build(clean, clean_site).returncode == 0
    for case in lib.case_studies:
        if case.id != "hostile-text":
            assert read(site, f"case-studies/{case.id}/") == read(clean_site, f"case-studies/{case.id}/"), case.id


def test_every_page_ends_with_links_to_the_file_behind_it(project_build):
    project, site, _, _ = project_build
    pages_seen = 0
    for html_file in sorted(site.rglob("index.html")):
        page = html_file.read_text(encoding="utf-8")
        if 'http-equiv="refresh"' in page or html_file.parent.name in ("search", "404"):
            continue  # redirects and the search page carry no content of their own
        pages_seen += 1
        where = html_file.relative_to(site)
        assert "Help improve this page" in page, where
        sources = re.findall(r'data-library-source="([^"]+)"', page)
        assert sources, where
        for source in sources:
            assert (project / source).exists(), (where, source)
        report = re.search(r'href="([^"]*issues/new\?template=problem\.yml[^"]*)"', page).group(1)
        assert "%26amp%3B" not in report and "%26lt%3B" not in report, where  # the title is not escaped twice
    assert pages_seen > 40
    # The words of a generated page are in its record, and a page that shows data names that file too.
    assert 'data-library-source="data/case_studies/hostile-text.yaml"' in read(site, "case-studies/hostile-text/")
    assert 'data-library-source="data/preconditions.yaml"' in read(site, "preconditions/trusted-partners/")
    assert 'data-library-source="data/preconditions.yaml"' in read(site, "preconditions/")
    assert 'data-library-source="data/glossary.yaml"' in read(site, "glossary/")
    assert 'data-library-source="docs/index.md"' in read(site, "")


def test_pages_that_show_data_name_their_data_files():
    showing = 0
    for doc in sorted((ROOT / "docs").rglob("*.md")):
        text = doc.read_text(encoding="utf-8")
        if "library_block(" in text:
            front = text.split("\n---\n", 1)[0]
            assert "data_sources:" in front, (f"{doc.relative_to(ROOT)} shows data: name the files in its front matter "
                                              "(data_sources)")
            showing += 1
    assert showing


DRAFT = ("An editor has checked that this case study is safe to publish, but has not yet checked it against every "
         "review criterion")


def test_drafts_are_marked(project_build):
    _, site, _, lib = project_build
    assert DRAFT in read(site, "case-studies/hostile-text/")
    for c in lib.case_studies:
        if c.maturity != "draft":
            assert DRAFT not in read(site, f"case-studies/{c.id}/")


def test_the_draft_notice_says_what_the_review_guide_says_draft_means(project_build):
    """A draft is in the library because an editor found it safe; it is not yet checked against every criterion."""
    _, site, _, _ = project_build
    notice = read(site, "case-studies/hostile-text/")
    guide = (ROOT / "docs" / "contribute" / "review.md").read_text(encoding="utf-8")
    draft_row = next(line for line in guide.splitlines() if line.startswith("| draft |"))
    assert "an editor has confirmed it is safe to publish" in draft_row and "safe to publish" in notice
    assert 'href="../../contribute/review/#maturity"' in notice


@pytest.mark.build
def test_adding_one_yaml_file_publishes_a_case_study(tmp_path):
    project = copy_project(tmp_path / "project")
    new = NEW_CASE.read_text(encoding="utf-8")
    new = new.replace("id: fixtureton-housing", "id: newtown-youth").replace("Housing in Fixtureton",
                                                                             "Youth work in Newtown")
    new = new.replace("place: Fixtureton", "place: Newtown").replace("Fixture finding that E was present.",
                                                                     "Newtown partners shared a budget.")
    (project / "data" / "case_studies" / "newtown-youth.yaml").write_text(new, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    page = read(site, "case-studies/newtown-youth/")
    assert "Youth work in Newtown" in page and "Newtown partners shared a budget." in page
    e_page = read(site, "preconditions/trusted-partners/")
    assert ('href="../../case-studies/newtown-youth/#evidence-e"' in e_page
            and "Newtown partners shared a budget." in e_page)
    h_page = read(site, "preconditions/resilient-and-risk-embracing/")
    assert 'href="../../case-studies/newtown-youth/#evidence-h"' in h_page
    assert 'id="evidence-h-2"' in page  # the fixture's former anchor still lands on its finding
    assert (site / "places" / "newtown" / "index.html").exists()  # a new place gets a page too
    assert "Youth work in Newtown" in read(site, "case-studies/")
    assert "Newtown partners shared a budget." in pagefind_pages(site)["/case-studies/newtown-youth/"]


@pytest.mark.build
def test_bad_data_stops_the_build_with_one_line_per_problem(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "data" / "case_studies" / "newtown-youth.yaml").write_text(
        NEW_CASE.read_text(encoding="utf-8").replace("id: fixtureton-housing", "id: newtown-youth")
        .replace("status: present", "status: presnt", 1),
        encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert ("data/case_studies/newtown-youth.yaml:11: evidence[1].status: 'presnt' is not a status; did you mean "
            "'present'?" in result.stderr)
    assert not (tmp_path / "site" / "index.html").exists()


@pytest.mark.parametrize("page, text, message", [
    ("docs/broken-macro.md", "---\nrender_macros: true\n---\n\n{{ no_such_thing }}\n", "no_such_thing"),
    ("docs/broken-macro.md", "---\nrender_macros: true\n---\n\n{{ precondition_link('K') }}\n", "K"),
    ("docs/broken-link.md", "A [broken link](no-such-page.md).\n", "no-such-page.md"),
    ("docs/broken-anchor.md", "A [broken anchor](preconditions/trusted-partners.md#no-such-section).\n",
     "no-such-section"),
])
def test_macro_errors_and_warnings_fail_the_strict_build(tmp_path, page, text, message):
    project = copy_project(tmp_path / "project")
    (project / page).write_text(text, encoding="utf-8")
    result = build(project, tmp_path / "site")
    assert result.returncode != 0, result.stderr[-2000:]
    # It fails for this page's fault, said in a line that names the page, not for some other reason.
    named = [line for line in result.stderr.splitlines() if Path(page).name in line or message in line]
    assert any(message in line for line in named), result.stderr[-2000:]


@pytest.mark.build
def test_pages_without_render_macros_are_not_templates(tmp_path):
    project = copy_project(tmp_path / "project")
    (project / "docs" / "plain.md").write_text("# Plain\n\nShown as written: {{ 7*7 }}.\n", encoding="utf-8")
    site = tmp_path / "site"
    assert build(project, site).returncode == 0
    assert "{{ 7*7 }}" in read(site, "plain/")


@pytest.mark.slow
def test_properdocs_builds_the_same_site(tmp_path, project_build):
    project, site, _, _ = project_build
    other = tmp_path / "properdocs-site"
    result = build(project, other, tool="properdocs")
    assert result.returncode == 0, result.stderr
    generator = re.compile(r'<meta name="generator" content="[^"]*">')

    def files(root):  # Pagefind names its chunks by hashes of the pages, which include the generator tag
        return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file() and "pagefind" not in p.parts)

    assert files(site) == files(other)
    for rel in files(site):
        if rel.suffix == ".html":
            a = generator.sub("", (site / rel).read_text(encoding="utf-8"))
            b = generator.sub("", (other / rel).read_text(encoding="utf-8"))
            assert a == b, rel
        else:
            assert (site / rel).read_bytes() == (other / rel).read_bytes(), rel
    assert pagefind_pages(site) == pagefind_pages(other)


def test_each_finding_links_to_the_case_studies_with_the_same_evidence(project_build):
    _, site, _, lib = project_build
    tags = read(site, "explore/tags/")
    for case in lib.case_studies:
        page = read(site, f"case-studies/{case.id}/")
        for entry in case.evidence:
            query = f"precondition={entry.precondition}&amp;status={entry.status}"
            assert f'href="../../explore/case-studies/?{query}"' in page, (case.id, query)
            anchor = pages.tag_anchor(f"Evidence/{entry.precondition} {entry.status}")
            tag = re.search(rf'<li class="library-tags__entry" id="{re.escape(anchor)}">.*?</li>', tags).group(0)
            assert f'href="../case-studies/?{query}"' in tag, (case.id, query)  # and the tags page leads to the same


def test_the_online_site_carries_no_unused_theme_files(project_build):
    _, site, _, _ = project_build
    assert not (site / "assets" / "javascripts" / "lunr").exists()
    assert not list((site / "assets").rglob("*.map"))
    assert not list((site / "assets" / "javascripts" / "workers").glob("search.*"))
    assert (site / "pagefind" / "pagefind.js").exists()
