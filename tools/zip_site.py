"""Zip a built site with stable dates and order, so the same commit gives the same archive.

    python tools/zip_site.py SITE ARCHIVE [FILE ...]

Each FILE (the printable cards' PDFs) goes in at the top of the site, beside index.html, where the
cards page of the offline copy links to it.
"""

import sys
import zipfile
from pathlib import Path

DATE = (2015, 11, 1, 0, 0, 0)


def main(site: str, archive: str, *extra: str) -> None:
    site_dir, out = Path(site), Path(archive)
    entries = {path.relative_to(site_dir).as_posix(): path for path in site_dir.rglob("*") if path.is_file()}
    for name in extra:
        path = Path(name)
        if not path.is_file():
            sys.exit(f"zip_site: {name} does not exist")
        entries[path.name] = path
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name in sorted(entries):
            info = zipfile.ZipInfo(f"pattern-library/{name}", date_time=DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, entries[name].read_bytes())
    print(f"wrote {out} ({out.stat().st_size // 1024:,} KB): unzip it and open pattern-library/index.html")


if __name__ == "__main__":
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    main(*sys.argv[1:])
