#!/usr/bin/env bash
# Vendor front-end assets into static/vendor/ from the npm registry (no CDN: offline use, CSP).
# Run by hand when upgrading (`make vendor`); the result is committed.
set -euo pipefail
BOOTSTRAP_VERSION=5.3.9
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP_VERSION" >/dev/null
tar xzf "bootstrap-$BOOTSTRAP_VERSION.tgz" && mv package bootstrap
dest="$here/static/vendor"
rm -rf "$dest" && mkdir -p "$dest/bootstrap"
cp bootstrap/dist/css/bootstrap.min.css bootstrap/dist/css/bootstrap.rtl.min.css \
   bootstrap/dist/js/bootstrap.bundle.min.js bootstrap/LICENSE "$dest/bootstrap/"
# The .map files are not shipped; a dangling sourceMappingURL breaks collectstatic.
sed -i "/sourceMappingURL=/d" "$dest"/bootstrap/*.css "$dest"/bootstrap/*.js
printf 'bootstrap %s\n' "$BOOTSTRAP_VERSION" > "$dest/VERSIONS"
echo "vendored into $dest"
