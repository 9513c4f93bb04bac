#!/usr/bin/env bash
# Install the Debian packages the portal needs, only those missing. Usage:
#   scripts/install-system-deps.sh run    # what `make run` needs (gettext, WeasyPrint's libraries, fonts)
#   scripts/install-system-deps.sh test   # plus the services and tools the tests use
set -euo pipefail
purpose=${1:-run}
packages=(gettext libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b libharfbuzz-subset0 fontconfig
          fonts-noto-core fonts-noto-cjk)
if [ "$purpose" = test ]; then
  packages+=(postgresql postgresql-contrib redis-server poppler-utils chromium)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
[ ${#missing[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}" >&2
  echo "Install them with: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
