#!/usr/bin/env bash
# Runs the built benchmark (out/bench, see bench/vite.config.ts). 10,000 sockets need more open
# files than the usual soft limit of 1024: raise it up to the hard limit for this run only.
set -euo pipefail
cd "$(dirname "$0")/.."
want=30000
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want"
node --expose-gc out/bench/bench.js
echo; node out/bench/agent-bench.js
if [ -f out/bench/renderer-bench.js ]; then
  echo
  node out/bench/renderer-bench.js
fi
