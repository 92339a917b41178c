"""How often the API may be called: per caller (a token's or a session's person) and per
address. Past the rate DRF answers 429 with `Retry-After`. Log-in has its own limits
(allauth's, in the cache as well).

The rates are read on every request from `settings.NETWERK_API_RATES`, not once at import as
DRF's own classes do, so that a test or an operator's change applies at once.
"""

from django.conf import settings
from rest_framework.throttling import SimpleRateThrottle


class _SettingsRate(SimpleRateThrottle):
    def get_rate(self) -> str | None:
        return settings.NETWERK_API_RATES.get(self.scope)


class PerCaller(_SettingsRate):
    """One person, whichever token or session they call with."""

    scope = "caller"

    def get_cache_key(self, request, view) -> str | None:
        if not (request.user and request.user.is_authenticated):
            return None  # counted by address only
        return self.cache_format % {"scope": self.scope, "ident": request.user.pk}


class PerAddress(_SettingsRate):
    """One address, whoever calls from it (`NUM_PROXIES` says which address is the client's)."""

    scope = "address"

    def get_cache_key(self, request, view) -> str:
        return self.cache_format % {"scope": self.scope, "ident": self.get_ident(request)}
