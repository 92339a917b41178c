"""The crawl (test_crawl.py): which pages each role opens, and what is measured on each.

The pages come from the project's URL patterns (tests/security/urls_walk.py) and the access
matrix (tests/security/test_access_matrix.py): every pattern that is not part of the API and
that the matrix lets the role GET ("ok"), with its ids from the world of
tests/security/world.py. A new page needs a row in the matrix (its test fails otherwise), and
from then on it is crawled too, as every role that may open it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse

from tests.security.test_access_matrix import MATRIX, PENDING, QUERY, R, _kwargs
from tests.security.urls_walk import is_api_view, url_patterns, url_views

from .harness import DESKTOP, PHONE, TABLET, Viewport

# The roles a person can have in the organisation of the world (the volunteer is also the
# group's facilitator there).
ROLES = (
    "social_worker",
    "colleague",
    "coordinator",
    "volunteer",
    "researcher",
    "org_admin",
    "policy_analyst",  # the signals report only (a municipality of their own in the world)
)
# Widest first: the page is loaded once, at 1280 px, and then made narrower.
VIEWPORTS: tuple[Viewport, ...] = (DESKTOP, TABLET, PHONE)
TAP_TARGET_WIDTH = PHONE.width


@dataclass(frozen=True)
class CrawlPage:
    name: str  # the URL pattern's name
    url: str

    @property
    def file_name(self) -> str:
        return self.name.replace(":", "-")


def crawlable_names(role: str) -> list[str]:
    """Every page pattern the access matrix lets ``role`` open with GET."""
    patterns, views, table = url_patterns(), url_views(), MATRIX | PENDING
    column = R.index(role)
    names = []
    for name in sorted(patterns):
        if is_api_view(views[name]):
            continue  # JSON: tests/security/test_api_in_a_browser.py opens those
        row = table.get(name)
        if row is None:
            continue  # test_access_matrix fails on it until it has a row
        if row.split()[column].split("/")[0] == "ok":
            names.append(name)
    return names


def pages_for(world, role: str) -> list[CrawlPage]:
    patterns = url_patterns()
    pages = []
    for name in crawlable_names(role):
        url = reverse(name, kwargs=_kwargs(world, name, patterns[name]))
        url += QUERY[name](world) if name in QUERY else ""
        pages.append(CrawlPage(name, url))
    return pages


# -- what people type -------------------------------------------------------------------------

LONG_WORD = "a" * 10_000  # a pasted string without a single space (issue 13, defect 15)


def add_long_texts(world) -> None:
    """Text as people really type it: a 10,000-character note without a space, a long name on
    the network map, long free text in the file. Every page must still fit the screen."""
    from buddies.models import BuddyRequest
    from participants.models import Intervention, NetworkMember

    BuddyRequest.objects.filter(pk=world.waiting_request.pk).update(note=LONG_WORD)
    BuddyRequest.objects.filter(pk=world.match_request.pk).update(note=LONG_WORD)
    NetworkMember.objects.filter(pk=world.network_member.pk).update(label="kaartclub café De Zwaan")
    Intervention.objects.filter(pk=world.intervention.pk).update(summary=LONG_WORD[:3000])


# -- what runs in the page ---------------------------------------------------------------------

# Waits for htmx's "load" triggers (the file page's cards) to have been swapped in, at most 3 s.
HTMX_SETTLED = """() => new Promise((resolve) => {
  const started = Date.now();
  const poll = () => {
    const pending = document.querySelectorAll('[hx-trigger~="load"], .htmx-request');
    if (!pending.length || Date.now() - started > 3000) resolve(pending.length);
    else setTimeout(poll, 50);
  };
  poll();
})"""

# Two animation frames: the layout after a resize has been done and painted.
NEXT_FRAME = """() => new Promise((resolve) =>
  requestAnimationFrame(() => requestAnimationFrame(() => resolve(true))))"""

# Horizontal overflow of the document, and the elements that cause it: those that stick out
# on the right while their parent does not (where the overflow starts), outside any box that
# scrolls or clips horizontally. Widest first.
OVERFLOW = """() => {
  const width = window.innerWidth;
  const scrollWidth = document.documentElement.scrollWidth;
  if (scrollWidth <= width) return null;
  // Inside a box that scrolls or clips, unless positioned out of it (an absolutely positioned
  // element belongs to its containing block, which may lie outside the scroll box).
  const clipped = (element) => {
    let position = getComputedStyle(element).position;
    if (position === "fixed") return true;  // never widens the document
    for (let node = element.parentElement; node && node !== document.body;
      node = node.parentElement) {
      const style = getComputedStyle(node);
      if (position === "absolute") {
        if (style.position === "static") continue;  // not its containing block
        position = style.position;
      }
      if (style.overflowX !== "visible") return true;
    }
    return false;
  };
  const sticksOut = (element) => {
    const rect = element.getBoundingClientRect();
    return rect.width > 0 && rect.right > width + 0.5;
  };
  const describe = (element) => {
    let text = element.tagName.toLowerCase();
    if (element.id) text += "#" + element.id;
    for (const name of element.classList) text += "." + name;
    const label = (element.innerText || element.getAttribute("aria-label") || "").trim();
    if (label) text += ` "${label.replace(/\\s+/g, " ").slice(0, 40)}"`;
    const rect = element.getBoundingClientRect();
    const right = Math.round(rect.right);
    return `${text} (${Math.round(rect.width)} px wide, right edge at ${right} px)`;
  };
  const outermost = (element) => element.parentElement === document.body
    || !sticksOut(element.parentElement) || clipped(element.parentElement);
  const causes = [...document.body.querySelectorAll("*")]
    .filter((element) => sticksOut(element) && !clipped(element) && outermost(element));
  causes.sort((a, b) => b.getBoundingClientRect().right - a.getBoundingClientRect().right);
  return { scrollWidth, width, widest: causes.slice(0, 3).map(describe) };
}"""

# Headings whose words are split over two lines ("competentiever / sterking"): a heading
# wraps between words (or at a hyphen it has).
BROKEN_HEADING_WORDS = """() => {
  const found = [];
  for (const heading of document.querySelectorAll("main h1, main h2, main h3, main h4")) {
    if (!heading.getClientRects().length) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const words = /[^\\s\\-\u2010\u2011\u00ad\\/]+/g;
      let match;
      while ((match = words.exec(node.data))) {
        if (match[0].length < 4) continue;
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()]
          .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
        if (lines.size > 1) {
          const text = heading.innerText.trim().replace(/\\s+/g, " ").slice(0, 60);
          found.push(`"${match[0]}" in ${heading.tagName.toLowerCase()} "${text}"`);
        }
      }
    }
  }
  return found;
}"""

# The header's items (the name menu, the reminders, the language, the sections) each on one
# line: a wrapped "1 nieuwe / herinnering" or a name above its menu arrow looks broken.
WRAPPED_HEADER_ITEMS = """() => [...document.querySelectorAll(
    ".site-header nav li > a, .site-header nav li > summary, .site-header nav li > span,"
    + " .site-header nav li button"
  )]
  .filter((element) => element.getClientRects().length)
  .filter((element) => {
    const style = getComputedStyle(element);
    const line = parseFloat(style.lineHeight) || parseFloat(style.fontSize) * 1.5;
    const range = document.createRange();
    range.selectNodeContents(element);
    const lines = new Set([...range.getClientRects()]
      .filter((rect) => rect.width > 0).map((rect) => Math.round(rect.bottom)));
    const after = getComputedStyle(element, "::after");
    const box = element.getBoundingClientRect();
    const arrowBelow = after.content !== "none" && after.float !== "none"
      && box.height > line * 1.8 + parseFloat(style.paddingTop) + parseFloat(style.paddingBottom);
    return lines.size > 1 || arrowBelow;
  })
  .map((element) => `${element.tagName.toLowerCase()} "${element.innerText.trim()
    .replace(/\\s+/g, " ").slice(0, 40)}"`)"""

# A box that scrolls sideways is fine for a wide table, not for a table made as wide as a
# pasted note: at most three laptop screens wide.
WIDE_SCROLL_BOXES = """() => [...document.body.querySelectorAll("*")]
  .filter((element) => {
    const overflow = getComputedStyle(element).overflowX;
    return (overflow === "auto" || overflow === "scroll")
      && element.scrollWidth > 3 * Math.max(1280, element.clientWidth);
  })
  .map((element) => {
    let text = element.tagName.toLowerCase();
    for (const name of element.classList) text += "." + name;
    return `${text} scrolls over ${element.scrollWidth} px`;
  })"""

# The volunteer works on a phone: their buttons and main actions are at least 44 px high
# (issue 13, defect 14; WCAG 2.5.5's size), not only the 24 px every target needs.
MAIN_ACTION_ROLES = ("volunteer",)
MAIN_ACTION_HEIGHT = 44
SMALL_MAIN_ACTIONS = """(minimum) => [...document.querySelectorAll(
    "main button, main [role=button], main input[type=submit], main .tap, main .contact-actions a"
  )]
  .filter((element) => element.getClientRects().length)
  .filter((element) => element.getBoundingClientRect().height < minimum - 0.5)
  .map((element) => {
    const label = (element.innerText || element.value || "").trim().slice(0, 40);
    return `${element.tagName.toLowerCase()} "${label}" is ${
      Math.round(element.getBoundingClientRect().height)} px high`;
  })"""

# An htmx fragment opened on its own (no <title>): not a document, so the rules about
# documents (title, language, landmarks) do not apply to it; the page that includes it is
# crawled with it.
IS_FRAGMENT = """() => !document.querySelector("head > title")"""
DOCUMENT_RULES = (
    "document-title",
    "html-has-lang",
    "landmark-one-main",
    "page-has-heading-one",
    "region",
)

# axe's options per width: the harness's defaults everywhere, and at the phone width also the
# tap-target rule (WCAG 2.2 2.5.8, "target-size": at least 24 by 24 px, or enough space around
# a smaller target; inline links in a sentence are exempt), which axe leaves off by default.
AXE_AT_PHONE_WIDTH = {"resultTypes": ["violations"], "rules": {"target-size": {"enabled": True}}}
