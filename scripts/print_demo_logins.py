"""Printed by `make run`: where the app is and how to log in with the demo accounts."""

import os
import sys

port = sys.argv[1] if len(sys.argv) > 1 else "8000"
password = os.environ.get("NETWERK_DEMO_PASSWORD", "netwerk-demo-2026")
accounts = [
    ("org admin", "beheerder@netwerk.test"),
    ("coordinator", "coordinator@netwerk.test"),
    ("social worker", "maatschappelijkwerker@netwerk.test"),
    ("second social worker", "collega@netwerk.test"),
    ("volunteer", "vrijwilliger@netwerk.test"),
    ("researcher", "onderzoeker@netwerk.test"),
    ("policy analyst (city)", "beleid@netwerk.test"),
]
print()
print(f"  Netwerk runs at http://127.0.0.1:{port}/   (health: /health/)")
print(f"  Demo logins, all with password {password!r}:")
for role, email in accounts:
    print(f"    {role:<21} {email}")
print("  Stop with Ctrl+C.")
print()
