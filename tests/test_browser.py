"""The explorer page in headless Chromium (Playwright, Debian's /usr/bin/chromium).

Run with ``pytest -m browser``. These tests never skip: a missing browser or a missing
``playwright`` package is a failure with the command that fixes it.
"""
from __future__ import annotations

import importlib.util
import os
from pathlib import Path

import networkx as nx
import pytest

from kg.viz import render_html

pytestmark = pytest.mark.browser

CHROMIUM = os.environ.get("GOVKG_CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
PAGE_TITLE = "govkg 武汉 explorer"


def _load_fixtures():
    """The hand-built contract graph lives in test_viz.py (no conftest for viz)."""
    spec = importlib.util.spec_from_file_location("_govkg_viz_fixtures",
                                                  Path(__file__).with_name("test_viz.py"))
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


fx = _load_fixtures()


@pytest.fixture(scope="module")
def browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - environment problem
        pytest.fail("the browser tests need Playwright: pip install 'playwright>=1.45' "
                    "(do not run `playwright install`; Debian's chromium is used)")
    if not os.access(CHROMIUM, os.X_OK):
        pytest.fail(f"{CHROMIUM} not found: apt-get install -y chromium fonts-wqy-microhei "
                    "(or set GOVKG_CHROMIUM to a Chromium binary)")
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


class Page:
    """A page opened with every non-file request aborted and recorded."""

    def __init__(self, browser, path: Path):
        self.context = browser.new_context(viewport={"width": 1400, "height": 900})
        self.blocked: list[str] = []
        self.errors: list[str] = []
        self.dialogs: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("request", self._request)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: m.type == "error" and self.errors.append(m.text))
        self.page.on("dialog", self._dialog)
        self.page.add_init_script("""
            window.__alerts = [];
            window.alert = window.confirm = window.prompt = function (m) {
                window.__alerts.push(String(m)); };
            window.__violations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
                window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });
        """)
        self.page.goto(path.as_uri())
        # A selector, not wait_for_function: a string predicate is run through eval(), which
        # the page's CSP (rightly) forbids, so it fails on Chromium builds that enforce it there.
        self.page.wait_for_selector("html[data-ready='1']", state="attached", timeout=30000)

    def _route(self, route):
        if route.request.url.startswith("file:"):
            route.continue_()
        else:
            self.blocked.append(route.request.url)
            route.abort()

    def _request(self, request):
        if not request.url.startswith(("file:", "data:", "blob:")):
            self.blocked.append(request.url)

    def _dialog(self, dialog):
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def evaluate(self, js, arg=None):
        return self.page.evaluate(js, arg)

    def click_node(self, node_id: str) -> None:
        """Click a node where vis drew it: getPositions -> canvasToDOM -> page coordinates."""
        self.evaluate("govkg.network.stopSimulation()")
        self.evaluate("id => govkg.network.focus(id, {scale: 1.5, animation: false})", node_id)
        self.page.wait_for_timeout(100)
        xy = self.evaluate("""id => {
            const p = govkg.network.getPositions([id])[id];
            const d = govkg.network.canvasToDOM(p);
            const r = document.querySelector('#network canvas').getBoundingClientRect();
            return [r.left + d.x, r.top + d.y];
        }""", node_id)
        self.page.mouse.click(xy[0], xy[1])

    def close(self):
        self.context.close()


def pixel(pg: Page, node_id: str) -> list[int]:
    """RGB of the canvas at a node's centre."""
    return pg.evaluate("""id => {
        const net = govkg.network;
        net.fit({animation: false});
        net.redraw();
        const d = net.canvasToDOM(net.getPositions([id])[id]);
        const c = document.querySelector('#network canvas'), r = window.devicePixelRatio || 1;
        const ctx = c.getContext('2d');
        return Array.from(ctx.getImageData(Math.round(d.x * r), Math.round(d.y * r), 1, 1).data).slice(0, 3);
    }""", node_id)


@pytest.fixture()
def open_page(browser):
    pages = []

    def _open(path: Path) -> Page:
        pg = Page(browser, path)
        pages.append(pg)
        return pg

    yield _open
    for pg in pages:
        pg.close()


