"""Every URL pattern of the project, by name, with the route it answers on and its view."""

from collections.abc import Callable

from django.urls import URLPattern, URLResolver, get_resolver

# Left out of the access matrix, each with its reason.
EXCLUDED_MODULES = {
    "allauth": "django-allauth's log-in, MFA and password pages (see test_login_hardening)",
    "django.contrib.admin": "the technical admin (behind the same log-in: test_login_hardening)",
}
EXCLUDED_NAMES = {
    "health": "load-balancer probe: no data, public on purpose (tests/test_health.py)",
    "set_language": "the language switch (i18n): no data (tests/test_language_and_session.py)",
}


def url_patterns() -> dict[str, str]:
    """name -> route, for every named pattern outside the exclusions; unnamed ones are named by
    their view so they cannot slip through."""
    return {name: route for name, (route, _view) in _walk().items()}


def url_views() -> dict[str, Callable]:
    """name -> the view function the pattern calls (decorators included)."""
    return {name: view for name, (_route, view) in _walk().items()}


def is_api_view(view: Callable) -> bool:
    """A DRF view: it answers anonymous callers with 401/403 itself."""
    from rest_framework.views import APIView

    cls = getattr(view, "cls", None)
    return isinstance(cls, type) and issubclass(cls, APIView)


def declared_methods(view: Callable) -> frozenset[str] | None:
    """The HTTP methods a view declares it answers, or None when it declares none.

    A class-based view: its handlers. A function: the list given to Django's
    `require_http_methods` (`require_GET`, `require_POST`, `require_safe`) anywhere in its
    chain of decorators (they keep the wrapped view in `__wrapped__`).
    """
    cls = getattr(view, "cls", None) or getattr(view, "view_class", None)
    if cls is not None:
        return frozenset(m.upper() for m in cls.http_method_names if hasattr(cls, m))
    func = view
    while func is not None:
        code = getattr(func, "__code__", None)
        if code is not None and "request_method_list" in code.co_freevars:
            cell = func.__closure__[code.co_freevars.index("request_method_list")]
            return frozenset(cell.cell_contents)
        func = getattr(func, "__wrapped__", None)
    return None


def _walk() -> dict[str, tuple[str, Callable]]:
    found: dict[str, tuple[str, Callable]] = {}

    def walk(resolver: URLResolver, prefix: str, namespace: str) -> None:
        for pattern in resolver.url_patterns:
            if isinstance(pattern, URLResolver):
                module = getattr(pattern.urlconf_module, "__name__", "")
                if not module:  # admin.site.urls is a tuple, not a module
                    module = (
                        type(pattern.urlconf_module[0]).__module__
                        if isinstance(pattern.urlconf_module, (list, tuple))
                        and pattern.urlconf_module
                        else ""
                    )
                if any(module.startswith(excluded) for excluded in EXCLUDED_MODULES):
                    continue
                if pattern.app_name == "admin":
                    continue
                inner = namespace
                if pattern.namespace:
                    inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
                walk(pattern, prefix + str(pattern.pattern), inner)
            elif isinstance(pattern, URLPattern):
                name = pattern.name or f"<unnamed {pattern.lookup_str}>"
                full = f"{namespace}:{name}" if namespace else name
                if full in EXCLUDED_NAMES:
                    continue
                found[full] = (prefix + str(pattern.pattern), pattern.callback)

    walk(get_resolver(), "", "")
    return found
