#!/usr/bin/env bash
# Runs the unit tests in a copy of the working tree that has nothing beside it, the way a user's fresh
# `git clone` sits on its own: a test that reads a file outside the repository (../something) fails
# here even when it passes in a checkout that happens to have that file next to it.
#   bash scripts/test-standalone.sh
# Copies the files git knows of (tracked, plus untracked ones that are not ignored) as they are in
# the working tree, into $(mktemp -d)/alone/meeting-notes; installs with npm ci; runs vitest; exits
# with vitest's status; removes the copy.
set -euo pipefail
cd "$(dirname "$0")/.."

base="$(mktemp -d)"
cleanup() { rm -rf "$base"; }
trap cleanup EXIT
trap 'exit 129' HUP
trap 'exit 130' INT
trap 'exit 143' TERM

copy="$base/alone/meeting-notes"
mkdir -p "$copy"

# Tracked files deleted in the working tree are left out, as a commit of this tree would leave them out.
git ls-files -z -co --exclude-standard \
  | while IFS= read -r -d '' file; do
      if [ -e "$file" ] || [ -L "$file" ]; then printf '%s\0' "$file"; fi
    done \
  | tar --null --files-from=- -cf - \
  | tar -xf - -C "$copy"

echo "== copied $(find "$copy" -type f | wc -l) files to $copy"
cd "$copy"
npm ci --prefer-offline --no-audit --no-fund

status=0
npx vitest run || status=$?
exit "$status"
