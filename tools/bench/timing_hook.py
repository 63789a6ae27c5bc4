"""Copied twice into a copy's hooks/ (as bench_first.py and bench_last.py), bracketing the library's own hook,
so that the stamps of the two around each event time what happens between them. Writes its stamps to
$BENCH_TIMINGS/<its name>.json when the build ends. Not imported by the benchmark itself."""

import json
import os
import time
from pathlib import Path

NAME = Path(__file__).stem
stamps = {"import": time.time()}
pages = {}


def _page(event, page):
    pages.setdefault(page.file.src_uri, {})[event] = time.time()


def on_config(config):
    stamps["config"] = time.time()


def on_files(files, config):
    stamps["files"] = time.time()


def on_nav(nav, config, files):
    stamps["nav"] = time.time()


def on_env(env, config, files):
    stamps["env"] = time.time()


def on_page_markdown(markdown, page, config, files):
    _page("markdown", page)


def on_page_content(html, page, config, files):
    _page("content", page)


def on_page_context(context, page, config, nav):
    _page("context", page)


def on_post_page(output, page, config):
    _page("post_page", page)


def on_post_build(config):
    stamps["post_build"] = time.time()
    Path(os.environ["BENCH_TIMINGS"], NAME + ".json").write_text(json.dumps({"stamps": stamps, "pages": pages}))
