#!/usr/bin/env bash
# Neovim from Debian (0.7.2 on bookworm), for the language-server test with a second real client.
# Idempotent; needs root for apt (CI runs as root).
set -euo pipefail
if command -v nvim >/dev/null 2>&1; then
  exit 0
fi
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq neovim >/dev/null
