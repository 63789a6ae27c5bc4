"""The library's data as downloadable files: JSON per record type, CSV of evidence, the JSON Schemas.

The URLs are part of the library's promise to people who reuse the data: `open-data/v1/`
changes only in ways that add fields; a breaking change would go to `v2/` beside it.
"""

from __future__ import annotations

import csv
import io
import json

from . import json_schema, urls
from .escaping import csv_cell
from .library import Library, as_data
from .outputs import GeneratedFile
from .urls import evidence_anchors

FOLDER = "open-data/v1"
LICENCE = ("The library's own text is CC BY 4.0; each case study also states its licence. The nine preconditions, "
           "their names and structure, the examples the vignettes summarise and every verdict quoted from the report "
           "are from 'Behaving like a system?' by Sarah Billiald and La Toyah McAllister-Jones, (c) Collaborate CIC "
           "2015, used with attribution and not covered by the library's licence. A basis of 'editorial' marks our "
           "reading, not the source's.")
CSV_COLUMNS = ("case_study", "case_study_title", "place", "precondition", "precondition_title", "status", "finding",
               "maturity", "page_url",
               "basis")  # added last, so scripts that read the columns by position keep working


def files(library: Library, site_url: str) -> list[GeneratedFile]:
    site_url = site_url.rstrip("/") + "/"
    out = [
        _json("preconditions", library.preconditions, "preconditions.schema.json", "data/preconditions.yaml", site_url),
        _json("case-studies", library.case_studies, "case-study.schema.json", "data/case_studies/", site_url),
        _json("places", library.places, "places.schema.json", "data/places.yaml", site_url),
        _json("glossary", library.glossary, "glossary.schema.json", "data/glossary.yaml", site_url),
        GeneratedFile(f"{FOLDER}/evidence.csv", evidence_csv(library, site_url)),
    ]
    out += [GeneratedFile(f"schema/{name}", text) for name, text in json_schema.render_all().items()]
    return out


def _json(name: str, records, schema_file: str, source: str, site_url: str) -> GeneratedFile:
    document = {
        "name": name,
        "licence": LICENCE,
        "source": source,
        "schema": f"{site_url}schema/{schema_file}",
        "records": [as_data(r) for r in records],
    }
    # Compact: these files are for programs (a browser's JSON viewer lays them out for people).
    return GeneratedFile(f"{FOLDER}/{name}.json",
                         json.dumps(document, ensure_ascii=False, separators=(",", ":")) + "\n")


def evidence_csv(library: Library, site_url: str) -> str:
    """One row per evidence entry, with the address of the finding on the site; no cell starts a formula."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for case in library.case_studies:
        page = site_url + urls.page_url(urls.case_study(case))
        for entry, anchor in zip(case.evidence, evidence_anchors(case)):
            row = (case.id, case.title, case.place, entry.precondition, library.by_letter[entry.precondition].title,
                   entry.status, entry.finding, case.maturity, f"{page}#{anchor}", entry.basis)
            writer.writerow([csv_cell(cell) for cell in row])
    return buffer.getvalue()
