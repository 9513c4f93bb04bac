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
  # Java and npm for the Nu HTML Checker (vnu-jar, tests/test_valid_html.py), unless the
  # commands come from elsewhere (another JRE, Node's own package).
  command -v java >/dev/null || packages+=(default-jre-headless)
  command -v npm >/dev/null || packages+=(npm)
fi
missing=()
for package in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" ||
    missing+=("$package")
done
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "Missing Debian packages: ${missing[*]}" >&2
    echo "Install them with: sudo apt-get install ${missing[*]}" >&2
    exit 1
  fi
  echo "Installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi
[ "$purpose" = test ] || exit 0
# npm packages of the tests, in var/node (git-ignored), only when missing.
cd "$(dirname "$0")/.."
if [ ! -f var/node/node_modules/vnu-jar/build/dist/vnu.jar ]; then
  echo "Installing vnu-jar (the Nu HTML Checker) into var/node"
  # --ignore-scripts: the jar ships in the package; its postinstall would only fetch a Java.
  npm install --prefix var/node --ignore-scripts --no-audit --no-fund vnu-jar@26.9.27 >/dev/null
fi
if [ ! -f var/node/node_modules/axe-core/axe.min.js ]; then
  echo "Installing axe-core (accessibility rules, tests/browser/test_axe.py) into var/node"
  npm install --prefix var/node --no-audit --no-fund axe-core@4.14.1 >/dev/null
fi
