"""Talking to the SMS gateway: Kannel's HTTP `sendsms` interface.

Kannel (bearerbox + smsbox) holds the connection to the mobile operator's or aggregator's SMPP
centre (docs/operations.md). Netwerk hands it one message per HTTP request, asks for every
delivery report (`dlr-mask=31`) at a callback URL that carries the message's id and a secret,
and reads Kannel's reply:

- `202 "0: Accepted for delivery"` / `"3: Queued for later delivery"`: Kannel has it (it keeps
  it in its store until the message centre took it);
- a connection that could not be opened, or an error reply (`4xx`/`5xx`): Kannel does not have
  it, and the message is tried again later (`GatewayRefused`);
- a request that was sent but got no reply in time: nobody knows (`GatewayUncertain`); the
  dispatcher never sends such a message again blindly (see `message_dispatch.reconcile`).

Which class talks to the gateway is a setting (`NETWERK_SMS_BACKEND`), like Django's
EMAIL_BACKEND; the fault tests wrap the real one to stop a worker in the middle of a send.
"""

import dataclasses
import threading
from urllib.parse import urlencode

import requests
from defusedxml import ElementTree
from django.conf import settings
from django.urls import reverse
from django.utils.module_loading import import_string
from requests.adapters import HTTPAdapter

from .models import Message
from .sms import UCS2

CONNECT_TIMEOUT = 3
READ_TIMEOUT = 10


class GatewayError(Exception):
    """Sending did not work."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason[:200]


class GatewayRefused(GatewayError):
    """The gateway certainly does not have the message (try again later)."""


class GatewayUncertain(GatewayError):
    """The request went out but no answer came back: the gateway may have the message."""


class GatewayNotConfigured(GatewayRefused):
    """No gateway is configured (NETWERK_SMS_GATEWAY_URL is empty)."""


@dataclasses.dataclass(frozen=True)
class Accepted:
    queued: bool  # Kannel keeps it until the message centre is reachable again
    reply: str


def delivery_report_url(message: Message) -> str:
    """Where Kannel reports on this message. `%d` (the report's type), `%A` (the message
    centre's answer) and `%T` (its time) are Kannel's placeholders."""
    base = settings.NETWERK_SMS_CALLBACK_URL.rstrip("/")
    path = reverse("notifications:sms_delivery_report", args=[message.pk])
    query = urlencode({"token": settings.NETWERK_SMS_CALLBACK_SECRET})
    return f"{base}{path}?{query}&type=%d&answer=%A&at=%T"


class KannelGateway:
    """One per process; its HTTP connections are reused (one pool per thread)."""

    def __init__(self) -> None:
        self._local = threading.local()

    def _session(self) -> requests.Session:
        session = getattr(self._local, "session", None)
        if session is None:
            session = requests.Session()
            session.mount("http://", HTTPAdapter(pool_connections=1, pool_maxsize=4))
            session.mount("https://", HTTPAdapter(pool_connections=1, pool_maxsize=4))
            self._local.session = session
        return session

    def parameters(self, message: Message) -> dict[str, str]:
        parameters = {
            "username": settings.NETWERK_SMS_GATEWAY_USER,
            "password": settings.NETWERK_SMS_GATEWAY_PASSWORD,
            "from": settings.NETWERK_SMS_SENDER,
            "to": message.address,
            "text": message.body,
            "charset": "UTF-8",
            "coding": "2" if message.encoding == UCS2 else "0",
            "dlr-mask": "31",
            "dlr-url": delivery_report_url(message),
        }
        return parameters

    def send(self, message: Message) -> Accepted:
        url = settings.NETWERK_SMS_GATEWAY_URL
        if not url:
            raise GatewayNotConfigured("not configured")
        try:
            response = self._session().get(
                url,
                params=self.parameters(message),
                timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
            )
        except requests.ConnectTimeout as error:
            raise GatewayRefused("gateway unreachable") from error
        except requests.ReadTimeout as error:
            raise GatewayUncertain("no answer from the gateway") from error
        except requests.ConnectionError as error:
            if _sent_before_failing(error):
                raise GatewayUncertain("the gateway broke off its answer") from error
            raise GatewayRefused("gateway unreachable") from error
        reply = response.text.strip()[:200]
        if response.status_code == 202 or reply.startswith(("0:", "3:")):
            return Accepted(queued=reply.startswith("3:"), reply=reply)
        raise GatewayRefused(reply or f"HTTP {response.status_code}")


def _sent_before_failing(error: requests.ConnectionError) -> bool:
    """A connection that broke after the request was written (the gateway died while it
    answered) leaves the outcome open; one that never opened does not."""
    text = repr(error)
    return "RemoteDisconnected" in text or "Connection aborted" in text


_gateway = None
_gateway_lock = threading.Lock()


def get_gateway() -> KannelGateway:
    global _gateway
    with _gateway_lock:
        if (
            _gateway is None
            or type(_gateway).__module__ + "." + type(_gateway).__qualname__
            != settings.NETWERK_SMS_BACKEND
        ):
            _gateway = import_string(settings.NETWERK_SMS_BACKEND)()
        return _gateway


def numbers_held_by_gateway() -> set[str] | None:
    """The receivers (digits only) of the messages Kannel still holds in its store
    (bearerbox's `store-status`), or None when that cannot be read: then nothing is assumed."""
    url = settings.NETWERK_SMS_GATEWAY_ADMIN_URL
    if not url:
        return None
    try:
        response = requests.get(
            url.rstrip("/") + "/store-status.xml",
            params={"password": settings.NETWERK_SMS_GATEWAY_ADMIN_PASSWORD},
            timeout=(CONNECT_TIMEOUT, READ_TIMEOUT),
        )
        response.raise_for_status()
    except requests.RequestException:
        return None
    return parse_store_status(response.content)


def parse_store_status(content: bytes) -> set[str] | None:
    try:
        root = ElementTree.fromstring(content)
    except ElementTree.ParseError:
        return None
    return {digits(element.findtext("receiver") or "") for element in root.iter("message")}


def digits(number: str) -> str:
    return "".join(char for char in number if char.isdigit())
