"""A real Kannel for the tests and the benchmark: bearerbox + smsbox with Kannel's fake
message centre (`fakesmsc` from Debian's kannel-extras) on ports of their own.

kannel.conf is written from deploy/kannel/kannel.conf.template into a temporary folder. Two
fake message centres: `fake`, where the SMS Netwerk sends arrive (fakesmsc prints each part it
receives, which is how the tests count what really went out), and `inject`, which only serves
to send incoming SMS to Netwerk (nothing is routed to it). Free ports are searched at start,
so parallel test runs and benchmarks do not collide.
"""

import os
import re
import shutil
import signal
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

import requests

TEMPLATE = Path(__file__).resolve().parent.parent / "deploy" / "kannel" / "kannel.conf.template"
FAKESMSC = "/usr/lib/kannel/test/fakesmsc"
USER = "netwerk"
PASSWORD = "test-sms-password"
ADMIN_PASSWORD = "test-admin-password"

SMSC_GROUPS = """group = smsc
smsc = fake
smsc-id = fake
port = {fake_port}
connect-allow-ip = 127.0.0.1

# Only for the tests to send incoming SMS: no outgoing SMS is routed here.
group = smsc
smsc = fake
smsc-id = inject
allowed-smsc-id = inject
port = {inject_port}
connect-allow-ip = 127.0.0.1
"""

RECEIVED = re.compile(r"Got message \d+: <(.*)>$")


class KannelMissing(RuntimeError):
    pass


def _binary(name: str) -> str:
    path = shutil.which(name) or (name if os.path.exists(name) else None)
    if path is None:
        raise KannelMissing(
            f"The SMS tests need Kannel: {name} is missing. Install the Debian packages "
            "kannel and kannel-extras (scripts/ensure_system_packages.sh does it)."
        )
    return path


def free_ports(count: int) -> list[int]:
    sockets, ports = [], []
    for _ in range(count):
        s = socket.socket()
        s.bind(("127.0.0.1", 0))
        sockets.append(s)
        ports.append(s.getsockname()[1])
    for s in sockets:
        s.close()
    return ports


def _wait_port(port: int, timeout: float = 15.0) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return True
        except OSError:
            time.sleep(0.1)
    return False


