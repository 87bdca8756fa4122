#!/usr/bin/env bash
# Installs what the integration suite needs on a Debian machine without internet:
# Debian's Chromium, ripgrep and the native-module headers, then code-server (VS Code's
# server + web workbench, from the npm registry) into a cache folder outside the clone.
# Idempotent: a second run finds the cache and returns at once.
set -euo pipefail

CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
CACHE_DIR="${MEETING_NOTES_VSCODE_CACHE:-$HOME/.cache/meeting-notes/code-server-$CODE_SERVER_VERSION}"

need_pkgs=()
for p in chromium ripgrep fonts-noto-color-emoji libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev; do
  dpkg -s "$p" >/dev/null 2>&1 || need_pkgs+=("$p")
done
if [ "${#need_pkgs[@]}" -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "install-browser-vscode: missing Debian packages (${need_pkgs[*]}); run as root or install them" >&2
    exit 1
  fi
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need_pkgs[@]}" >/dev/null
fi

if [ -x "$CACHE_DIR/node_modules/.bin/code-server" ]; then
  echo "$CACHE_DIR/node_modules/.bin/code-server"
  exit 0
fi

# @vscode/ripgrep's post-install downloads rg from GitHub; it first looks for a cached archive
# in os.tmpdir(), which Debian's rg satisfies.
tmp="${TMPDIR:-/tmp}"
rg_cache="$tmp/vscode-ripgrep-cache-1.15.11"
mkdir -p "$rg_cache"
for triple in x86_64-unknown-linux-musl aarch64-unknown-linux-musl; do
  archive="$rg_cache/ripgrep-v13.0.0-10-$triple.tar.gz"
  if [ ! -f "$archive" ]; then
    stage=$(mktemp -d)
    cp /usr/bin/rg "$stage/rg"
    tar -czf "$archive" -C "$stage" rg
    rm -rf "$stage"
  fi
done

# Native modules (argon2, node-pty, …) fall back to node-gyp builds, which must use this machine's Node
# headers: there is no network to download them from.
current_nodedir=$(npm config get nodedir 2>/dev/null || true)
if [ -z "$current_nodedir" ] || [ "$current_nodedir" = "undefined" ] || [ "$current_nodedir" = "null" ]; then
  node_prefix=$(dirname "$(dirname "$(command -v node)")")
  if [ -f "$node_prefix/include/node/node.h" ]; then export npm_config_nodedir="$node_prefix"; fi
fi

mkdir -p "$CACHE_DIR"
cd "$CACHE_DIR"
[ -f package.json ] || echo '{"name":"code-server-cache","private":true}' > package.json
npm_config_unsafe_perm=true npm_config_yes=true \
  npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" >&2
echo "$CACHE_DIR/node_modules/.bin/code-server"
