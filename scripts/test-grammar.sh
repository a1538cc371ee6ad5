#!/usr/bin/env bash
# Grammar tests for the cache_control injection, against the real Python and TypeScript grammars
# that VS Code ships (taken from the code-server install the integration tests use).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-code-server.sh >/dev/null
EXT=.vscode-test/code-server/node_modules/code-server/lib/vscode/extensions
npx vscode-tmgrammar-test \
  -g "$EXT/python/syntaxes/MagicPython.tmLanguage.json" \
  -g "$EXT/python/syntaxes/MagicRegExp.tmLanguage.json" \
  -g "$EXT/typescript-basics/syntaxes/TypeScript.tmLanguage.json" \
  'test/grammar/*.test.*'
