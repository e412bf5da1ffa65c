"""Write docs/screenshots/{article,entity,map}.png: the web UI over a store of the samples and the seed article.

Needs Debian's chromium and chromium-driver (scripts/ci-chromium.sh) and the vendored map files (make setup).

    .venv/bin/python scripts/screenshots.py [--seed ../shared/fixtures/seed/business-today-khalilzad-2025-04-27.txt]
"""
from __future__ import annotations

import argparse
import socket
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import uvicorn
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.support.ui import WebDriverWait

from wirewatch.errors import InputError
from wirewatch.ingest import read_inputs
from wirewatch.pipeline import extract_many
from wirewatch.store import Filters, PageRequest, open_store
from wirewatch.web import create_app

REPO_ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SEED = REPO_ROOT.parent / "shared" / "fixtures" / "seed" / "business-today-khalilzad-2025-04-27.txt"
OUT_DIR = REPO_ROOT / "docs" / "screenshots"
WINDOW = (1400, 1000)


def main() -> None:
    """Build the store, serve it on a free local port and save the three screenshots."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=Path, default=DEFAULT_SEED, help="The seed article, added to the store (its places and events show on the map).")
    args = parser.parse_args()
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        db = str(Path(folder) / "wirewatch.db")
        article_key, entity_key = _fill_store(db, args.seed)
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            server = uvicorn.Server(uvicorn.Config(create_app(db), log_level="warning"))
            thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
            thread.start()
            while not server.started:
                time.sleep(0.05)
            base = f"http://127.0.0.1:{sock.getsockname()[1]}"
            driver = _chromium(folder)
            try:
                _shoot(driver, f"{base}/articles/{article_key}", "article.png")
                _shoot(driver, f"{base}/entities/{entity_key}", "entity.png")
                _shoot(driver, f"{base}/map", "map.png")
            finally:
                driver.quit()
                server.should_exit = True
                thread.join()


def _fill_store(db: str, seed: Path) -> tuple[str, str]:
    """Store the samples and the seed; return the keys of the sample article and person to show.

    Both come from samples/ (team-written fiction): the repository never carries third-party article text,
    not even in a picture. The seed only adds its places and events to the map.
    """
    sample_records = []
    with open_store(db) as store:
        for record in extract_many(read_inputs([str(REPO_ROOT / "samples"), str(seed)])):
            if isinstance(record, InputError):
                raise SystemExit(f"error: {record}")
            store.add(record)
            if record.source_id != seed.name:
                sample_records.append(record)
        article = max(sample_records, key=lambda record: len(record.quotes))
        speakers = Counter(quote.speaker.name for record in sample_records for quote in record.quotes
                           if quote.speaker and quote.speaker.name)
        people = (store.list_entities(Filters(entity=name, entity_type="PERSON"), PageRequest(limit=1)).items
                  for name, _ in speakers.most_common())
        person = next(found[0] for found in people if found)
    return article.id, person.key


def _chromium(folder: str) -> webdriver.Chrome:
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run", "--hide-scrollbars",
                 f"--window-size={WINDOW[0]},{WINDOW[1]}", f"--user-data-dir={folder}/chromium-profile"):
        options.add_argument(flag)
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


def _shoot(driver: webdriver.Chrome, url: str, name: str) -> None:
    driver.get(url)
    # Pages with a map are ready once the base map is drawn; the others once loaded.
    WebDriverWait(driver, 20).until(lambda d: d.execute_script(
        "const m = document.querySelector('.map'); return !m || m.dataset.baseMapDrawn === 'true';"))
    time.sleep(0.3)  # let Leaflet finish its last paint
    driver.save_screenshot(str(OUT_DIR / name))
    print(f"wrote {OUT_DIR / name}")


if __name__ == "__main__":
    main()
