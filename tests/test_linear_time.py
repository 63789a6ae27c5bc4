"""Every regular expression that can meet contributed text or an issue body takes time in step with the text.

The patterns are found by reading the code (tests/regex_inventory.py): every compiled pattern of macros/, tools/
and hooks/, every pattern written in a call of `re`, the schema's patterns, those the build hands the contribution
studio, and every regular expression in the site's scripts. Nothing is listed by hand, so a new pattern is timed
the day it is written.

Each pattern meets the texts it is weakest against (regex_inventory.shapes: a long run of what one of its
repetitions takes, after what leads up to it, ended by each kind of character), in two rounds:

1. Screening: every shape at two small sizes, to find each pattern's fastest-growing shapes.
2. The measure: those shapes at 4,000 and 40,000 characters, in processor time, each against a baseline that
   looks once at every character of a text of the same size (a linear scan), best of three runs (of six, when
   three do not pass: a pause makes a run slower, never faster, so more runs only take pauses out). The ratio of the
   two is about 1 for a pattern whose time grows in step with the text, and about 10 for one whose time grows
   with its square: the limit of 3 leaves room for a loaded machine and still catches the square.

This is the ratio method of test_security.py and test_safe_markdown.py (best of several runs, scaling rather
than seconds), with a baseline of the same size so that a machine that slows down between the two sizes does
not look like a slow pattern. Python's patterns run in Python; the studio's, in Chromium, timed by the page
thread's processor time (Chrome's DevTools protocol), since other programs on the machine stretch wall time.
"""

from __future__ import annotations

import json
import math
import re
import time
from functools import cache
from pathlib import Path

import pytest

from tests import regex_inventory
from tests.regex_inventory import Shape

SIZES = (4_000, 40_000)
LIMIT = 3.0
RUNS = 3
SCREEN_SIZES = (64, 512)
CANDIDATES = 2  # shapes per pattern measured after screening (and, in the browser, as many of the Python pattern's)
# A first look before the measure: one search at growing sizes up to the smaller one. A linear pattern takes well
# under a millisecond on 4,000 characters; one that takes this long is failed there, not timed for minutes.
TOO_SLOW = 0.05

PY = regex_inventory.python_patterns()
JS = regex_inventory.js_patterns()


class TooSlow(Exception):
    pass


def _first_look(seconds_at) -> None:
    """Raises TooSlow if one search at a size up to the smaller one takes more than TOO_SLOW seconds."""
    size, before = SIZES[0] // 16, None
    while size <= SIZES[0]:
        took = seconds_at(size)
        if took > TOO_SLOW:
            growth = f", {took / before:.0f}x the time of half as many" if before else ""
            raise TooSlow(f"one search of {size:,} characters took {took:.2f} s{growth}")
        size, before = size * 2, took


def _message(pattern, shape: Shape, ratio: float | str) -> str:
    found = ratio if isinstance(ratio,
                                str) else (f"10x the text took {ratio:.1f}x as long, beside a linear scan of the same "
                                           f"text (linear is about 1, quadratic about 10)")
    return f"{pattern.where} ({pattern.source[:80]!r}) on {shape}: {found}; make the pattern linear"


def _assert_linear(pattern, shape: Shape, ratio_of) -> None:
    try:
        ratio = ratio_of()
    except TooSlow as slow:
        pytest.fail(_message(pattern, shape, str(slow)), pytrace=False)
    assert ratio < LIMIT, _message(pattern, shape, ratio)


# --- What is timed -------------------------------------------------------------------------------

def test_every_pattern_in_the_code_is_found():
    assert not regex_inventory.unaccounted(), "\n".join(regex_inventory.unaccounted())


def test_the_inventory_holds_the_patterns_that_meet_contributed_text():
    """A broken walk would time nothing and pass: these are each reached by a different way of finding them."""
    where = {p.where for p in PY} | {p.where for p in JS}
    for expected in ("macros/validate.py LINK_TITLE", "macros/form_reader.py HEADING", "macros/form_reader.py TICK",
                     "macros/form_reader.py YEAR", "macros/personal_data.py PATTERNS[0][1]",
                     "studio data links.LINK_TITLE", "studio data form.patterns.YEAR", "studio data renderer.terms"):
        assert expected in where, f"{expected} not found"
    # a literal in a call
    assert any(p.where.startswith("macros/from_issue.py:") and p.source == r"^evidence\[(\d+)\]" for p in PY)
    assert any(w.startswith("macros/validate.py:") and "_text()" in w for w in where)  # the schema's, via spec.pattern
    assert any(w.startswith("reflection-file.js:") for w in where)
    assert any(w.startswith("studio-form-reader.js:") for w in where)
    assert len(PY) > 60 and len(JS) > 50


