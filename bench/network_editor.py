"""Benchmark of the hand-drawn network map's editor (issue 17, "Budgets"): a drag frame in
Chromium stays under 16 ms on a map of 150 members and 2,000 ties.

    python bench/network_editor.py [--members 150] [--ties 2000] [--steps 150]
                                   [--throttle 1,4] [--strict] [--seed S]

No database and no server: the picture is drawn by the real `netwerkcirkel` (synthetic members
and ties in memory), the editor's controls by the real `_draw.html`, and both are put in a page
with the real stylesheets and static/js/network-editor.js. Playwright serves that page from
memory (a POST of a place answers 204, as the view does without htmx), opens it in Chromium
(/usr/bin/chromium) and drags the member with the most ties along a circle with the mouse.

What is measured, per frame of the drag (a requestAnimationFrame loop in the page, started
before the drag, so its callback runs before the editor's own frame callback): the main
thread's time from the start of the frame's animation callbacks until a task posted then runs,
i.e. the editor's frame callback plus style, layout and paint of that frame ("frame work"); and
the time between frames (a dropped frame shows as ~33 ms). Chromium's long-animation-frame
entries (frames over 50 ms) are counted too. The budget: the 95th percentile and the median of
the frame work under 16 ms, and at most 5% of the frames dropped (a slow raster shows there:
it runs off the main thread), without throttling; with --throttle 4 (a slow tablet, CPU four times
slower) the figures are printed for information. Exits 1 with --strict when the budget is missed.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

BUDGET_MS = 16.0
CHROMIUM = "/usr/bin/chromium"
BASE = "http://bench.netwerk.invalid"


def configure_django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "netwerk.settings")
    os.environ.setdefault("DJANGO_DEBUG", "false")
    os.environ.setdefault("DJANGO_SECURE", "false")
    os.environ.setdefault("DATABASE_URL", "sqlite:////tmp/netwerk-bench-unused.sqlite3")
    os.environ.setdefault(
        "DJANGO_SECRET_KEY", "bench-only-secret-key-0123456789-abcdefghijklmnopqrstuvwxyz-ABCDEF"
    )
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()


def build_page(members_count: int, ties_count: int, seed: int) -> tuple[str, str, int]:
    """The page's HTML and the id of the member with the most ties."""
    import math

    from django.template.loader import render_to_string
    from django.utils import translation

    from participants.models import MemberTie, NetworkMember, Participant
    from participants.models.network import Ring, Sector
    from participants.network_svg import netwerkcirkel

    rng = random.Random(seed)
    members = []
    for pk in range(1, members_count + 1):
        member = NetworkMember(
            pk=pk,
            label=f"Persoon {pk}",
            sector=rng.choice(Sector.values),
            ring=rng.choice(Ring.values),
            support=rng.sample(["emotional", "practical", "informational"], rng.randint(0, 2)),
        )
        if pk % 2:  # half of them placed by hand
            angle, radius = rng.uniform(0, 2 * math.pi), rng.uniform(0.2, 0.95)
            member.pos_x, member.pos_y = radius * math.cos(angle), radius * math.sin(angle)
        members.append(member)
    pairs: set[tuple[int, int]] = set()
    while len(pairs) < ties_count:
        a, b = sorted(rng.sample(range(1, members_count + 1), 2))
        pairs.add((a, b))
    ties = [
        MemberTie(
            member_a_id=a,
            member_b_id=b,
            strength=rng.choice(["weak", "strong"]),
            tension=rng.choice(["", "", "", "tense", "broken"]),
        )
        for a, b in sorted(pairs)
    ]
    degree: dict[int, int] = {}
    for a, b in pairs:
        degree[a] = degree.get(a, 0) + 1
        degree[b] = degree.get(b, 0) + 1
    busiest = max(degree, key=degree.get)
    with translation.override("nl"):
        svg = netwerkcirkel(
            members, id_prefix="map-now", title="Netwerkkaart", centre_label="Mia", ties=ties
        )
        draw = render_to_string(
            "participants/network/_draw.html",
            {"can_edit": True, "members": members, "participant": Participant(pk=1)},
        )
    html = f"""<!DOCTYPE html><html lang="nl"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>bench</title>
<link rel="stylesheet" href="/static/vendor/pico/pico.min.css">
<link rel="stylesheet" href="/static/css/netwerk.css">
<link rel="stylesheet" href="/static/css/layout.css"></head>
<body><main class="container" id="main"><section id="network-editor"><div class="nw-map-layout">
<figure class="nw-map-figure">{svg}</figure><div class="nw-map-text"></div></div>
{draw}</section></main></body></html>"""
    return html, str(busiest), degree[busiest]


