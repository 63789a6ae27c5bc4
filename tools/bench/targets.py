"""The figures the benchmark holds the library to (issue 14), and the build they are measured at."""

KB = 1024
MB = 1024 * 1024

TARGETS = {
    "build_real_s": 5.0,
    "build_1000_s": 10.0,
    # The marginal cost per case study, N = 100 to 1,000, may exceed that of N = 10 to 100 by this much.
    "per_case_flat": 0.20,
    "site_bytes_1000": 30 * MB,
    "content_html_bytes": 25 * KB,
    "precondition_first_load_gzip": 150 * KB,
    "search_bytes_gzip": 100 * KB,
    "search_ms": 300.0,
    "listing_first_load_gzip": 150 * KB,  # any page that lists case studies, at N = 1,000 and 10,000
    "search_floor_margin": 0.10,  # or at most this much above Pagefind's own floor
    "lighthouse_perf_mobile": 95,
    "lighthouse_other": 100,
}


def target_build(builds: dict, default: str | None = None) -> str | None:
    """The key of the first build with at least 1,000 case studies: the size the targets are for."""
    return next((key for key, b in builds.items() if b["case_studies"] >= 1000), default)
