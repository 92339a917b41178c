"""Fail early and clearly when the Python that would build the virtualenv is too old."""

import sys

if sys.version_info < (3, 11):
    sys.exit(f"Netwerk needs Python 3.11 or newer; this is {sys.version.split()[0]}.")
