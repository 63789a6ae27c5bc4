"""Say only what the source says: every Coventry verdict and every finding shows whose statement it is,
wherever the site shows it, and a reading of ours never appears without the label "Our reading"."""

from __future__ import annotations

import csv
import html as html_lib
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from macros import library
from macros.pages import evidence_anchors
from macros.safe_markdown import TextRenderer
from tests.support import read

ROOT = Path(__file__).resolve().parent.parent
LIB = library.load(ROOT)
LABEL = "Our reading"
STATUS_WORDS = re.compile(r"\b(present|absent|mixed|emerging)\b", re.I)
# Where a finding or verdict can sit: the nearest of these before it is the item it belongs to.
ITEM_START = re.compile(r'<li\b|<tr\b|<article\b|class="library-finding"|class="library-verdict"')


def plain(fragment: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", "", fragment)).replace("\xa0", " ").split())


class _Elements(HTMLParser):
    """The text and attributes of every element with a given class, nested elements included."""

    def __init__(self, cls: str):
        super().__init__(convert_charrefs=True)
        self.cls, self.found, self._open = cls, [], []  # _open: [attrs, depth, text parts]

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for item in self._open:
            item[1] += 1
        if self.cls in (attrs.get("class") or "").split():
            self._open.append([attrs, 1, []])

    def handle_endtag(self, tag):
        for item in list(self._open):
            item[1] -= 1
            if item[1] == 0:
                self._open.remove(item)
                self.found.append((item[0], " ".join("".join(item[2]).split())))

    def handle_data(self, data):
        for item in self._open:
            item[2].append(data)


def elements(html: str, cls: str) -> list[tuple[dict, str]]:
    parser = _Elements(cls)
    parser.feed(html)
    return parser.found


def expected_verdict(p) -> tuple[str, list[str]]:
    """The basis a precondition's verdict must show, and the words that must be in its label."""
    v = p.in_the_report
    if v.basis == "reported":
        pages = f"p. {v.pages[0]}" if len(v.pages) == 1 else "pp."
        return "reported", ["The report’s verdict:", f"“{v.verdict}”", pages]
    return ("editorial",
            [f"{LABEL}: {v.presence}", "place scale", f"gives no verdict on this precondition for {v.place}"])


def assert_verdicts(html: str, preconditions, where: str):
    shown = elements(html, "library-verdict")
    assert len(shown) == len(preconditions), f"{where}: {len(shown)} verdicts shown, {len(preconditions)} expected"
    for p, (attrs, text) in zip(preconditions, shown):
        basis, words = expected_verdict(p)
        assert attrs.get("data-basis") == basis, (where, p.id)
        for word in words:
            assert word in text, (where, p.id, word, text)
        if basis == "reported":
            assert LABEL not in text, (where, p.id, text)


def test_the_report_gives_verdicts_for_some_and_we_read_the_others():
    """So that the tests below check both kinds of label against the real data."""
    assert {p.in_the_report.basis for p in LIB.preconditions} == {"reported", "editorial"}
    assert any(e.basis == "editorial" for c in LIB.case_studies for e in c.evidence)


def test_each_precondition_page_shows_its_verdict_with_its_basis(built_site):
    for p in LIB.preconditions:
        html = read(built_site, f"preconditions/{p.slug}/")
        assert_verdicts(html, [p], p.slug)
        assert "Found:" not in plain(html)  # the old label, which read as the report's


@pytest.mark.parametrize("url", ["trainers/cards/", "trainers/reflection/"])
def test_the_cards_and_the_reflection_tool_show_every_verdict_with_its_basis(built_site, url):
    assert_verdicts(read(built_site, url), LIB.preconditions, url)


def test_every_verdict_on_the_site_says_whose_it_is(built_site):
    """Wherever a verdict is shown, it carries one of the two labels."""
    shown = 0
    for page in built_site.rglob("*.html"):
        for attrs, text in elements(page.read_text(encoding="utf-8"), "library-verdict"):
            label = "The report’s verdict:" if attrs.get("data-basis") == "reported" else f"{LABEL}:"
            assert attrs.get("data-basis") in ("reported", "editorial") and text.startswith(label), (page, text)
            shown += 1
    assert shown >= 9  # at least the nine preconditions' own pages


def unlabelled(html: str, snippet: str) -> list[str]:
    """The places in a page where `snippet` is shown with no "Our reading" label in the item around it."""
    out = []
    for match in re.finditer(re.escape(snippet), html):
        starts = [m.start() for m in ITEM_START.finditer(html, 0, match.start())]
        item = html[starts[-1] if starts else 0:match.start()]
        if LABEL not in plain(item) and "(our reading)" not in plain(item):
            out.append(plain(html[max(0, match.start() - 200):match.end()]))
    return out


def editorial_findings():
    render = TextRenderer()  # no glossary: the first words of a finding, before any tooltip could split them
    for case in LIB.case_studies:
        for entry, anchor in zip(case.evidence, evidence_anchors(case)):
            if entry.basis == "editorial":
                first_words = re.match(r"<p>([^<]{20,80}?)[\s.,;:<]", str(render.block(entry.finding))).group(1)
                yield case, entry, anchor, first_words


def test_the_check_finds_a_reading_shown_without_its_label():
    """The scan below can fail: an item without the label is found, one with it is not."""
    labelled = ('<li><p><a href="x">A case</a> · <span class="library-basis">Our reading</span></p><p>Our words '
                'here.</p></li>')
    bare = ('<li><p><a href="x">A case</a> · <span class="library-basis">Reported in the source</span></p><p>Our words '
            'here.</p></li>')
    assert unlabelled(labelled, "Our words here") == []
    assert len(unlabelled(labelled + bare, "Our words here")) == 1


def test_no_reading_of_ours_is_shown_without_its_label(built_site):
    """Every page that shows an editorial finding, or links to it with its status, labels it as ours."""
    findings = list(editorial_findings())
    assert findings
    shown_on = {}
    for page in built_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for case, _entry, anchor, words in findings:
            if words in html:
                shown_on.setdefault((case.id, anchor), []).append(page.relative_to(built_site).as_posix())
                assert not unlabelled(html, words), (page, case.id, anchor, unlabelled(html, words))
            to_finding = rf'<a [^>]*href="[^"]*case-studies/{case.id}/(?:index\.html)?#{anchor}"[^>]*>(.*?)</a>'
            for link in re.finditer(to_finding, html, re.S):
                # a matrix cell or an explorer entry: the status is the reading
                if STATUS_WORDS.search(plain(link.group(1))):
                    assert LABEL in plain(link.group(1)), (page, case.id, anchor, plain(link.group(1)))
    for case, entry, anchor, _words in findings:
        slug = LIB.by_letter[entry.precondition].slug
        # At least its own case study and its precondition's evidence list show it.
        assert ({f"case-studies/{case.id}/index.html", f"preconditions/{slug}/index.html"}
                <= set(shown_on[(case.id, anchor)]))


def test_each_finding_on_its_case_study_shows_its_basis(built_site):
    for case in LIB.case_studies:
        html = read(built_site, f"case-studies/{case.id}/")
        shown = [text for _, text in elements(html, "library-finding")]
        assert len(shown) == len(case.evidence), case.id
        for entry, text in zip(case.evidence, shown):
            assert ("Our reading" if entry.basis == "editorial"
                    else "Reported in the source") in text, (case.id, entry.precondition)


def test_the_open_data_keeps_every_basis(built_site):
    folder = built_site / "open-data" / "v1"
    preconditions = {r["id"]: r
                     for r in json.loads((folder / "preconditions.json").read_text(encoding="utf-8"))["records"]}
    for p in LIB.preconditions:
        verdict = preconditions[p.id]["in_the_report"]
        assert verdict["basis"] == p.in_the_report.basis
        if verdict["basis"] == "reported":
            assert verdict["verdict"] and verdict["pages"] and verdict["presence"] is None, p.id
        else:
            assert verdict["presence"] and verdict["verdict"] is None, p.id
    cases = {r["id"]: r for r in json.loads((folder / "case-studies.json").read_text(encoding="utf-8"))["records"]}
    for case in LIB.case_studies:
        assert [e["basis"] for e in cases[case.id]["evidence"]] == [e.basis for e in case.evidence], case.id
    rows = list(csv.DictReader(io.StringIO((folder / "evidence.csv").read_text(encoding="utf-8"))))
    assert len(rows) == sum(len(c.evidence) for c in LIB.case_studies)
    by_finding = {(c.id, e.precondition): e.basis for c in LIB.case_studies for e in c.evidence}
    for row in rows:
        assert row["basis"] == by_finding[(row["case_study"], row["precondition"])], row["page_url"]
    assert "editorial" in json.loads((folder / "preconditions.json").read_text(encoding="utf-8"))["licence"]


def test_the_vignettes_are_shown_as_our_summaries(built_site):
    for p in LIB.preconditions:
        html = read(built_site, f"preconditions/{p.slug}/")
        source = plain(elements(html, "library-vignette__source")[0][1])
        assert "Our summary" in source and f"(p. {p.vignette.pages[0]})" in source and "not a quotation" in source
    cards = read(built_site, "trainers/cards/")
    deck = cards[cards.index('data-deck="vignettes"'):]
    assert "<blockquote" not in deck and "A person’s view" not in deck  # never presented as a person's own words
    assert deck.count("Our summary: CC BY 4.0") == len(LIB.preconditions)
    first = cards[cards.index('data-deck="preconditions"'):cards.index('data-deck="vignettes"')]
    assert first.count("Our wording: CC BY 4.0") == len(LIB.preconditions)
    assert first.count("words in quotation marks: © Collaborate CIC") == len(LIB.preconditions)
    overview = read(built_site, "framework/for-a-person/")
    assert "written by the report" not in plain(overview)
    assert plain(overview).count("Our summary of the report’s example") == len(LIB.preconditions)


def test_every_page_that_shows_a_scale_names_it_and_links_its_key(built_site):
    """Two scales, one word each for one meaning: the evidence scale (a piece of work) and the place scale (a whole
    place)."""
    from macros.schema import PRESENCE, STATUSES
    assert not set(PRESENCE) & set(STATUSES)
    key = read(built_site, "explore/matrix/")
    assert all(f"<strong>{s.capitalize()}</strong>" in key for s in STATUSES) and "evidence scale" in plain(key)
    reflection = read(built_site, "trainers/reflection/")
    scale = reflection[reflection.index('id="place-scale"'):reflection.index('id="privacy"')]
    assert [plain(dt) for dt in re.findall(r"<dt>(.*?)</dt>", scale)] == [w.capitalize() for w in PRESENCE]
    pages = {"explore/matrix/#key": [f"preconditions/{p.slug}/" for p in LIB.preconditions]
             + [f"case-studies/{c.id}/" for c in LIB.case_studies]
             + ["case-studies/", "explore/case-studies/", "explore/tags/"],
             "trainers/reflection/#place-scale": ["explore/matrix/", "trainers/reflection/"]}
    for target, urls in pages.items():
        name = "evidence scale" if "matrix" in target else "place scale"
        page, anchor = target.split("#")
        for url in urls:
            links = re.findall(r'<a href="([^"]*)"[^>]*>(?:<abbr[^>]*>)?([^<]*)', read(built_site, url))
            assert any(href.endswith(f"{page.rstrip('/').rsplit('/', 1)[-1]}/#{anchor}")
                       or (url == page and href in (f"#{anchor}", f"./#{anchor}"))
                       for href, text in links if text.strip() == name), (url, name)
    for p in LIB.preconditions:  # an editorial verdict names the place scale and links it
        if p.in_the_report.basis == "editorial":
            assert 'place-scale">place scale</a>' in read(built_site, f"preconditions/{p.slug}/"), p.id
    glossary = plain(read(built_site, "glossary/"))
    for term in ("evidence scale", "place scale", "Coventry verdict", "Our reading"):
        assert term in glossary, term
