"""Make docs/viz-sample.png: the sample's page in headless Chromium, with the person
named in most units selected (its mentions highlighted in the panel on the right).

    epkg build examples/TA-9-2021-0056-ro.txt -o /tmp/sample.ttl
    epkg viz /tmp/sample.ttl -o /tmp/sample.html
    python docs/viz_sample.py /tmp/sample.html docs/viz-sample.png
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
]


def main(page_file: str, png: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 860})
        page.goto(Path(page_file).resolve().as_uri())
        while not page.evaluate("Boolean(window.epkgViz && window.epkgViz.ready)"):
            page.wait_for_timeout(20)
        page.evaluate("""() => { const cy = epkgViz.cy;
            const best = cy.nodes('[type = "Person"]')
                .max(n => n.connectedEdges('[kind = "mentions"]').length);
            if (best.ele) { epkgViz.select(best.ele.id(), false); } }""")
        page.wait_for_timeout(200)
        page.screenshot(path=png)
        browser.close()


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
