"""The dashboard at / in headless Chromium, over a real `eventwire serve` on 127.0.0.1.

The database is filled the way a user fills it: `eventwire demo` (the bundled sample reports) plus one
report of our own that names only a region, so that a region-level marker is on the map too. What the
page shows is compared with what the API answers for the same filters.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

import pytest

from .dashboard_support import CHROMIUM_ARGS, all_events, chromium_path, eventwire, get_json, mapped, served

sync_api = pytest.importorskip("playwright.sync_api", reason="playwright is not installed (pip install -e '.[test]')")

ARTIFACTS = Path(__file__).resolve().parent / "artifacts"
REGION_REPORT = (
    " date 2023-02-14 \n"
    "Russian artillery shelled villages in the Donetsk region on Monday, killing two civilians, "
    "the regional administration said.\n"
)

DAMAGE_REPORT = " date 2023-02-20 \nKherson: damage to a school building and a large crater in its yard.\n"
# Events drawn on the map: single markers plus the counts inside cluster icons.
COUNT_MARKERS = """() => document.querySelectorAll('#map .ev-marker').length +
  [...document.querySelectorAll('#map .ev-cluster span')].reduce((sum, s) => sum + Number(s.textContent), 0)"""

# For each report's sentence in the panel: the character offsets covered by <mark> elements.
MARKED_OFFSETS = """() => [...document.querySelectorAll('#detail .report .sentence')].map((quote) => {
  const covered = []; let offset = 0;
  for (const node of quote.childNodes) {
    const length = node.textContent.length;
    if (node.nodeName === 'MARK') for (let i = 0; i < length; i++) covered.push(offset + i);
    offset += length;
  }
  return covered;
})"""


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder = tmp_path_factory.mktemp("dashboard")
    db = folder / "events.db"
    demo = eventwire("demo", "--db", str(db))
    assert demo.returncode == 0, demo.stderr
    report = folder / "region-only.txt"
    report.write_text(REGION_REPORT, encoding="utf-8")
    extract = eventwire("extract", str(report), "--db", str(db), "--out", str(folder / "region.jsonl"))
    assert extract.returncode == 0, extract.stderr
    damage = folder / "damage-only.txt"
    damage.write_text(DAMAGE_REPORT, encoding="utf-8")
    extract = eventwire("extract", str(damage), "--db", str(db), "--out", str(folder / "damage.jsonl"))
    assert extract.returncode == 0, extract.stderr
    with served(db, folder / "serve.log") as base:
        yield base


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    executable = chromium_path()
    if executable is None:
        pytest.skip("Debian's chromium is not installed (`make test` installs it: apt-get install -y chromium)")
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=list(CHROMIUM_ARGS))
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, server: str) -> Iterator[Any]:
    """The dashboard, loaded; fails the test if the page reaches beyond the server or throws."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    page = context.new_page()
    outside: list[str] = []
    errors: list[str] = []
    origin = urlparse(server).netloc

    def only_local(route: Any) -> None:
        if urlparse(route.request.url).netloc in (origin, ""):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    page.route("**/*", only_local)
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.goto(f"{server}/")
    page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
    yield page
    context.close()
    assert not outside, f"the dashboard requested resources outside the server: {outside}"
    assert not errors, f"JavaScript errors: {errors}"


def wait_until_loaded(page: Any, total: int) -> None:
    page.wait_for_function(
        "n => document.body.dataset.loading === 'false' && Number(document.body.dataset.total) === n",
        arg=total,
        timeout=15_000,
    )


def markers_on_map(page: Any, expected: int) -> int:
    """The events drawn on the map once clustering and zoom animations have settled."""
    with suppress(sync_api.TimeoutError):  # the assertion that follows says what was drawn instead
        page.wait_for_function(f"() => ({COUNT_MARKERS})() === {expected}", timeout=10_000)
    return page.evaluate(COUNT_MARKERS)


def test_map_shows_every_stored_event_with_coordinates(page: Any, server: str) -> None:
    events = all_events(server)
    located = mapped(events)
    assert len(located) >= 5, "the demo database should hold the sample events"
    wait_until_loaded(page, len(events))
    assert markers_on_map(page, len(located)) == len(located)
    assert page.locator("#event-list .event-item").count() == len(events)
    assert page.locator("#event-list .badge", has_text="not on map").count() == len(events) - len(located)
    # precision is visible: region-level events get the region marker, and only they do
    regions = [e for e in located if e.get("geo_precision") == 3]
    assert regions, "the region-only report should give a region-level event"
    page.evaluate("() => window.scrollTo(0, 0)")
    for event in regions:
        page.locator(f'#event-list .event-item[data-event-id="{event["event_id"]}"]').click()
        page.wait_for_selector("#map .ev-region.selected", timeout=10_000)
        page.locator("#back").click()


def test_filtering_by_type_changes_the_markers(page: Any, server: str) -> None:
    every = all_events(server)
    wait_until_loaded(page, len(every))
    before = markers_on_map(page, len(mapped(every)))
    by_type = get_json(f"{server}/stats")["by_type"]
    event_type = max((t for t, n in by_type.items() if 0 < n < len(every)), key=by_type.get)
    expected = all_events(server, event_type=event_type)
    page.select_option("#f-type", event_type)
    wait_until_loaded(page, len(expected))
    shown = markers_on_map(page, len(mapped(expected)))
    assert shown == len(mapped(expected))
    assert shown != before
    assert page.locator("#event-list .event-item").count() == len(expected)


