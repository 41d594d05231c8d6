"""The live Pokrovsk map, day by day (issue 24), in a real Chromium: the date control loads its days
only with the live chart, steps through every day DeepState's archive holds in August and no other,
redraws the occupied area, says each day and its measured distance, and works under the strict
policy in both editions; the page without JavaScript is left as it was."""

from __future__ import annotations

from urllib.parse import urlparse

import pytest
from test_a11y import run_axe
from test_browser import point_at
from test_csp import LISTEN, violations

from conftest import ROOT, watched_page

pytestmark = pytest.mark.browser

MAP = "#chart-map-pokrovsk"
SERIES = ROOT / "data" / "geo" / "deepstate"
AUGUST = sorted(p.stem for p in SERIES.glob("2024-08-*.json"))  # what data/geo holds for August


def days_requests(page) -> list[str]:
    return [u for u in page.watch.requests if urlparse(u).path.endswith(".days.json")]


def fill_of(page, trace: int) -> str | None:
    """The path plotly drew for a trace's fill (found by its index in the figure's data), or None."""
    return page.evaluate(
        """([sel, i]) => {
            const g = [...document.querySelectorAll(sel + ' .xchart__live .scatterlayer .trace')]
                .find(el => el.__data__ && el.__data__[0] && el.__data__[0].trace.index === i);
            const path = g && g.querySelector('path.js-fill');
            return path ? path.getAttribute('d') : null;
        }""",
        [MAP, trace],
    )


def live_names(page) -> list:
    return page.evaluate(
        "sel => document.querySelector(sel + ' .xchart__live').data.map(t => [t.name || '', t.visible !== false])", MAP
    )


def status(page) -> str:
    return page.locator(f"{MAP} .xchart__status").text_content()


def measured(distances: dict, day: str) -> str:
    """The day's measured row as the English edition writes it (9.8 km)."""
    return f"{distances[day]:g} km"


@pytest.fixture(scope="module")
def distances():
    from explainer import Site

    site = Site.load(ROOT)
    return {o.date.isoformat(): o.value for o in site.dataset.by_metric("pokrovsk-occupied-distance-km")}


def open_live_by_keyboard(page, base: str, path: str) -> None:
    page.goto(base + path)
    plot = page.locator(f"{MAP} .xchart__plot")
    point_at(page, plot)  # the picture answers: nothing is fetched for that
    page.wait_for_timeout(200)
    assert days_requests(page) == [] and page.watch.plotly_requests() == []
    button = page.locator(f"{MAP} .xchart__explore")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_selector(f"{MAP} .xchart__days[data-date]", timeout=20000)


