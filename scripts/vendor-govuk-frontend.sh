#!/usr/bin/env bash
# Vendor GOV.UK Frontend into static/govuk/ with council branding.
#
#   bash scripts/vendor-govuk-frontend.sh      (or: make vendor-frontend)
#
# - installs govuk-frontend and dart-sass (exact versions below) with npm into a
#   temporary folder (nothing is left in the repo except the outputs),
# - compiles static/scss/council.scss (system font stack, no GDS Transport, no
#   @font-face, assets under /static/govuk/assets/),
# - copies the ES module JS and the image assets + manifest (no fonts),
# - re-runnable: static/govuk/ is rebuilt from scratch each time.
#
# GOVUK_FRONTEND_VERSION must match what govuk-frontend-jinja targets
# (govuk-frontend-jinja 4.1.0 -> govuk-frontend 6.3.0).
set -euo pipefail

GOVUK_FRONTEND_VERSION="6.3.0"
SASS_VERSION="1.108.2"

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SCSS_ENTRY="$ROOT/static/scss/council.scss"
OUT="$ROOT/static/govuk"

log() { printf 'vendor-govuk-frontend: %s\n' "$*"; }

command -v npm >/dev/null || { echo "npm is required (apt-get install -y npm)" >&2; exit 1; }
command -v node >/dev/null || { echo "node is required" >&2; exit 1; }
[[ -f "$SCSS_ENTRY" ]] || { echo "missing $SCSS_ENTRY" >&2; exit 1; }

WORK="$(mktemp -d)"
trap 'rm -rf "$WORK"' EXIT

log "installing govuk-frontend@$GOVUK_FRONTEND_VERSION and sass@$SASS_VERSION into $WORK"
cat >"$WORK/package.json" <<JSON
{
  "name": "vendor-govuk-frontend",
  "private": true,
  "dependencies": {
    "govuk-frontend": "$GOVUK_FRONTEND_VERSION",
    "sass": "$SASS_VERSION"
  }
}
JSON
npm install --prefix "$WORK" --no-audit --no-fund --ignore-scripts --omit=optional \
  --loglevel=error >/dev/null

NM="$WORK/node_modules"
DIST="$NM/govuk-frontend/dist/govuk"
installed="$(node -p "require('$NM/govuk-frontend/package.json').version")"
if [[ "$installed" != "$GOVUK_FRONTEND_VERSION" ]]; then
  echo "expected govuk-frontend $GOVUK_FRONTEND_VERSION, npm installed $installed" >&2
  exit 1
fi

# Build into a staging folder first so a failed run leaves the old output intact.
STAGE="$WORK/out"
mkdir -p "$STAGE/assets"

log "compiling ${SCSS_ENTRY#"$ROOT"/} with dart-sass $("$NM/.bin/sass" --version)"
"$NM/.bin/sass" \
  --style=compressed \
  --no-source-map \
  --quiet-deps \
  --load-path="$NM" \
  "$SCSS_ENTRY" "$STAGE/council.min.css"

# Guard rails: a council service must not ship GDS Transport or the crown font files.
if grep -Eqi 'gds[ -]?transport|@font-face|\.woff|/fonts/' "$STAGE/council.min.css"; then
  echo "compiled CSS still references GDS Transport / web fonts" >&2
  exit 1
fi

log "copying govuk-frontend.min.js (ES module) and assets (images, manifest.json; no fonts)"
cp "$DIST/govuk-frontend.min.js" "$STAGE/govuk-frontend.min.js"
cp -R "$DIST/assets/images" "$STAGE/assets/images"
cp "$DIST/assets/manifest.json" "$STAGE/assets/manifest.json"
printf '%s\n' "$GOVUK_FRONTEND_VERSION" >"$STAGE/VERSION"

log "replacing ${OUT#"$ROOT"/}"
rm -rf "$OUT"
mkdir -p "$(dirname "$OUT")"
cp -R "$STAGE" "$OUT"

log "wrote:"
(cd "$ROOT" && find "${OUT#"$ROOT"/}" -type f | sort | while read -r f; do
  printf '  %8s  %s\n' "$(du -h "$f" | cut -f1)" "$f"
done)
log "total $(du -sh "$OUT" | cut -f1)"
