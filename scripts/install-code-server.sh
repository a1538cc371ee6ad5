#!/usr/bin/env bash
# Installs code-server 4.100.3 (VS Code 1.100.3, the newest that runs on Node 20) into
# .vscode-test/code-server, for the integration tests: VS Code itself cannot be downloaded here.
# Idempotent: a finished install is kept and reused. Needs root for apt (CI runs as root).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=.vscode-test/code-server
MARKER="$ROOT/.installed-4.100.3"
if [ -f "$MARKER" ]; then
  echo "code-server already installed in $ROOT"
  exit 0
fi

need_apt=()
for pkg in build-essential pkg-config libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev ripgrep chromium; do
  dpkg -s "$pkg" >/dev/null 2>&1 || need_apt+=("$pkg")
done
if [ ${#need_apt[@]} -gt 0 ]; then
  echo "installing Debian packages: ${need_apt[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${need_apt[@]}" >/dev/null
fi

export npm_config_unsafe_perm=true
mkdir -p "$ROOT"
cd "$ROOT"
[ -f package.json ] || echo '{"name":"code-server-host","private":true}' > package.json
# Its postinstall downloads ripgrep from the internet: skip scripts and wire things up by hand.
npm install --no-audit --no-fund --ignore-scripts code-server@4.100.3
# argon2 (password hashing, loaded even with --auth none) is native: build it from source.
npm rebuild argon2
cd node_modules/code-server/lib/vscode
npm install --no-audit --no-fund --omit=dev --ignore-scripts
mkdir -p node_modules/@vscode/ripgrep/bin
ln -sf /usr/bin/rg node_modules/@vscode/ripgrep/bin/rg
npm_config_yes=true npm rebuild
ln -sfn node_modules node_modules.asar
(cd extensions && npm install --no-audit --no-fund --omit=dev)
cd - >/dev/null
touch "$(basename "$MARKER")"
echo "code-server installed in $ROOT"
