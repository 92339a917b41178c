"""A gateway for a Celery worker in a subprocess that the fault tests kill in the middle of a
send: it announces the send in NETWERK_TEST_SMS_DIR/started-<pid> and waits for a file
`release` there, before handing the message to Kannel (NETWERK_TEST_SMS_BLOCK=before) or after
Kannel accepted it (=after)."""

import os
import time
from pathlib import Path

from notifications.gateway import KannelGateway


class BlockingGateway(KannelGateway):
    def _block(self) -> None:
        folder = Path(os.environ["NETWERK_TEST_SMS_DIR"])
        (folder / f"started-{os.getpid()}").touch()
        while not (folder / "release").exists():
            time.sleep(0.05)

    def send(self, message):
        if os.environ.get("NETWERK_TEST_SMS_BLOCK") == "before":
            self._block()
        accepted = super().send(message)
        if os.environ.get("NETWERK_TEST_SMS_BLOCK") == "after":
            self._block()
        return accepted
