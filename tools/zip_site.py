"""Zip a built site with stable dates and order, so the same commit gives the same archive."""

import sys
import zipfile
from pathlib import Path


def main(site: str, archive: str) -> None:
    site_dir, out = Path(site), Path(archive)
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site_dir.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"pattern-library/{path.relative_to(site_dir).as_posix()}", date_time=(2015, 11, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, path.read_bytes())
    print(f"wrote {out} ({out.stat().st_size // 1024:,} KB): unzip it and open pattern-library/index.html")


if __name__ == "__main__":
    main(*sys.argv[1:3])
