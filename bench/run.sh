#!/usr/bin/env bash
# Runs the built benchmark (out/bench, see bench/vite.config.ts). 10,000 sockets need more open
# files than the usual soft limit of 1024: raise it up to the hard limit for this run only.
# BENCH_NETNS=1 (root, util-linux unshare, iproute2 ip) runs the backend benchmark in a network
# namespace of its own, with only its loopback: on a machine where other programs hold thousands
# of sockets, every dump (ours and ss's alike) would otherwise list theirs too.
set -euo pipefail
cd "$(dirname "$0")/.."
want=30000
hard=$(ulimit -Hn)
if [ "$hard" != unlimited ] && [ "$hard" -lt "$want" ]; then want=$hard; fi
ulimit -n "$want"
if [ "${BENCH_NETNS:-}" = 1 ]; then
  unshare --net sh -c 'ip link set lo up && exec node --expose-gc out/bench/bench.js'
else
  node --expose-gc out/bench/bench.js
fi
echo && node bench/windows-wine-bench.mjs  # the Windows backend under Wine vs netstat -ano under Wine
echo; node out/bench/lsof-bench.js
echo; node out/bench/agent-bench.js
if [ -f out/bench/renderer-bench.js ]; then
  echo
  node out/bench/renderer-bench.js
fi