def test_the_shapes_include_the_texts_that_were_slow():
    """The shapes that once took minutes are among those written for each pattern, found from the pattern alone."""
    def has(where, lead, unit, end=None):
        pattern = next(p for p in PY if p.where == where)
        assert (any(s.lead == lead and s.unit == unit and (end is None or s.end == end)
                    for s in regex_inventory.shapes(pattern))), where

    has("macros/validate.py LINK_TITLE", "](", " ")
    has("macros/form_reader.py TICK", "- [ ] a", " ")
    has("macros/form_reader.py HEADING", "### a", " ")


def test_the_inventory_reads_regular_expression_literals_and_nothing_else():
    found = regex_inventory.js_literals(
        'var a = b / c / d; // not /this/\n/* nor /this/ */ var s = "/nor/" + \'/this/\';\n'
        'x.replace(/[/]+/g, "").split(/a\\/b/); if (/^## /.test(line)) return /y/iu;')
    assert [(source, flags) for _, source, flags in found] == [("[/]+", "g"), ("a\\/b", ""), ("^## ", ""), ("y", "iu")]


# --- Python ----------------------------------------------------------------------------------------

def _seconds(function, least: float = 0.002) -> float:
    """Processor seconds for one call: calls repeated until they last `least`, so the clock's cost is nothing beside
    them."""
    times = 1
    while True:
        start = time.process_time()
        for _ in range(times):
            function()
        elapsed = time.process_time() - start
        if elapsed >= least:
            return elapsed / times
        times *= 2


def _search_all(pattern: re.Pattern, text: str):
    return lambda: sum(1 for _ in pattern.finditer(text))  # every match, from every position: the most any use does


BASELINE = re.compile(r"[\x00\x01]\x02")  # one look at each character


def _once(function) -> float:
    start = time.process_time()
    function()
    return time.process_time() - start


def _best_ratio(pattern_seconds, baseline_seconds) -> float:
    """(pattern's time / baseline's) at the larger size over the same at the smaller, each time the best of RUNS runs;
    if that is not under LIMIT, the best of RUNS more: a pause on a busy machine makes a run slower, never faster,
    so more runs can only take a pause out, and a pattern that grows with the square of the text still fails."""
    best = [math.inf] * 4
    for _attempt in range(2):
        for _ in range(RUNS):
            for i, size in enumerate(SIZES):
                best[2 * i] = min(best[2 * i], pattern_seconds(size))
                best[2 * i + 1] = min(best[2 * i + 1], baseline_seconds(size))
        ratio = (best[2] / best[3]) / (best[0] / best[1])
        if ratio < LIMIT:
            break
    return ratio


def _python_ratio(pattern: re.Pattern, shape: Shape) -> float:
    _first_look(lambda size: _once(_search_all(pattern, shape.text(size))))
    texts = {size: shape.text(size) for size in SIZES}
    return _best_ratio(lambda size: _seconds(_search_all(pattern, texts[size])),
                       lambda size: _seconds(_search_all(BASELINE, texts[size])))


def _screen_python(pattern: re.Pattern, shapes: list[Shape]) -> list[Shape]:
    """The shapes whose time grows fastest between the two screening sizes, fastest first."""
    scored = []
    for shape in shapes:
        small, large = (shape.text(size) for size in SCREEN_SIZES)
        a = min(_seconds(_search_all(pattern, small), 0.00005) for _ in range(2))
        b = min(_seconds(_search_all(pattern, large), 0.00005) for _ in range(2))
        scored.append((b / max(a, 1e-9), shape))
    scored.sort(key=lambda pair: -pair[0])
    return [shape for _, shape in scored[:CANDIDATES]]


@cache
def _python_candidates(where: str) -> tuple[Shape, ...]:
    pattern = next(p for p in PY if p.where == where)
    return tuple(_screen_python(pattern.python, regex_inventory.shapes(pattern)))


@pytest.mark.timing
@pytest.mark.parametrize("where", [p.where for p in PY])
def test_python_pattern_takes_time_in_step_with_the_text(where):
    pattern = next(p for p in PY if p.where == where)
    for shape in _python_candidates(where):
        _assert_linear(pattern, shape, lambda shape=shape: _python_ratio(pattern.python, shape))


# --- JavaScript, in Chromium -----------------------------------------------------------------------

TIMING_SCRIPT = Path(__file__).with_name("regex_timing.js")


