#!/usr/bin/env bash
# Verification time of the example's phases 1-3 with and without affected
# selection, for BENCHMARKS.md. Two temp copies of testdata/chatapp take the
# phases in turn (A then B for each phase, so that load drift falls on both):
#   full:     apply --phase N --no-spec-verify --verify 'go test ./...'
#   affected: apply --phase N --no-spec-verify --verify-affected
# and, for the demo's own verification, a third copy:
#   demo:     apply --phase N (the spec's go build, go vet, go test ./tests/...),
#             phase 2 with --verify-affected, as make demo runs it.
# GOFLAGS=-count=1 keeps go test from answering from its cache (the build
# cache stays warm). Times are the verify records' duration_ms, summed per
# phase, read from status --json.
# Usage: bench/verify_affected.sh BIN
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export GOFLAGS=-count=1
for m in full affected demo; do cp -R "$repo/testdata/chatapp" "$work/$m"; done
sum() { # phase -> seconds of its verify records
  (cd "$work/$1" && "$bin" status --json 2>/dev/null) |
    python3 -c "import json,sys; p=json.load(sys.stdin)['phases'][$2-1]; print('%.1f' % (sum(v['duration_ms'] for v in p['verified'])/1000))"
}
echo "| phase | files | go test ./... s | --verify-affected s | packages chosen | make demo's verification s |"
echo "|---|---|---|---|---|---|"
for n in 1 2 3; do
  (cd "$work/full" && "$bin" apply --phase "$n" --no-spec-verify --verify 'go test ./...' >/dev/null 2>&1)
  chosen=$(cd "$work/affected" && "$bin" apply --phase "$n" --no-spec-verify --verify-affected 2>&1 >/dev/null |
    sed -n 's/^canonize: affected tests: \([0-9]* of [0-9]*\) packages.*/\1/p')
  extra=(); [ "$n" = 2 ] && extra=(--verify-affected)
  (cd "$work/demo" && "$bin" apply --phase "$n" "${extra[@]}" >/dev/null 2>&1)
  files=$(cd "$work/full" && "$bin" status --json 2>/dev/null | python3 -c "import json,sys; print(json.load(sys.stdin)['phases'][$n-1]['files'])")
  echo "| $n | $files | $(sum full $n) | $(sum affected $n) | $chosen | $(sum demo $n) |"
done
