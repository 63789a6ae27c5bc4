"""Shared fixtures: the real site built once per test session, served locally, and a real Chromium; and the
marks that split the tests into two tiers (make check: the fast ones; make test: all)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests import support  # noqa: E402
from tests.support import build, copy_project  # noqa: E402
from tests.support.browsers import CHROMIUM, CHROMIUM_ARGS, PREFIX, serve  # noqa: E402

# A test that uses one of these builds the site, serves it or drives a browser (the last five are fixtures of
# test_build.py, test_contributing.py, test_explore.py, test_serve.py and test_parsers.py): it is marked
# `build`, and make check leaves it out.
BUILDING_FIXTURES = {"built_site", "offline_site", "site_url", "browser", "page", "project_build", "contributed",
                     "draft_project", "served", "marked"}
SLOW_TIERS = ("build", "browser", "slow")


def pytest_collection_modifyitems(items):
    for item in items:
        if BUILDING_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.build)


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item):
    """Only a test marked build, browser or slow may build the site (tests.support.build refuses otherwise), so
    no build hides in make check's tier; the flag is set before any fixture of the test is made."""
    support.builds_allowed = any(item.get_closest_marker(mark) for mark in SLOW_TIERS)


def pytest_runtest_teardown(item):
    support.builds_allowed = True


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real project, built once in strict mode (online flavour, with the Pagefind index)."""
    root = tmp_path_factory.mktemp("built")
    project = copy_project(root / "project")
    site = root / "site"
    result = build(project, site)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline flavour: Material's search, no directory URLs, meant to be opened from file://."""
    root = tmp_path_factory.mktemp("offline")
    project = copy_project(root / "project")
    site = root / "site"
    result = build(project, site, offline=True)
    assert result.returncode == 0, result.stderr
    return site


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL of the built site served over HTTP on 127.0.0.1 (a free port), under /library/."""
    server = serve(built_site)
    yield f"http://127.0.0.1:{server.server_address[1]}{PREFIX}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    """Debian's Chromium driven by Playwright. A missing browser is a failure, not a skip."""
    from playwright.sync_api import sync_playwright

    assert Path(CHROMIUM).exists(), (f"Chromium not found at {CHROMIUM}: run 'bash tools/system-deps.sh' (or set "
                                     "CHROMIUM_PATH)")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    tab = context.new_page()
    errors = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, f"JavaScript errors on the page: {errors}"
