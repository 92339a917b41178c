"""Every URL pattern of the project, by name, with the route it answers on."""

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
    found: dict[str, str] = {}

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
                found[full] = prefix + str(pattern.pattern)

    walk(get_resolver(), "", "")
    return found
