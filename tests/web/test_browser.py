"""The web UI in headless Chromium (Debian's chromium + chromedriver) against uvicorn on a free local port.

Skipped where Chromium is missing, except in CI (CI=true), where scripts/ci-chromium.sh installs it.
"""
from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from wirewatch.record import Record
from wirewatch.web import create_app
from wirewatch.web.app import WEB_DIR

from .conftest import HOSTILE_ID, SEED

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
BASE_MAP = WEB_DIR / "static" / "vendor" / "countries-50m.json"

pytestmark = pytest.mark.browser


def _require(ready: bool, why: str) -> None:
    if ready:
        return
    if os.environ.get("CI") == "true":
        pytest.fail(f"{why} (CI must run the browser tests)")
    pytest.skip(why)


@pytest.fixture(scope="module")
def base_url(web_db: str) -> Iterator[str]:
    """The app over the samples store, served by uvicorn in a thread."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        server = uvicorn.Server(uvicorn.Config(create_app(web_db), log_level="warning"))
        thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
        thread.start()
        deadline = time.monotonic() + 20
        while not server.started:
            assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        yield f"http://127.0.0.1:{sock.getsockname()[1]}"
        server.should_exit = True
        thread.join(timeout=10)


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    """Headless Chromium with a fresh profile and no background traffic."""
    _require(CHROMIUM.is_file() and CHROMEDRIVER.is_file(), "Debian's chromium and chromium-driver are not installed")
    _require(BASE_MAP.is_file(), "the map's vendored files are missing: run make setup")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--window-size=1280,900",
                 f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}"):
        options.add_argument(flag)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    yield driver
    driver.quit()


def _wait(driver, condition, timeout: float = 20):  # type: ignore[no-untyped-def]
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(condition)


def test_seed_article_shows_highlighted_quotes_and_the_map(browser, base_url: str,  # type: ignore[no-untyped-def]
                                                           record_by_source: dict[str, Record]) -> None:
    from selenium.webdriver.common.by import By

    if SEED.name not in record_by_source:
        pytest.skip("the seed article is not in ../shared")
    record = record_by_source[SEED.name]
    browser.get(f"{base_url}/articles/{record.id}")
    quotes = browser.find_elements(By.CSS_SELECTOR, "#article-text q.quote")
    assert len(quotes) == len(record.quotes) > 0
    assert any(q.is_displayed() and "Zalmay Khalilzad" in q.get_attribute("title") for q in quotes)
    person = browser.find_element(By.CSS_SELECTOR, "#article-text a.entity-person")
    assert person.get_attribute("title").startswith("PERSON · ")

    _wait(browser, lambda d: d.execute_script("return document.querySelector('.map').dataset.baseMapDrawn"))
    assert browser.find_elements(By.CSS_SELECTOR, ".map.leaflet-container")
    assert len(browser.find_elements(By.CSS_SELECTOR, ".map path.land")) > 100  # Natural Earth countries
    assert browser.find_elements(By.CSS_SELECTOR, ".map path.marker")
    assert not browser.find_elements(By.CSS_SELECTOR, ".leaflet-tile")  # no tile server involved

    person.click()
    _wait(browser, lambda d: "/entities/" in d.current_url)
    assert browser.find_element(By.CSS_SELECTOR, "#quotes-by")


def test_script_in_an_article_is_shown_as_text(browser, base_url: str,  # type: ignore[no-untyped-def]
                                               record_by_source: dict[str, Record]) -> None:
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/articles/{record_by_source[HOSTILE_ID].id}")
    text = browser.find_element(By.ID, "article-text")
    assert "<script>window.__pwned = true;" in text.text
    assert '<img src=x onerror="window.__pwned = true">' in text.text
    assert not text.find_elements(By.CSS_SELECTOR, "script, img")
    assert browser.execute_script("return window.__pwned === undefined")
    assert browser.title != "pwned"


def test_map_page_draws_events_on_the_base_map(browser, base_url: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    browser.get(f"{base_url}/map")
    _wait(browser, lambda d: d.execute_script("return document.querySelector('.map').dataset.baseMapDrawn"))
    assert len(browser.find_elements(By.CSS_SELECTOR, ".map path.land")) > 100
    assert browser.find_elements(By.CSS_SELECTOR, ".map path.marker-place")
