"""The web page driven in real headless Chromium (Debian's /usr/bin/chromium through Playwright).

Builds a store from short hand-made reports, fuses it, serves it on a free loopback port, filters,
clicks a map point and checks the evidence is highlighted in the detail and the document view.
Set SITREP_SCREENSHOTS=docs/screenshots to keep the screenshots (they always go to tmp_path too).
"""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.browser


def _skip_reason() -> str | None:
    if not Path(CHROMIUM).exists():
        return f"{CHROMIUM} is missing (apt-get install -y chromium chromium-driver; .ci/run does this in CI)"
    try:
        import playwright  # noqa: F401
    except ImportError:
        return "playwright is not installed (pip install -e '.[dev]')"
    return None


def _require():
    reason = _skip_reason()
    if reason:
        if os.environ.get("CI") == "true":
            pytest.fail(f"browser test cannot run in CI: {reason}")
        pytest.skip(reason)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    _require()
    import uvicorn

    from sitrep.web.app import create_app
    from sitrep.web.samples import sample_store

    db = sample_store(tmp_path_factory.mktemp("browser") / "sample.duckdb")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    t = threading.Thread(target=srv.run, daemon=True)
    t.start()
    deadline = time.time() + 10
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    t.join(timeout=5)


def _save(page, tmp_path: Path, name: str) -> Path:
    shot = tmp_path / name
    page.screenshot(path=str(shot), full_page=True)
    keep = os.environ.get("SITREP_SCREENSHOTS")
    if keep:
        Path(keep).mkdir(parents=True, exist_ok=True)
        shutil.copy(shot, Path(keep) / name)
    return shot


def test_browser_filter_click_point_shows_highlighted_evidence(server, tmp_path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1440, "height": 1000})
            errors: list[str] = []
            page.on("pageerror", lambda e: errors.append(str(e)))
            page.goto(server + "/")
            page.wait_for_selector("body[data-ready='1']", timeout=15000)
            assert page.locator("#map path.land").count() >= 5  # the offline basemap drew (countries in view)
            assert page.locator("#map circle.pt").count() == 2  # Kreminna (2 reports) and Lviv
            assert page.locator("#events tbody tr").count() == 3

            page.select_option("#f-type", "ASSAULT")
            page.click("#f-apply")
            page.wait_for_function("document.querySelectorAll('#events tbody tr').length === 2")
            assert page.locator("#map circle.pt").count() == 1

            page.locator("#map circle.pt").first.click()
            page.wait_for_selector("#evidence mark")
            mark = page.locator("#evidence mark").inner_text()
            assert "shelled" in mark and "Kreminna" in mark
            detail = page.locator("#detail-body").inner_text()
            assert "Sergiy Gaiday" in detail or "Ukrainian officials" in detail  # the claimant
            assert "reports disagree" in detail and "Wire A" in detail and "Wire B" in detail
            # the full document loads after the evidence panel: wait for it rather than race it
            page.wait_for_selector("#doc-text span.focus", timeout=10000)
            assert "Kreminna" in page.locator("#doc-text").inner_text()
            assert page.locator("#doc-text span.hl-places").count() >= 1
            shot = _save(page, tmp_path, "workbench.png")
            assert shot.stat().st_size > 20000
            assert not errors, errors
        finally:
            browser.close()
