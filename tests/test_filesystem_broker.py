"""The broker of `make run` (no REDIS_URL): kombu's file-system transport keeps everything it
writes under the var folder, nothing in the working directory."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]

SEND = """
import django
django.setup()
from netwerk.celery import app
app.send_task("netwerk.no_such_task")
"""


def test_sending_a_task_writes_only_under_the_var_folder(tmp_path):
    var = tmp_path / "var"
    work = tmp_path / "work"
    work.mkdir()
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"REDIS_URL", "CELERY_BROKER_URL", "DATABASE_URL"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="netwerk.settings",
        NETWERK_VAR_DIR=str(var),
        PYTHONPATH=str(ROOT),
    )
    subprocess.run([sys.executable, "-c", SEND], cwd=work, env=env, check=True, timeout=60)
    assert list(work.iterdir()) == []
    broker = var / "celery-broker"
    assert (broker / "control" / "celery.exchange").exists()
    assert any(path.suffix == ".msg" for path in broker.iterdir())
