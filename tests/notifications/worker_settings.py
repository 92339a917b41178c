"""Settings for a Celery worker started as a subprocess by the fault tests: the blocking
e-mail backend, and a short visibility timeout so a killed worker's task comes back fast."""

from netwerk.settings import *  # noqa: F403

EMAIL_BACKEND = "tests.notifications.backends.BlockingFileBackend"
CELERY_BROKER_TRANSPORT_OPTIONS = {"visibility_timeout": 2}
