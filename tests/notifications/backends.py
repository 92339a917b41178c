"""E-mail backends for the delivery tests."""

import os
import smtplib
import time
from pathlib import Path

from django.core.mail.backends.base import BaseEmailBackend
from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class SlowBackend(LocmemBackend):
    """Takes a moment per message, to widen any race between deliveries."""

    def send_messages(self, messages):
        time.sleep(0.05)
        return super().send_messages(messages)


class FailingBackend(BaseEmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("test")


class BlockingFileBackend(BaseEmailBackend):
    """For a worker in a subprocess: announces the send in NETWERK_TEST_MAILDIR/started, waits
    there until a file `release` appears, then writes one file per message to the folder."""

    def send_messages(self, messages):
        folder = Path(os.environ["NETWERK_TEST_MAILDIR"])
        (folder / f"started-{os.getpid()}").touch()
        while not (folder / "release").exists():
            time.sleep(0.05)
        for message in messages:
            name = message.extra_headers["Message-ID"].strip("<>") + f"-{time.time_ns()}.eml"
            (folder / name).write_bytes(message.message().as_bytes())
        return len(messages)
