#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100 on Node 20) for the extension's end-to-end test, from
# the npm registry and Debian packages only. Reuses an earlier install. Prints the binary's path last.
#
# Needs (Debian): ripgrep build-essential pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev
#   and, for the test itself, chromium. Pass --apt to install them here (needs root).
# Env: SECURE_LOGOUT_E2E_CACHE  where to install (default ~/.cache/secure-logout-e2e)
set -euo pipefail

version=4.100.3
cache_root="${SECURE_LOGOUT_E2E_CACHE:-$HOME/.cache/secure-logout-e2e}"
prefix="$cache_root/code-server-$version"
binary="$prefix/node_modules/code-server/out/node/entry.js"
marker="$prefix/.installed"

if [[ "${1:-}" == "--apt" ]]; then
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq \
    ripgrep build-essential pkg-config libkrb5-dev libsecret-1-dev libx11-dev libxkbfile-dev chromium >/dev/null
fi

if [[ -f "$marker" && -f "$binary" ]]; then
  echo "code-server $version already installed in $prefix" >&2
  echo "$binary"
  exit 0
fi

for tool in rg cc make pkg-config node npm; do
  command -v "$tool" >/dev/null || { echo "install-code-server: '$tool' is missing (see the header of $0)" >&2; exit 1; }
done
node_major="$(node -p 'process.versions.node.split(".")[0]')"
[[ "$node_major" == 20 ]] || { echo "install-code-server: code-server $version needs Node 20, found $(node -v)" >&2; exit 1; }

# @vscode/ripgrep's postinstall downloads a prebuilt rg from GitHub unless it finds the archive in its
# cache folder; Debian's rg (same 13.0.0 line) stands in for it, so nothing is downloaded.
ripgrep_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
mkdir -p "$ripgrep_cache"
ripgrep_archive="$ripgrep_cache/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz"
[[ -f "$ripgrep_archive" ]] || tar -czf "$ripgrep_archive" -C "$(dirname "$(command -v rg)")" rg

rm -rf "$prefix"
mkdir -p "$prefix"
cd "$prefix"
printf '{ "name": "secure-logout-e2e-code-server", "private": true }\n' > package.json

started=$SECONDS
# code-server's postinstall runs `npm install` in its bundled VS Code and builds native modules
# (node-pty, kerberos, @parcel/watcher...) against the machine's Node headers; this folder holds nothing
# else, so its dependencies may run their install scripts. node-pty's install runs npx (needs yes=true).
export npm_config_yes=true
export npm_config_nodedir=/usr
export npm_config_unsafe_perm=true
export npm_config_dangerously_allow_all_scripts=true
export npm_config_audit=false
export npm_config_fund=false
npm install --no-save --loglevel=error "code-server@$version" >&2

[[ -f "$binary" ]] || { echo "install-code-server: $binary missing after install" >&2; exit 1; }
# postinstall failures are only warnings in some npm versions: check the pieces the test relies on.
[[ -x "$prefix/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ]] ||
  { echo "install-code-server: ripgrep was not installed into code-server" >&2; exit 1; }
# An explicit empty config keeps code-server from writing ~/.config/code-server/config.yaml.
: > "$prefix/config.yaml"
node "$binary" --config "$prefix/config.yaml" --version >&2
touch "$marker"
echo "code-server $version installed in $prefix in $((SECONDS - started)) s" >&2
echo "$binary"