def serve(route, html: str) -> None:
    request = route.request
    path = request.url.removeprefix(BASE)
    if request.method == "POST":
        route.fulfill(status=204)
    elif path in ("/", "/index.html"):
        route.fulfill(status=200, body=html, content_type="text/html; charset=utf-8")
    elif path.startswith("/static/"):
        file = ROOT / "static" / path.removeprefix("/static/")
        kind = "text/css" if file.suffix == ".css" else "text/javascript"
        route.fulfill(status=200, body=file.read_bytes(), content_type=kind)
    else:
        route.fulfill(status=404)


MEASURE = """() => {
  window.__frames = [];
  window.__loaf = 0;
  try {
    new PerformanceObserver((list) => { window.__loaf += list.getEntries().length; })
      .observe({type: 'long-animation-frame', buffered: false});
  } catch (e) { window.__loaf = -1; }
  const channel = new MessageChannel();
  let pending = null;
  channel.port1.onmessage = () => {
    if (pending) {
      pending.work = performance.now() - pending.start;
      window.__frames.push(pending);
    }
    pending = null;
  };
  let last = 0;
  window.__run = true;
  const loop = (now) => {
    if (!window.__run) return;
    const start = performance.now();
    pending = {start, delta: last ? now - last : 0};
    last = now;
    channel.port2.postMessage(0);
    requestAnimationFrame(loop);
  };
  requestAnimationFrame(loop);
}"""


def drag(page, member_id: str, steps: int) -> dict:
    import math

    mark = page.locator(f"g.nw-member[data-member='{member_id}'] .nw-shape")
    mark.scroll_into_view_if_needed()
    box = mark.bounding_box()
    x0, y0 = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    svg = page.locator("svg.nw-map").bounding_box()
    cx, cy = svg["x"] + svg["width"] / 2, svg["y"] + svg["height"] / 2
    radius = min(svg["width"], svg["height"]) * 0.3
    page.mouse.move(x0, y0)
    page.mouse.down()
    page.evaluate(MEASURE)
    for step in range(steps):
        angle = 2 * math.pi * step / steps
        page.mouse.move(cx + radius * math.cos(angle), cy + radius * math.sin(angle))
    page.evaluate("() => new Promise(r => requestAnimationFrame(() => setTimeout(r, 50)))")
    page.evaluate("() => { window.__run = false; }")
    frames = page.evaluate("() => window.__frames")
    loaf = page.evaluate("() => window.__loaf")
    page.mouse.up()
    moved = page.locator(f"g.nw-member[data-member='{member_id}']").get_attribute("transform")
    return {"frames": frames, "loaf": loaf, "moved_to": moved}


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--members", type=int, default=150)
    parser.add_argument("--ties", type=int, default=2000)
    parser.add_argument("--steps", type=int, default=150)
    parser.add_argument("--throttle", default="1,4", help="CPU slow-down factors to run")
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--strict", action="store_true")
    args = parser.parse_args()

    configure_django()
    html, busiest, busiest_degree = build_page(args.members, args.ties, args.seed)
    from playwright.sync_api import sync_playwright

    print(f"map: {args.members} members, {args.ties} ties, page {len(html) / 1024:.0f} KiB")
    print(f"dragged: member {busiest} with {busiest_degree} ties, {args.steps} mouse moves")
    print(f"load average: {' '.join(f'{x:.2f}' for x in os.getloadavg())}")
    failed = False
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"], headless=True
        )
        for factor in [int(f) for f in args.throttle.split(",") if f]:
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.route(f"{BASE}/**", lambda route: serve(route, html))
            page.goto(f"{BASE}/")
            page.wait_for_selector("svg.nw-map.nw-editable")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": factor})
            drag(page, busiest, 20)  # warm-up
            result = drag(page, busiest, args.steps)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 1})
            work = [f["work"] for f in result["frames"]]
            deltas = [f["delta"] for f in result["frames"] if f["delta"]]
            dropped = sum(1 for d in deltas if d > 1.5 * (1000 / 60))
            p50, p95, worst = statistics.median(work), percentile(work, 0.95), max(work)
            verdict = ""
            if factor == 1:
                ok = p95 < BUDGET_MS and p50 < BUDGET_MS and dropped <= 0.05 * len(deltas)
                failed |= not ok
                verdict = (
                    f"  {'PASS' if ok else 'FAIL'} (frame work p95 and median < "
                    f"{BUDGET_MS:.0f} ms, at most 5% of frames dropped)"
                )
            print(
                f"CPU x{factor}: {len(work)} frames; frame work median {p50:.2f} ms, "
                f"p95 {p95:.2f} ms, max {worst:.2f} ms; frame interval p95 "
                f"{percentile(deltas, 0.95):.1f} ms, {dropped} dropped; "
                f"long animation frames {result['loaf']}{verdict}"
            )
            assert result["moved_to"], "the member did not move"
            context.close()
        browser.close()
    return 1 if failed and args.strict else 0


if __name__ == "__main__":
    sys.exit(main())
