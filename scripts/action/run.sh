#!/usr/bin/env bash
# What the GitHub Action (action.yml) runs: the CLI with the action's inputs, from environment
# variables. PCL_CLI overrides the command (the tests point it at this checkout's CLI).
set -uo pipefail
read -r -a cli <<< "${PCL_CLI:-npx --yes prompt-cache-lint@${PCL_VERSION:-0.1.0}}"
args=(--format "${PCL_FORMAT:-text}")
if [ -n "${PCL_CHANGED_SINCE:-}" ]; then
  args+=(--changed-since "$PCL_CHANGED_SINCE")
fi
read -r -a paths <<< "${PCL_PATHS:-.}"
if [ -n "${PCL_OUTPUT:-}" ]; then
  "${cli[@]}" "${args[@]}" -- "${paths[@]}" > "$PCL_OUTPUT"
else
  "${cli[@]}" "${args[@]}" -- "${paths[@]}"
fi
status=$?
# 1 means error findings: a failure only when asked. 2 (usage, unreadable files, no git) always fails.
if [ "$status" -eq 1 ] && [ "${PCL_FAIL_ON_FINDINGS:-true}" = "false" ]; then
  exit 0
fi
exit "$status"
