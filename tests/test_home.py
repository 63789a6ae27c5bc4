"""The home page shows the nine at a glance, from the data: each precondition in its group, with its one-line
summary and how much evidence the library holds on it, and a way in for each kind of reader (issue 21).

Every expectation is read from the data files, never a fixed number, so a contributor's new case study changes
what the page shows and what these tests expect alike.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from macros.safe_markdown import TextRenderer
from macros.schema import STATUSES
from tests.support import build, copy_project, read
from tests.support.listings import expected_totals, glance, raw_preconditions, text, without_links

ROOT = Path(__file__).resolve().parent.parent


def expected_glance(root: Path) -> dict[str, list[dict]]:
    """What the home page should show, from the data files of the project at `root`."""
    renderer = TextRenderer()
    totals = expected_totals(root)
    out: dict[str, list[dict]] = {}
    for p in raw_preconditions(root):
        n, statuses = totals[p["id"]]
        found = ", ".join(f"{statuses[s]:,} {s}" for s in STATUSES if statuses[s])
        evidence = (f"Evidence: {n:,} case stud{'y' if n == 1 else 'ies'}" + (f" ({found})" if found else "")) if n \
            else "No case study yet: add one"
        out.setdefault(p["group"], []).append({
            "letter": p["id"], "name": f"{p['id']} {p['id']}. {p['short_title']}",
            "summary": text(renderer.inline(p["summary"])), "evidence": evidence,
        })
    return out


def test_the_home_page_shows_the_nine_in_their_groups_with_their_summaries_and_evidence(built_site):
    shown = glance(read(built_site, ""))
    assert sum(len(items) for items in shown.values()) > 0  # the comparison below compares something
    assert list(shown) == ["vision", "behaviours"]
    assert without_links(shown) == expected_glance(ROOT)
    slugs = {p["id"]: p["slug"] for p in raw_preconditions(ROOT)}
    for item in (item for items in shown.values() for item in items):
        page = f"preconditions/{slugs[item['letter']]}/"
        assert item["links"][0] == page  # the name opens its page
        n = expected_totals(ROOT)[item["letter"]][0]
        assert item["links"][1] == (page + "#evidence" if n else "contribute/")  # the count opens the evidence


def test_the_home_page_gives_each_kind_of_reader_a_start(built_site):
    page = read(built_site, "")
    for reader, start in [("for-practitioners", "preconditions/"), ("for-places", "case-studies/"),
                          ("for-trainers", "trainers/")]:
        card = page[page.index(f'id="{reader}"'):]
        card = card[:card.index("</div>")]
        assert f'<a class="md-button" href="{start}">' in card, reader


def change_summary(project: Path, letter: str, summary: str) -> None:
    """Give one precondition a new summary in the project's data/preconditions.yaml, whatever form it was written in."""
    path = project / "data" / "preconditions.yaml"
    raw = path.read_text(encoding="utf-8")
    changed = re.sub(rf"(- id: {letter}\n(?:  .*\n)*?  summary: )(?:>-?\n(?:    .*\n)+|.*\n)", rf"\g<1>{summary}\n",
                     raw, count=1)
    assert changed != raw
    path.write_text(changed, encoding="utf-8")
    assert next(p for p in yaml.safe_load(changed) if p["id"] == letter)["summary"] == summary


@pytest.mark.slow
def test_a_new_summary_or_case_study_changes_what_the_home_page_shows(tmp_path):
    """A precondition's summary rewritten and one more published case study: the home page follows the data."""
    project = copy_project(tmp_path / "project")
    before = expected_glance(project)
    change_summary(project, "E", "Partners understand what matters to each other, and say so.")
    source = (project / "data" / "case_studies" / "coventry-ignite.yaml").read_text(encoding="utf-8")
    assert "id: coventry-ignite\n" in source and "maturity: draft" not in source
    another = source.replace("id: coventry-ignite\n",
                             "id: coventry-ignite-again\n").replace("title: ", "title: Again, ", 1)
    (project / "data" / "case_studies" / "coventry-ignite-again.yaml").write_text(another, encoding="utf-8")
    site = tmp_path / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    after = expected_glance(project)
    assert without_links(glance(read(site, ""))) == after
    assert (next(i for i in after["behaviours"] if i["letter"] == "E")["summary"]
            == "Partners understand what matters to each other, and say so.")
    letters = {e["precondition"] for e in yaml.safe_load(another)["evidence"]}
    changed = {i["letter"] for group in after for i, j in zip(after[group], before[group]) if i["evidence"]
               != j["evidence"]}
    assert letters and changed == letters
