"""Take the README's screenshot of the sample's graph page in headless Chromium.

    .venv/bin/python docs/screenshot.py outputs/graph.html docs/sample_graph.png

Uses Debian's chromium through Playwright (no browser download); clicks the most mentioned
node so the side panel shows its source sentences.
"""
from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def main(page_path: str, out: str) -> None:
    url = Path(page_path).resolve().as_uri()
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.route("**/*", lambda r: r.continue_() if r.request.url.startswith("file:") else r.abort())
        page.goto(url)
        page.wait_for_function("document.documentElement.dataset.ready === '1'", timeout=30000)
        page.wait_for_timeout(1500)
        page.fill("#search", "黄陂区")
        page.keyboard.press("Enter")
        page.wait_for_timeout(1500)
        page.screenshot(path=out)
        browser.close()


if __name__ == "__main__":
    main(*sys.argv[1:3])
