"""A real browser for the story test: Debian's Chromium driven by Playwright, no browser download.

``.ci/run`` installs Chromium with apt. Elsewhere, without Chromium, the browser tests are skipped
with a reason, except where ``EXPECT_SERVICES`` asks for everything to really run (CI), where
they fail.
"""

import os
import shutil
from pathlib import Path

import pytest
from django.db import connections

from tests.browser.story import Browser

CHROMIUM_NAMES = ("chromium", "chromium-browser")


def chromium_path() -> str | None:
    configured = os.environ.get("CHROMIUM")
    if configured:
        return configured
    return next((path for path in map(shutil.which, CHROMIUM_NAMES) if path), None)


@pytest.fixture
def screenshots() -> Path:
    """Where each step's screenshot goes, for a person to look at (kept after the run)."""
    root = Path(os.environ.get("BROWSER_SCREENSHOTS", Path(__file__).resolve().parents[2] / "var" / "screenshots"))
    folder = root / "story"
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


@pytest.fixture
def browser(live_server, screenshots, monkeypatch):
    """Chromium on the live server; started after the database is set up, closed after the test."""
    from playwright.sync_api import sync_playwright

    path = chromium_path()
    if path is None:
        message = "Chromium is not installed: apt-get install -y chromium (or set CHROMIUM to its path)"
        if os.environ.get("EXPECT_SERVICES"):
            pytest.fail(message)
        pytest.skip(message)
    # Playwright's sync API keeps an event loop running in this thread; the test's own ORM calls
    # are plain synchronous code all the same.
    monkeypatch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=path, args=["--no-sandbox"])
        session = Browser(chromium, base_url=live_server.url, screenshots=screenshots)
        yield session
        session.close()
        chromium.close()
        # While Playwright's loop runs, Django keeps this test's connection apart from the one the
        # run's teardown closes; close it here, or the test database cannot be dropped.
        connections.close_all()