def test_the_live_map_steps_through_every_day_of_august_and_says_each(browser, served_site, distances):
    page = watched_page(browser)
    page.add_init_script(LISTEN)
    open_live_by_keyboard(page, served_site, "pokrovsk/")
    assert len(days_requests(page)) == 1  # fetched once the reader asked, from the site itself
    control = page.locator(f"{MAP} .xchart__days")
    slider = control.locator("input[type=range]")
    # A keyboard reader lands on the slider; it opens on the picture's last day, 31 August.
    assert page.evaluate("document.activeElement.classList.contains('xchart__range')")
    assert control.get_attribute("data-date") == "2024-08-31"
    assert slider.get_attribute("aria-valuetext") == "31 August 2024"
    assert status(page).startswith("31 August 2024. Distance from Pokrovsk's centre to the occupied area: ")
    assert measured(distances, "2024-08-31") + ", measured on DeepState's map" in status(page)
    assert "31 August 2024" in control.locator(".xchart__dayline").text_content()
    assert run_axe(page) == []  # the control's names, roles and contrast
    # The missing days are named under the control, and the slider has no stop for them.
    assert "No map for 18 and 19 August in the archive: those days are skipped, not filled in." in (
        control.text_content()
    )
    assert int(slider.get_attribute("max")) == len(AUGUST) - 1 == 28
    # The figure's layers: the period's first day on top, the day chosen under it, the third hidden;
    # places and claim marks still drawn after (over) them.
    names = live_names(page)
    areas = [i for i, (n, _) in enumerate(names) if n.startswith("DeepState's map as of")]
    shown = [names[i][0] for i in areas if names[i][1]]
    assert sorted(shown) == ["DeepState's map as of 1 August", "DeepState's map as of 31 August"]
    assert max(areas) < min(i for i, (n, _) in enumerate(names) if not n.startswith("DeepState"))
    day_trace = next(i for i in areas if names[i] == ["DeepState's map as of 31 August", True])
    first_trace = next(i for i in areas if names[i] == ["DeepState's map as of 1 August", True])
    end = fill_of(page, day_trace)
    # Keys: Home goes to 1 August (the day drawn is then the first day's own area), the arrows step
    # day by day through every day data/geo holds, skipping 18 and 19 August, and say the gap.
    page.keyboard.press("Home")
    assert control.get_attribute("data-date") == "2024-08-01"
    assert fill_of(page, day_trace) == fill_of(page, first_trace) != end
    seen, said = [control.get_attribute("data-date")], {}
    for _ in range(len(AUGUST) + 2):  # two presses past the end change nothing
        page.keyboard.press("ArrowRight")
        if control.get_attribute("data-date") != seen[-1]:
            seen.append(control.get_attribute("data-date"))
            said[seen[-1]] = status(page)
    assert seen == AUGUST
    assert said["2024-08-20"].startswith("20 August 2024.") and said["2024-08-20"].endswith(
        "No map for 18 and 19 August."
    )
    assert not any("No map" in text for day, text in said.items() if day != "2024-08-20")
    for day in ("2024-08-06", "2024-08-15"):
        assert measured(distances, day) in said[day]
    assert fill_of(page, day_trace) == end  # back on 31 August: the same area as when it opened
    page.keyboard.press("ArrowLeft")
    assert control.get_attribute("data-date") == "2024-08-30"
    # The buttons step too, and stop at the ends.
    next_day = control.locator("button.xchart__step").last
    next_day.focus()
    page.keyboard.press("Enter")
    assert control.get_attribute("data-date") == "2024-08-31"
    assert next_day.is_disabled()
    # The button disabled under the reader's focus hands it to the slider, not to the page.
    assert page.evaluate("document.activeElement.classList.contains('xchart__range')")
    # Play runs from the first day (it was at the last), and pauses.
    play = control.locator("button.xchart__play")
    assert play.inner_text() == "Play" and play.get_attribute("aria-pressed") is None  # one state: its name
    play.click()
    assert play.inner_text() == "Pause"
    page.wait_for_function(
        "sel => ['2024-08-02', '2024-08-03'].includes(document.querySelector(sel).getAttribute('data-date'))",
        arg=f"{MAP} .xchart__days",
        timeout=5000,
    )
    play.click()
    assert play.inner_text() == "Play"
    paused = control.get_attribute("data-date")
    page.wait_for_timeout(1000)
    assert control.get_attribute("data-date") == paused
    assert violations(page) == [] and page.watch.errors == []
    assert [u for u in page.watch.requests if urlparse(u).hostname not in ("127.0.0.1", None)] == []
    page.context.close()


def test_the_ukrainian_control_speaks_ukrainian_fits_a_phone_and_has_no_play_for_reduced_motion(browser, served_site):
    page = watched_page(browser, reduced_motion="reduce", viewport={"width": 320, "height": 740})
    page.add_init_script(LISTEN)
    open_live_by_keyboard(page, served_site, "uk/pokrovsk/")
    control = page.locator(f"{MAP} .xchart__days")
    assert page.evaluate("document.documentElement.scrollWidth") <= 320  # the longer words fit a phone
    assert urlparse(days_requests(page)[0]).path.endswith("/uk/assets/data/map-pokrovsk.days.json")
    assert control.get_attribute("aria-label") == "День на мапі DeepState"
    assert control.locator("input").get_attribute("aria-valuetext") == "31 серпня 2024\u202fр."
    assert "В архіві немає мап за 18 і 19 серпня" in control.text_content()
    assert status(page).startswith("31 серпня 2024\u202fр. Відстань від центру Покровська до окупованої території: ")
    assert control.locator("button.xchart__play").count() == 0  # nothing moves by itself
    assert control.locator("button.xchart__step").first.get_attribute("aria-label") == "Попередній день"
    assert violations(page) == [] and page.watch.errors == []
    page.context.close()


def test_without_javascript_the_page_is_the_picture_and_fetches_no_days(browser, served_site):
    page = watched_page(browser, java_script_enabled=False)
    page.goto(served_site + "pokrovsk/")
    assert page.locator(f"{MAP} .xchart__svg").count() >= 1 and page.locator(".xchart__days").count() == 0
    assert days_requests(page) == []
    page.context.close()
