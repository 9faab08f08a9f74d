"""The pages in headless Chromium (Debian's ``chromium``, driven by Playwright; never downloaded).

uvicorn serves the app on a free 127.0.0.1 port in a background thread. Screenshots go to
``build/screenshots/`` at the top of the repository.
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from pathlib import Path

import pytest

from conftest import ROOT, fixture_build
from graph_builder.server import ServerConfig, create_app

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SCREENSHOTS = ROOT / "build" / "screenshots"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]

playwright_api = pytest.importorskip("playwright.sync_api")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed (apt-get install chromium)")


class LiveServer:
    """uvicorn running the app of ``build_dir`` in a daemon thread on a free local port."""

    def __init__(self, build_dir: Path):
        import uvicorn

        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        config = uvicorn.Config(create_app(ServerConfig(build_dir=build_dir, query_timeout=20)), host="127.0.0.1",
                                port=self.port, log_level="warning")
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        self.url = f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)


@pytest.fixture(scope="module")
def seed_server(seed_build):
    server = LiveServer(seed_build[0])
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory):
    server = LiveServer(fixture_build(tmp_path_factory))
    yield server.url
    server.stop()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.problems = []  # console errors, page errors and requests that left the server
    page.on("pageerror", lambda error: page.problems.append(f"page error: {error}"))
    page.on("console", lambda message: page.problems.append(f"console: {message.text}") if message.type == "error" else None)
    yield page
    context.close()


def screenshot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=True)


def test_server_browser_person_page_shows_post_and_reception(page, seed_server):
    page.goto(f"{seed_server}/id/person/to-lam")
    assert page.locator("h1").inner_text() == "To Lam"
    posts = page.locator("#posts")
    assert "secretary-general" in posts.inner_text().lower() or "general secretary" in posts.inner_text().lower()
    reception = page.locator("#facts article.fact", has_text="Reception").first
    reception.scroll_into_view_if_needed()
    assert reception.is_visible()
    assert "host" in reception.inner_text()
    sentence = reception.locator("blockquote.evidence p").first
    assert "ontving secretaris-generaal Lam" in sentence.inner_text()
    assert sentence.locator("mark").first.inner_text() in ("Lam", "To Lam")
    link = reception.locator("blockquote.evidence footer a").first
    assert link.get_attribute("href").startswith("/id/doc/")
    screenshot(page, "person-to-lam")
    link.click()
    page.wait_for_load_state()
    assert "/id/doc/" in page.url and page.locator(".doctext").is_visible()
    assert not page.problems, page.problems


def test_server_browser_query_page_runs_a_library_query(page, seed_server):
    page.goto(f"{seed_server}/query")
    page.wait_for_selector(".yasqe_queryButton")
    options = page.locator("#library-select option")
    assert options.count() > 0
    values = {options.nth(i).inner_text(): options.nth(i).get_attribute("value") for i in range(options.count())}
    chosen = next((v for label, v in values.items() if "(person-posts)" in label), next(iter(values.values())))
    page.select_option("#library-select", chosen)
    assert page.locator("#library-question").inner_text().strip()
    editor_text = page.evaluate("() => window.cdkgYasgui.getTab().getQuery()")
    assert "# title:" in editor_text
    page.locator(".tabPanel.active .yasqe_queryButton").click()
    rows = page.locator(".tabPanel.active .yasr table.dataTable tbody tr")
    rows.first.wait_for(timeout=15_000)
    assert rows.count() >= 1
    assert "results in" in page.locator(".tabPanel.active .yasr_response_chip").inner_text()
    screenshot(page, "query-library")
    assert not page.problems, page.problems


def test_server_browser_script_in_document_is_text(page, fixture_server):
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{fixture_server}/")
    page.locator("a[href^='/id/doc/']").first.click()
    page.wait_for_load_state("load")
    text = page.locator(".doctext").inner_text()
    assert "<script>alert(1)</script>" in text
    assert "<script>alert('title')</script>" in page.locator("h1").inner_text()
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    page.wait_for_timeout(300)
    assert dialogs == []
    screenshot(page, "document-with-script")
    assert not page.problems, page.problems


def test_server_browser_treaty_chart(page, fixture_server):
    page.goto(f"{fixture_server}/id/treaty/un-cybercrime-convention")
    chart = page.locator("svg.chart")
    assert chart.is_visible()
    assert chart.locator("circle.point").count() == 2
    assert "threshold: 40" in chart.inner_html()
    screenshot(page, "treaty-chart")
