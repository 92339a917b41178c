#!/usr/bin/env bash
# Debian packages the test suite needs: Chromium for the browser tests, gettext for the
# translation-catalogue test, Kannel (bearerbox, smsbox) and its fake message centre
# (fakesmsc, in kannel-extras) for the SMS tests. Installed when missing (as root with apt), else a clear error.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v xgettext >/dev/null 2>&1 || missing+=(gettext)
command -v bearerbox >/dev/null 2>&1 || missing+=(kannel)
[ -x /usr/lib/kannel/test/fakesmsc ] || missing+=(kannel-extras)
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" fonts-dejavu-core >/dev/null
else
  echo "The test suite needs these Debian packages: ${missing[*]}." >&2
  echo "Install them (sudo apt-get install ${missing[*]}) and run make test again." >&2
  exit 1
fi
