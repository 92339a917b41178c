"""What the browser harness runs inside each page, and how it reads axe's findings.

`harness.py` drives the pages; this module holds the scripts it injects (the document and
htmx-swap announcements, the CSP listener, the axe runner) and the formatting of violations.
"""

from __future__ import annotations

from dataclasses import dataclass

FAILING_IMPACTS = ("critical", "serious")
AXE_OPTIONS = {"resultTypes": ["violations"]}

# Runs in every document (and frame) before the page's own scripts. Init scripts are not
# subject to the page's CSP, so this adds no violation of its own.
INIT_SCRIPT = """
(() => {
  const report = (kind, data) => {
    try { window.__netwerkHarness(kind, data); } catch (error) { /* binding gone: unloading */ }
  };
  addEventListener("securitypolicyviolation", (event) => report("csp", {
    directive: event.effectiveDirective,
    blocked: event.blockedURI,
    source: event.sourceFile,
    line: event.lineNumber,
    sample: event.sample,
    url: location.href,
  }));
  if (window.top !== window) return;
  const doc = () => ({ origin: performance.timeOrigin, url: location.href });
  document.addEventListener("DOMContentLoaded", () => report("document", doc()));
  // The elements htmx swapped in since the last check: the next check looks at these.
  Object.defineProperty(window, "__netwerkSwapped", { value: new Set() });
  document.addEventListener("htmx:afterSettle", (event) => {
    window.__netwerkSwapped.add(event.target);
    report("swap", doc());
  });
})();
"""

# One round trip per check: wait (at most 2 s) for CSS transitions and finite animations to
# end (axe measures colours as rendered: halfway through Pico's fade-in of a dropdown the
# text is still pale; an infinite animation, a busy spinner, is left running), run axe, and
# return the violations with the identity of the document they belong to. A document
# without axe yet answers {missing: true}: the caller injects the bundled script and asks
# again.
RUN_AXE = """async ({ context, swappedOnly, options }) => {
  if (typeof window.axe !== "object") return { missing: true };
  const swapped = [...(window.__netwerkSwapped || [])].filter((element) => element.isConnected);
  if (window.__netwerkSwapped) window.__netwerkSwapped.clear();
  let scope = context || "";
  if (!context && swappedOnly && swapped.length) {
    context = { include: swapped };
    scope = `${swapped.length} element(s) swapped in by htmx`;
  }
  const finite = document.getAnimations().filter((animation) => {
    const timing = animation.effect && animation.effect.getComputedTiming();
    return timing && Number.isFinite(timing.endTime);
  });
  const done = Promise.all(finite.map((animation) => animation.finished.catch(() => null)));
  await Promise.race([done, new Promise((resolve) => setTimeout(resolve, 2000))]);
  const origin = performance.timeOrigin;
  const results = await window.axe.run(context || document, options);
  return {
    origin,
    url: location.href,
    scope,
    violations: results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact,
      help: violation.help,
      helpUrl: violation.helpUrl,
      nodes: violation.nodes.map((node) => ({
        target: node.target,
        html: node.html.slice(0, 300),
        failureSummary: node.failureSummary,
      })),
    })),
  };
}"""


@dataclass
class AxeRun:
    url: str
    origin: float
    violations: list[dict]
    scope: str = ""

    @property
    def failing(self) -> list[dict]:
        return [v for v in self.violations if v.get("impact") in FAILING_IMPACTS]


def format_violations(
    url: str, violations: list[dict], *, scope: str = "", max_targets: int = 3
) -> str:
    where = f"{url} ({scope})" if scope else url
    lines = [f"axe: {len(violations)} serious/critical accessibility violation(s) on {where}"]
    for violation in violations:
        nodes = violation.get("nodes", [])
        targets = [" ".join(map(str, node.get("target", []))) for node in nodes[:max_targets]]
        more = f" (+{len(nodes) - max_targets} more)" if len(nodes) > max_targets else ""
        lines.append(
            f"  - {violation['id']} [{violation.get('impact')}] {violation.get('help')}\n"
            f"    targets: {', '.join(targets)}{more}\n"
            f"    {violation.get('helpUrl', '')}"
        )
        if nodes and nodes[0].get("failureSummary"):
            summary = " ".join(nodes[0]["failureSummary"].split())
            lines.append(f"    first: {summary[:300]}")
    return "\n".join(lines)
