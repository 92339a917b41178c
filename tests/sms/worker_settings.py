"""Settings for a Celery worker the SMS fault tests start and kill (see backends.py)."""

from tests.notifications.worker_settings import *  # noqa: F403

NETWERK_SMS_BACKEND = "tests.sms.backends.BlockingGateway"
