"""Start Kannel for Netwerk: write kannel.conf from the template and the environment, run
bearerbox, then smsbox; when either stops the container stops (and docker restarts it).

Environment (secrets as *_FILE, like Netwerk's own settings):
  KANNEL_SMS_PASSWORD[_FILE]     the sendsms password (= NETWERK_SMS_GATEWAY_PASSWORD)
  KANNEL_ADMIN_PASSWORD[_FILE]   bearerbox's admin password (= NETWERK_SMS_GATEWAY_ADMIN_PASSWORD)
  KANNEL_CALLBACK_SECRET[_FILE]  the token of Netwerk's callbacks (= NETWERK_SMS_CALLBACK_SECRET)
  KANNEL_CALLBACK_BASE           how Kannel reaches Netwerk (its public https:// address)
  KANNEL_SMSC_FILE               a file with the `group = smsc` block(s) for the provider's SMPP
                                 centre (docs/operations.md); without it, a fake message centre
                                 that sends nothing anywhere (a trial).
"""

import os
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
FAKE = """group = smsc
smsc = fake
smsc-id = fake
port = 10000
connect-allow-ip = 127.0.0.1
"""


def value(name: str, default: str = "") -> str:
    path = os.environ.get(f"{name}_FILE")
    if path:
        return Path(path).read_text().strip()
    return os.environ.get(name, default)


def main() -> int:
    smsc_file = os.environ.get("KANNEL_SMSC_FILE")
    config = Path("/etc/kannel/netwerk/kannel.conf")
    config.write_text(
        (HERE / "kannel.conf.template")
        .read_text()
        .format(
            admin_port=13000,
            admin_password=value("KANNEL_ADMIN_PASSWORD"),
            smsbox_port=13001,
            sendsms_port=13013,
            listen="0.0.0.0",
            allow_ip=os.environ.get("KANNEL_ALLOW_IP", "*.*.*.*"),
            log_dir="/var/log/kannel",
            store_dir="/var/lib/kannel",
            smsc_groups=Path(smsc_file).read_text() if smsc_file else FAKE,
            username=os.environ.get("KANNEL_SMS_USER", "netwerk"),
            password=value("KANNEL_SMS_PASSWORD"),
            callback_base=os.environ["KANNEL_CALLBACK_BASE"].rstrip("/"),
            secret=value("KANNEL_CALLBACK_SECRET"),
        )
    )
    bearerbox = subprocess.Popen(["bearerbox", str(config)])
    time.sleep(2)
    smsbox = subprocess.Popen(["smsbox", str(config)])
    while bearerbox.poll() is None and smsbox.poll() is None:
        time.sleep(1)
    for process in (smsbox, bearerbox):
        if process.poll() is None:
            process.terminate()
            process.wait(30)
    return 1


if __name__ == "__main__":
    sys.exit(main())
