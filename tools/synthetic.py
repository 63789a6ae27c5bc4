"""Synthetic case studies for the benchmark: N valid YAML files that read like real contributions.

    python tools/synthetic.py N FOLDER [--seed S]

writes N case studies into FOLDER (normally a copy's data/case_studies). The
same N and seed give the same files. Each one has a place, two to five themes,
three to nine evidence entries spread over the nine preconditions and four
statuses, and findings, problems and lessons of realistic length (a few
hundred words in all), so that pages, search index and build time grow as
they would with real contributions. The text is invented from the phrase
lists in tools/synthetic_words.py; it describes no real programme.
"""

from __future__ import annotations

import argparse
import random
import sys
from datetime import date, timedelta
from pathlib import Path

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from macros.slugs import slugify
from tools.synthetic_words import (
    CONTEXT_OPENINGS,
    CONTEXT_PROBLEMS,
    CONTEXT_RESPONSES,
    COUNCIL,
    DETAILS,
    DID_NOT_WORK,
    FINDINGS,
    LESSONS,
    PARTNERS,
    PLACES,
    PROGRAMME_NAMES,
    QUESTIONS,
    THEMES,
)

LETTERS = "ABCDEFGHI"
# Real contributions report what was in place more often than what was missing.
STATUS_WEIGHTS = {"present": 4, "emerging": 2, "mixed": 2, "absent": 2}


class _Dumper(yaml.SafeDumper):
    """The library's YAML reader refuses anchors and aliases: never write any."""

    def ignore_aliases(self, data):
        return True


def _fill(template: str, slots: dict, rng: random.Random) -> str:
    return template.format(n=rng.randint(20, 900), **slots)


def _evidence(index: int, rng: random.Random, slots: dict) -> list[dict]:
    """3 to 9 entries; the first entries of successive case studies cycle the letters and statuses, so
    any 9 in a row use all nine preconditions and all four statuses."""
    count = rng.randint(3, 9)
    # one entry each
    letters = ([LETTERS[index % 9]] + rng.sample([x for x in LETTERS if x != LETTERS[index % 9]], count - 1))
    statuses = list(STATUS_WEIGHTS)
    out = []
    for position, letter in enumerate(sorted(letters)):
        status = statuses[index % 4] if letter == LETTERS[index % 9] and position == sorted(letters).index(letter) \
            else rng.choices(statuses, weights=STATUS_WEIGHTS.values())[0]
        finding = " ".join([_fill(rng.choice(FINDINGS[letter][status]), slots, rng),
                            *(_fill(d, slots, rng) for d in rng.sample(DETAILS[status], rng.randint(1, 2)))])
        # Mostly the contributor's own account; now and then an editor's reading, labelled as such on the pages.
        entry = {"precondition": letter, "status": status, "basis": "editorial" if rng.random() < 0.1 else "reported",
                 "finding": finding}
        if rng.random() < 0.6:
            entry["pages"] = sorted(rng.sample(range(2, 60), rng.randint(1, 3)))
        out.append(entry)
    return out


def case_study(index: int, rng: random.Random, taken: set[str]) -> dict:
    """One case study as the data a contributor would write; its id is added to `taken`."""
    place, kind, area = rng.choice(PLACES)
    themes = rng.sample(sorted(THEMES), rng.randint(2, 5))
    partners = rng.sample(PARTNERS, 4)
    slots = {
        "place": place, "kind": kind, "area": area, "group": THEMES[themes[0]],
        "council": COUNCIL[kind].format(place=place),
        "partner": partners[0].format(place=place, area=area), "partner2": partners[1].format(place=place, area=area),
        "programme": rng.choice(PROGRAMME_NAMES),
    }
    case_id = base = slugify(f"{place} {themes[0]}")
    suffix = 2
    while case_id in taken:
        case_id, suffix = f"{base}-{suffix}", suffix + 1
    taken.add(case_id)
    start = rng.randint(2012, 2024)
    title = rng.choice([f"{themes[0].capitalize()} in {place}", f"{slots['programme']}: {themes[0]} in {place}",
                        f"{place}'s {slots['programme']} programme"])
    organisations = [slots["council"]] + [p.format(place=place, area=area) for p in partners]
    maturity = rng.choices(["draft", "published", "reviewed"], weights=[1, 3, 2])[0]
    data = {
        "id": case_id,
        "title": title,
        "place": place,
        "themes": themes,
        "period": rng.choice([f"{start} to {start + rng.randint(1, 4)}", f"From {start}",
                              f"As reported in {start + 1}"]),
        "summary": _fill(f"{slots['council']} and its partners changed how {{group}} were supported, "
                         + rng.choice(["with some lasting gains and some setbacks.",
                                       "learning as much from what failed as from what worked.",
                                       "and the work is still going on."]), slots, rng),
        "context": "\n\n".join(_fill(rng.choice(part), slots, rng)
                               for part in (CONTEXT_OPENINGS, CONTEXT_PROBLEMS, CONTEXT_RESPONSES)),
        "organisations": organisations[: rng.randint(2, 5)],
        "evidence": _evidence(index, rng, slots),
        "what_did_not_work": [_fill(t, slots, rng) for t in rng.sample(DID_NOT_WORK, rng.randint(1, 3))],
        "lessons": [_fill(t, slots, rng) for t in rng.sample(LESSONS, rng.randint(2, 4))],
        "questions": [_fill(t, slots, rng) for t in rng.sample(QUESTIONS, rng.randint(2, 4))],
        "sources": [{"title": f"{slots['programme']} in {place}: evaluation report", "publisher": slots["partner"],
                     "year": start + 2}],
        "contributors": [slots["council"]],
        "licence": rng.choice(["CC-BY-4.0", "CC-BY-4.0", "CC-BY-SA-4.0", "CC0-1.0"]),
        "maturity": maturity,
    }
    if maturity != "draft":
        reviewed = date(2025, 1, 1) + timedelta(days=rng.randint(0, 600))
        data["last_reviewed"] = reviewed.isoformat()
        data["next_review"] = (reviewed + timedelta(days=365)).isoformat()
    return data


def generate(n: int, folder: Path, seed: int = 7) -> list[Path]:
    """Write n case studies into `folder` (created if need be), never reusing an id already there."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    taken = {p.stem for p in folder.glob("*.yaml")}
    written = []
    for index in range(n):
        data = case_study(index, rng, taken)
        path = folder / f"{data['id']}.yaml"
        path.write_text(yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100),
                        encoding="utf-8")
        written.append(path)
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, help="how many case studies to write")
    parser.add_argument("folder", type=Path, help="where to write them, e.g. a copy's data/case_studies")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    print(f"wrote {len(generate(args.n, args.folder, args.seed))} case studies to {args.folder}")


if __name__ == "__main__":
    main()