@pytest.fixture(scope="module")
def timing(browser):
    """A blank page with the timing script, and a DevTools session that reads its thread's processor time."""
    context = browser.new_context()
    tab = context.new_page()
    tab.goto("about:blank")
    tab.add_script_tag(content=TIMING_SCRIPT.read_text(encoding="utf-8"))
    session = context.new_cdp_session(tab)
    session.send("Performance.enable", {"timeDomain": "threadTicks"})
    yield tab, session
    context.close()


def _thread_seconds(session) -> float:
    metrics = session.send("Performance.getMetrics")["metrics"]
    return next(m["value"] for m in metrics if m["name"] == "ThreadTime")


_CALIBRATED: dict = {}


def _js_seconds(tab, session, pattern, shape: Shape, size: int, least: float = 0.006) -> float:
    """Processor seconds of the page's thread for one search (pattern None: one baseline scan) of the text, from as
    many as last `least` seconds (counted once in the page, then kept), so that the two readings of the clock and
    the call into the page cost little beside them."""
    spec = None if pattern is None else {"source": pattern.source, "flags": pattern.flags}
    args = [spec, [shape.lead, shape.unit, shape.end], size]
    key = json.dumps(args + [least])
    if key not in _CALIBRATED:
        _CALIBRATED[key] = tab.evaluate("([p, s, n, least]) => RegexTiming.calibrate(p, s, n, least)",
                                        args + [least * 1000])
    times = _CALIBRATED[key]
    start = _thread_seconds(session)
    if pattern is None:
        tab.evaluate("([p, s, n, t]) => RegexTiming.baseline(s, n, t)", args + [times])
    else:
        tab.evaluate("([p, s, n, t]) => RegexTiming.repeat(p, s, n, t)", args + [times])
    return (_thread_seconds(session) - start) / times


def _js_ratio(tab, session, pattern, shape: Shape) -> float:
    _first_look(lambda size: _js_seconds(tab, session, pattern, shape, size, least=0.0001))
    return _best_ratio(lambda size: _js_seconds(tab, session, pattern, shape, size),
                       lambda size: _js_seconds(tab, session, None, shape, size))


@pytest.fixture(scope="module")
def js_candidates(timing):
    """Each JavaScript pattern's fastest-growing shapes in the browser, with those of the Python pattern it was
    translated from (the two engines differ, but mostly fail on the same texts)."""
    tab, _ = timing
    specs = [{"source": p.source, "flags": p.flags,
              "shapes": [[s.lead, s.unit, s.end] for s in regex_inventory.shapes(p)]}
             for p in JS]
    screened = tab.evaluate("([ps, sizes]) => RegexTiming.screen(ps, sizes, 0.03).map(r => r.slice(0, "
                            f"{CANDIDATES}).map(x => x.shape))",
                            [specs, list(SCREEN_SIZES)])
    twins = {p.python.pattern: p.where for p in PY if p.python is not None}
    out = {}
    for pattern, shapes in zip(JS, screened):
        found = [Shape(*s) for s in shapes]
        twin = twins.get(pattern.python.pattern) if pattern.python is not None else None
        for shape in _python_candidates(twin) if twin else ():
            if shape not in found:
                found.append(shape)
        out[pattern.where] = found
    return out


@pytest.mark.browser
@pytest.mark.parametrize("where", [p.where for p in JS])
def test_javascript_pattern_takes_time_in_step_with_the_text(where, timing, js_candidates):
    tab, session = timing
    pattern = next(p for p in JS if p.where == where)
    for shape in js_candidates[where]:
        _assert_linear(pattern, shape, lambda shape=shape: _js_ratio(tab, session, pattern, shape))


def _fails(ratio_of) -> bool:
    try:
        return ratio_of() > 2 * LIMIT
    except TooSlow:
        return True


@pytest.mark.browser
def test_the_measure_tells_a_quadratic_pattern_from_a_linear_one(timing):
    """The method itself: a pattern known to be quadratic fails it, in Python and in the browser, and a linear one
    passes.

    'x\\s*\\s+y' after 'x' and a run of spaces tries every way of sharing the run between its two repetitions, each
    to the end of the run: the shape of the old link-title rule. 'x\\s+y' reads the run once."""
    shape = Shape("x", " ", "!")
    quadratic, linear = r"x\s*\s+y", r"x\s+y"
    assert _fails(lambda: _python_ratio(re.compile(quadratic), shape))
    assert _python_ratio(re.compile(linear), shape) < LIMIT
    tab, session = timing
    assert _fails(lambda: _js_ratio(tab, session, regex_inventory.Pattern("test", quadratic, "u"), shape))
    assert _js_ratio(tab, session, regex_inventory.Pattern("test", linear, "u"), shape) < LIMIT