@pytest.fixture()
def sample_page(tmp_path, open_page):
    G = fx.sample_graph()
    path = tmp_path / "kg.html"
    render_html(G, path, title=PAGE_TITLE)
    return G, open_page(path)


def test_loads_offline_and_draws_every_node(sample_page):
    G, pg = sample_page
    assert pg.blocked == [], f"the page tried to reach the network: {pg.blocked}"
    assert pg.errors == []
    assert pg.evaluate("window.__violations") == []
    assert pg.evaluate("govkg.drawnNodeCount()") == G.number_of_nodes()
    assert pg.evaluate("govkg.drawnEdgeCount()") == G.number_of_edges()
    assert pg.evaluate("govkg.nodes.length") == G.number_of_nodes()
    assert pg.evaluate("document.documentElement.dataset.nodeCount") == str(G.number_of_nodes())
    assert pg.page.title() == PAGE_TITLE
    assert pg.page.inner_text("#page-title") == PAGE_TITLE
    legend = pg.page.inner_text("#legend")
    for kind in ("Agency", "Place", "Project", "Target", "Organization", "Document"):
        assert kind in legend


def test_click_node_shows_its_source_sentence(sample_page):
    G, pg = sample_page
    pg.click_node("place/赵畈村")
    pg.page.wait_for_selector("#panel h2")
    assert pg.evaluate("govkg.selected()") == "place/赵畈村"
    panel = pg.page.inner_text("#panel")
    assert panel.startswith("赵畈村")
    assert fx.S_VILLAGE[0] in panel.replace("\n", "")
    assert fx.DOC_TITLE in panel
    assert pg.page.inner_text("#panel mark") == "赵畈村"
    # neighbours are clickable
    pg.page.click("#panel button[data-node='place/黄陂区']")
    assert pg.evaluate("govkg.selected()") == "place/黄陂区"
    assert pg.page.inner_text("#panel h2") == "黄陂区"
    # target attributes
    target = next(n for n, d in G.nodes(data=True) if d["kind"] == "Target")
    pg.click_node(target)
    panel = pg.page.inner_text("#panel")
    for text in ("deadline", "2021-12-31", "2,000,000,000,000", "元", "地区生产总值", ">="):
        assert text in panel, text
    # neighbourhood highlight: the node and its neighbours are drawn over a veil
    assert set(pg.evaluate("govkg.highlighted()")) == {target, *G.successors(target),
                                                       *G.predecessors(target)}
    veiled = pixel(pg, "org/东风本田汽车有限公司")
    pg.evaluate("govkg.clearSelection()")
    plain = pixel(pg, "org/东风本田汽车有限公司")
    assert sum(veiled) > sum(plain) + 100, (veiled, plain)  # paler while veiled
    pg.click_node(target)
    # clicking empty canvas clears
    box = pg.page.locator("#network canvas").bounding_box()
    pg.page.mouse.click(box["x"] + 3, box["y"] + box["height"] - 3)
    assert pg.evaluate("govkg.selected()") is None


def test_search_by_name_and_alias(sample_page):
    _, pg = sample_page
    pg.page.fill("#search", "黄陂区")
    assert pg.page.inner_text("#search-results button").startswith("黄陂区")
    pg.page.press("#search", "Enter")
    assert pg.evaluate("govkg.selected()") == "place/黄陂区"
    assert pg.evaluate("govkg.network.getSelectedNodes()") == ["place/黄陂区"]
    assert pg.page.inner_text("#panel h2") == "黄陂区"
    pg.page.fill("#search", "市发改委")  # an alias
    pg.page.click("#search-results button")
    assert pg.evaluate("govkg.selected()") == "agency/武汉市发展和改革委员会"


def test_filters(sample_page):
    G, pg = sample_page
    pg.page.uncheck("#legend input[data-kind='Document']")
    assert pg.evaluate("govkg.drawnNodeCount()") == G.number_of_nodes() - 2
    pg.page.click("#reset")
    pg.page.select_option("#doc-filter", fx.EVIL_DOC)
    assert pg.evaluate("govkg.drawnNodeCount()") == 2
    pg.page.click("#reset")
    pg.page.select_option("#year-filter", "2021")
    drawn = set(pg.evaluate("govkg.network.body.nodeIndices"))
    target = next(n for n, d in G.nodes(data=True) if d["kind"] == "Target")
    assert drawn == {target, *G.successors(target), *G.predecessors(target)}
    pg.page.click("#reset")
    assert pg.evaluate("govkg.drawnNodeCount()") == G.number_of_nodes()