def marked_offsets_expected(event: dict[str, Any]) -> list[list[int]]:
    """For each report, the offsets in its sentence that some evidence span of the event covers."""
    expected = []
    for report in event["reports"]:
        start, sentence = report["sentence_start"], report["sentence"]
        covered: set[int] = set()
        for spans in report["evidence"].values():
            for span in spans:
                if start <= span["start"] < span["end"] <= start + len(sentence):
                    covered.update(range(span["start"] - start, span["end"] - start))
        expected.append(sorted(covered))
    return expected


def test_clicking_a_marker_opens_its_event(page: Any, server: str) -> None:
    wait_until_loaded(page, len(all_events(server)))
    # the topmost marker: well clear of the legend in the bottom-left corner
    markers = page.locator("#map .ev-marker.ev-point span").all()
    marker = min(markers, key=lambda m: m.bounding_box()["y"])
    clicked = unquote(marker.get_attribute("data-event-id"))
    marker.click()
    page.wait_for_selector(f'#detail article.event[data-event-id="{clicked}"]', timeout=10_000)
    event = get_json(f"{server}/events/{clicked}")
    assert event["sub_event_type"] in page.inner_text("#detail h2")
    assert page.locator("#detail .report").count() == len(event["reports"])
    assert page.evaluate(MARKED_OFFSETS) == marked_offsets_expected(event)


def test_event_panel_shows_every_report_with_its_evidence_marked(page: Any, server: str) -> None:
    events = all_events(server)
    wait_until_loaded(page, len(events))
    merged = max(mapped(events), key=lambda e: e["report_count"])
    page.locator(f'#event-list .event-item[data-event-id="{merged["event_id"]}"]').click()
    page.wait_for_selector(f'#detail article.event[data-event-id="{merged["event_id"]}"]', timeout=10_000)
    event = get_json(f"{server}/events/{merged['event_id']}")
    assert page.locator("#detail .report").count() == len(event["reports"]) == merged["report_count"]
    expected = marked_offsets_expected(event)
    assert any(expected), "the event's reports should have evidence inside their sentences"
    assert page.evaluate(MARKED_OFFSETS) == expected
    assert page.locator("#detail mark").first.is_visible()
    page.wait_for_selector("#map .ev-marker.selected", timeout=10_000)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "dashboard.png"))


def test_brushing_the_timeline_filters_the_map_by_date(page: Any, server: str) -> None:
    every = all_events(server)
    wait_until_loaded(page, len(every))
    plot = page.locator("#timeline svg .plot").bounding_box()
    y = plot["y"] + plot["height"] / 2
    page.mouse.move(plot["x"] + plot["width"] * 0.02, y)
    page.mouse.down()
    page.mouse.move(plot["x"] + plot["width"] * 0.3, y, steps=5)
    page.mouse.move(plot["x"] + plot["width"] * 0.55, y, steps=5)
    page.mouse.up()
    page.wait_for_function("() => document.getElementById('timeline').dataset.start !== ''")
    start = page.get_attribute("#timeline", "data-start")
    end = page.get_attribute("#timeline", "data-end")
    expected = all_events(server, start=start, end=end)
    assert 0 < len(expected) < len(every), (start, end)
    wait_until_loaded(page, len(expected))
    assert markers_on_map(page, len(mapped(expected))) == len(mapped(expected))
    assert page.locator("#timeline .bar.out").count() > 0
    page.locator("#range-clear").click()
    wait_until_loaded(page, len(every))
    assert markers_on_map(page, len(mapped(every))) == len(mapped(every))


def test_event_panel_says_when_the_weapon_was_not_reported(page: Any, server: str) -> None:
    events = all_events(server)
    wait_until_loaded(page, len(events))
    (damage,) = [e for e in events if e.get("tags") == "weapon not reported"]
    page.locator(f'#event-list .event-item[data-event-id="{damage["event_id"]}"]').click()
    page.wait_for_selector(f'#detail article.event[data-event-id="{damage["event_id"]}"]', timeout=10_000)
    assert damage["location"] == "Kherson"
    terms, values = page.locator("#detail dt").all_inner_texts(), page.locator("#detail dd").all_inner_texts()
    rows = dict(zip(terms, values, strict=True))
    assert rows["Tags"] == "weapon not reported"


LIVE_REPORT = (
    " date 2023-03-02 \n"
    "Russian forces shelled the town of Kupiansk in Kharkiv oblast on Thursday, killing one civilian, "
    "the governor said.\n"
)


def test_the_map_follows_new_events_without_a_reload(browser: Any, tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    assert eventwire("demo", "--db", str(db)).returncode == 0
    with served(db, tmp_path / "serve.log") as base:
        before = len(all_events(base))
        page = browser.new_page()
        page.goto(f"{base}/?refresh=1")
        page.wait_for_selector("body[data-ready=true]", state="attached", timeout=30_000)
        wait_until_loaded(page, before)
        first_stamp = page.evaluate("() => document.body.dataset.lastUpdated")
        assert page.locator("#updated").text_content().startswith("Last updated ")
        report = tmp_path / "live.txt"
        report.write_text(LIVE_REPORT, encoding="utf-8")
        ingest = eventwire("ingest", str(report), "--db", str(db))  # another process writes, as `watch` does
        assert ingest.returncode == 0, ingest.stderr
        after = len(all_events(base))
        assert after == before + 1
        wait_until_loaded(page, after)  # no reload: the page polled /updates and redrew
        assert page.evaluate("() => document.body.dataset.lastUpdated") >= first_stamp
        assert page.locator("#event-list .event-item").count() == after
        page.close()