class Kannel:
    def __init__(self, folder: Path, *, callback_base: str, secret: str):
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.callback_base = callback_base
        self.secret = secret
        for binary in ("bearerbox", "smsbox", FAKESMSC):
            _binary(binary)
        (
            self.admin_port,
            self.smsbox_port,
            self.sendsms_port,
            self.fake_port,
            self.inject_port,
        ) = free_ports(5)
        self.config = self.folder / "kannel.conf"
        self.config.write_text(
            TEMPLATE.read_text().format(
                admin_port=self.admin_port,
                admin_password=ADMIN_PASSWORD,
                smsbox_port=self.smsbox_port,
                sendsms_port=self.sendsms_port,
                log_dir=self.folder,
                store_dir=self.folder,
                smsc_groups=SMSC_GROUPS.format(
                    fake_port=self.fake_port, inject_port=self.inject_port
                ),
                username=USER,
                password=PASSWORD,
                allow_ip="127.0.0.1",
                listen="127.0.0.1",
                callback_base=callback_base.rstrip("/"),
                secret=secret,
            )
        )
        self.received_log = self.folder / "fakesmsc.log"
        self.bearerbox = self.smsbox = self.fakesmsc = None

    # --- what Netwerk's settings need ---------------------------------------------------
    @property
    def sendsms_url(self) -> str:
        return f"http://127.0.0.1:{self.sendsms_port}/cgi-bin/sendsms"

    @property
    def admin_url(self) -> str:
        return f"http://127.0.0.1:{self.admin_port}"

    def settings(self) -> dict[str, str]:
        return {
            "NETWERK_SMS_GATEWAY_URL": self.sendsms_url,
            "NETWERK_SMS_GATEWAY_USER": USER,
            "NETWERK_SMS_GATEWAY_PASSWORD": PASSWORD,
            "NETWERK_SMS_GATEWAY_ADMIN_URL": self.admin_url,
            "NETWERK_SMS_GATEWAY_ADMIN_PASSWORD": ADMIN_PASSWORD,
            "NETWERK_SMS_CALLBACK_URL": self.callback_base,
            "NETWERK_SMS_CALLBACK_SECRET": self.secret,
        }

    # --- processes --------------------------------------------------------------------------
    def _spawn(self, command: list[str], log: str) -> subprocess.Popen:
        handle = open(self.folder / log, "ab")  # noqa: SIM115 (closed with the process)
        return subprocess.Popen(command, stdout=handle, stderr=subprocess.STDOUT, cwd=self.folder)

    def start(self) -> "Kannel":
        self.bearerbox = self._spawn(["bearerbox", str(self.config)], "bearerbox.out")
        if not _wait_port(self.smsbox_port):
            raise RuntimeError(f"bearerbox did not start; see {self.folder}/bearerbox.out")
        self.smsbox = self._spawn(["smsbox", str(self.config)], "smsbox.out")
        if not _wait_port(self.sendsms_port):
            raise RuntimeError(f"smsbox did not start; see {self.folder}/smsbox.out")
        self.start_message_centre()
        return self

    def wait_online(self, timeout: float = 15.0) -> None:
        """Until the fake message centre is connected (bearerbox's status says online)."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            try:
                status = requests.get(
                    f"{self.admin_url}/status.txt",
                    params={"password": ADMIN_PASSWORD},
                    timeout=2,
                ).text
            except requests.RequestException:
                status = ""
            if re.search(r"fake\[fake\]\s+FAKE:\d+ \(online", status):
                return
            time.sleep(0.1)
        raise RuntimeError(f"Kannel's fake message centre did not connect; see {self.folder}")

    def stop_message_centre(self) -> None:
        """The link to the message centre goes down: Kannel keeps what it accepts."""
        if self.fakesmsc and self.fakesmsc.poll() is None:
            self.fakesmsc.kill()
            self.fakesmsc.wait(10)

    def start_message_centre(self) -> None:
        self.fakesmsc = self._spawn(
            [FAKESMSC, "-H", "127.0.0.1", "-r", str(self.fake_port), "-m", "0", "0 0 text -"],
            "fakesmsc.log",
        )
        self.wait_online()

    def kill_bearerbox(self) -> None:
        """The gateway dies (SIGKILL): smsbox and fakesmsc lose it and stop as well."""
        if self.bearerbox and self.bearerbox.poll() is None:
            self.bearerbox.send_signal(signal.SIGKILL)
            self.bearerbox.wait(10)
        for process in (self.smsbox, self.fakesmsc):
            if process and process.poll() is None:
                process.kill()
                process.wait(10)

    def stop(self) -> None:
        for process in (self.smsbox, self.fakesmsc, self.bearerbox):
            if process and process.poll() is None:
                process.terminate()
                try:
                    process.wait(10)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait(5)

    # --- what went out ----------------------------------------------------------------------
    def received(self) -> list[tuple[str, str, str]]:
        """(receiver, kind, data) of every part the fake message centre received."""
        parts = []
        if not self.received_log.exists():
            return parts
        for line in self.received_log.read_text(errors="replace").splitlines():
            found = RECEIVED.search(line)
            if found:
                fields = found.group(1).split(" ", 3)
                if len(fields) == 4 and fields[2] == "udh":
                    udh_data = fields[3].split(" ", 2)
                    parts.append((fields[1], "udh", udh_data[-1]))
                elif len(fields) >= 3:
                    parts.append((fields[1], fields[2], fields[3] if len(fields) > 3 else ""))
        return parts

    def received_count(self) -> int:
        return len(self.received())

    # --- incoming ---------------------------------------------------------------------------
    def inject(self, sender: str, text: str, *, to: str = "8800") -> None:
        """An incoming SMS from `sender`, through the `inject` message centre."""
        data = urllib.parse.quote(text.encode("utf-8"))
        process = subprocess.Popen(
            [
                FAKESMSC,
                "-H",
                "127.0.0.1",
                "-r",
                str(self.inject_port),
                "-m",
                "1",
                f"{sender} {to} data {data}",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(0.5)
        process.terminate()
        process.wait(5)