def test_xss_payloads_stay_text(sample_page):
    _, pg = sample_page
    evil = "org/" + fx.XSS_LABEL
    pg.click_node(evil)
    assert pg.evaluate("govkg.selected()") == evil
    pg.page.mouse.move(5, 5)
    panel = pg.page.inner_text("#panel")
    assert fx.XSS_LABEL in panel and fx.XSS_SENTENCE in panel
    pg.page.click("#panel button[data-node='place/黄陂区']")  # neighbour list shows it too
    pg.page.fill("#search", "<img")
    pg.page.press("#search", "Enter")
    pg.page.fill("#search", "</script")
    pg.page.press("#search", "Enter")
    pg.page.select_option("#doc-filter", fx.EVIL_DOC)
    # hover the evil node: our tooltip, not vis's HTML title
    xy = pg.evaluate("""id => { const d = govkg.network.canvasToDOM(govkg.network.getPositions([id])[id]);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""", evil)
    pg.page.mouse.move(xy[0], xy[1])
    pg.page.wait_for_timeout(300)
    assert pg.page.title() == PAGE_TITLE
    assert pg.evaluate("window.__alerts") == [] and pg.dialogs == []
    assert pg.evaluate("document.querySelectorAll('img, iframe, object, embed').length") == 0
    assert pg.evaluate("document.scripts.length") == 3
    assert pg.evaluate("window.__violations") == []
    assert pg.errors == [] and pg.blocked == []


def test_hostile_page_title(tmp_path, open_page):
    path = tmp_path / "evil.html"
    render_html(fx.sample_graph(), path, title="</title><script>alert('t')</script>")
    pg = open_page(path)
    assert pg.page.title() == "</title><script>alert('t')</script>"
    assert pg.evaluate("window.__alerts") == [] and pg.dialogs == []


def synthetic(n: int) -> nx.MultiDiGraph:
    G = nx.MultiDiGraph()
    docs = max(1, n // 50)
    for d in range(docs):
        G.add_node(f"doc/{d}", kind="Document", label=f"文章{d}", title=f"文章{d}")
    kinds = ["Agency", "Place", "Project", "Target", "Organization"]
    for i in range(n - docs):
        node, d = f"e/{i}", i % docs
        sentence = f"第{i}句:武汉市黄陂区推进项目{i}。"
        G.add_node(node, kind=kinds[i % 5], label=f"实体{i}", aliases=[], docs=[str(d)],
                   mentions=1 + i % 7, provenance=[{"doc": str(d), "start": 0, "end": 3,
                                                     "sentence": sentence, "sent_start": 0,
                                                     "rule": "syn", "confidence": 1.0}])
        G.add_edge(node, f"doc/{d}", key="mentionedIn", predicate="mentionedIn")
        if i > 5:
            G.add_edge(node, f"e/{(i * 7919) % i}", key="partOf", predicate="partOf")
    return G


def test_large_graph_draws_fast_with_physics_off(tmp_path, open_page):
    G = synthetic(4000)
    path = tmp_path / "big.html"
    render_html(G, path, max_nodes=3000)
    pg = open_page(path)
    assert pg.evaluate("govkg.drawnNodeCount()") == 3000
    assert pg.evaluate("govkg.network.physics.physicsEnabled") is False
    assert pg.evaluate("window.govkgReadyAt") < 15000
    notice = pg.page.inner_text("#notice")
    assert "3,000 most connected of 4,000 nodes" in notice
    assert pg.page.is_visible("#notice")
    pg.page.fill("#search", "实体1234")
    pg.page.press("#search", "Enter")
    assert pg.page.inner_text("#panel h2") == "实体1234"
    assert len(pg.evaluate("govkg.highlighted()")) > 1
    t = pg.evaluate("""() => { const t0 = performance.now(); govkg.clearSelection();
                               govkg.select('e/77'); return performance.now() - t0; }""")
    assert t < 2000, f"selecting a node in a 3,000-node page took {t:.0f} ms"
    assert pg.blocked == [] and pg.errors == []
