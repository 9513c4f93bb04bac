#!/usr/bin/env bash
# Vendor front-end assets into static/vendor/ from the npm registry (no CDN: offline use, CSP).
# Run by hand when upgrading (`make vendor`); the result is committed.
set -euo pipefail
BOOTSTRAP_VERSION=5.3.9
HTMX_VERSION=2.0.11
here=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
npm pack --silent "bootstrap@$BOOTSTRAP_VERSION" "htmx.org@$HTMX_VERSION" >/dev/null
tar xzf "bootstrap-$BOOTSTRAP_VERSION.tgz" && mv package bootstrap
tar xzf "htmx.org-$HTMX_VERSION.tgz" && mv package htmx
dest="$here/static/vendor"
rm -rf "$dest" && mkdir -p "$dest/bootstrap" "$dest/htmx"
cp bootstrap/dist/css/bootstrap.min.css bootstrap/dist/css/bootstrap.rtl.min.css \
   bootstrap/dist/js/bootstrap.bundle.min.js bootstrap/LICENSE "$dest/bootstrap/"
cp htmx/dist/htmx.min.js htmx/LICENSE "$dest/htmx/"
# The .map files are not shipped; a dangling sourceMappingURL breaks collectstatic.
sed -i "/sourceMappingURL=/d" "$dest"/bootstrap/*.css "$dest"/bootstrap/*.js "$dest"/htmx/*.js
printf 'bootstrap %s\nhtmx.org %s\n' "$BOOTSTRAP_VERSION" "$HTMX_VERSION" > "$dest/VERSIONS"
echo "vendored into $dest"
