"""htmx's headers are read and written through django-htmx, never spelled out by hand.

A view reads `request.htmx` (django_htmx's middleware) and answers with django_htmx.http's
helpers (`push_url`, `retarget`, `reswap`, `trigger_client_event`, `HttpResponseClientRedirect`,
...), which know the header names and their formats. This test reads every Python module of
the project's apps and fails on a string that starts with "HX-"; only netwerk's own helpers
(netwerk/, e.g. submit_once reading where a response sends the person) may name one.
"""

import ast
from pathlib import Path

from django.apps import apps
from django.conf import settings

ALLOWED = {"netwerk"}


def _app_modules():
    base = Path(settings.BASE_DIR).resolve()
    for config in apps.get_app_configs():
        path = Path(config.path).resolve()
        if base not in path.parents or ".venv" in path.parts or config.label in ALLOWED:
            continue
        yield from path.rglob("*.py")


def _hand_written_headers(module: Path) -> list[str]:
    tree = ast.parse(module.read_text(encoding="utf-8"), filename=str(module))
    return [
        f"{module.relative_to(settings.BASE_DIR)}:{node.lineno}: {node.value!r}"
        for node in ast.walk(tree)
        if isinstance(node, ast.Constant)
        and isinstance(node.value, str)
        and node.value.upper().startswith("HX-")
    ]


def test_the_apps_are_read():
    assert any(module.name == "views.py" for module in _app_modules())


def test_no_app_writes_an_htmx_header_by_hand():
    found = [line for module in _app_modules() for line in _hand_written_headers(module)]
    assert not found, (
        "Use request.htmx and django_htmx.http (push_url, retarget, reswap, "
        "trigger_client_event, HttpResponseClientRedirect, ...) instead of: " + "; ".join(found)
    )
