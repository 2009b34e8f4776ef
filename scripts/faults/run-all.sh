#!/usr/bin/env bash
# The fault scenarios at full size, one after the other (about 25 minutes on 2 cores), as RELIABILITY.md reports
# them: a node of three killed during a 100,000-article import, 10 minutes of searches at 50 a second, a graceful
# shutdown under load and during an import, a node cut off by a network partition during an import. Each prints its
# table; the run stops at the first that fails.
#   scripts/faults/run-all.sh            full size
#   scripts/faults/run-all.sh --short    the sizes .ci/run uses (about 5 minutes)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

if [[ "${1:-}" == --short ]]; then
  export ARTICLES="${ARTICLES:-6000}" LOAD_SECONDS="${LOAD_SECONDS:-30}" SEED_ARTICLES="${SEED_ARTICLES:-5000}"
elif [[ -n "${1:-}" ]]; then
  echo "usage: scripts/faults/run-all.sh [--short]" >&2
  exit 2
fi
source scripts/faults/build.sh
export SKIP_BUILD=true
scripts/faults/kill-node-during-import.sh
scripts/faults/sustained-load.sh
scripts/faults/graceful-shutdown.sh
scripts/faults/network-partition.sh
