#!/usr/bin/env bash
# Times `canonize diff` against `go fix -inline -diff ./...` on the same
# modules, alternately, with a warm build cache: wall seconds and peak RSS
# (KiB) from /usr/bin/time, median of N runs (default 3), and the ratios.
#
#   bench/compare.sh [RUNS]
#
# Modules: testdata/gofix (an io/ioutil migration both tools can do; the
# spec comes from `canonize init io/ioutil`) and testdata/chatapp (the
# factory migration go fix cannot express; it still loads and analyses
# every package, so its cost is shown for scale).
set -euo pipefail
runs=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
go build -o "$work/canonize" "$repo/cmd/canonize"
go run "$repo/bench/extract" "$repo/testdata/gofix/module.txtar" "$work/gofix"
(cd "$work/gofix" && "$work/canonize" init io/ioutil 2>/dev/null)
cp -R "$repo/testdata/chatapp" "$work/chatapp"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

measure() { # dir, command...
  local dir=$1; shift
  (cd "$dir" && /usr/bin/time -f '%e %M' -o "$work/t" "$@" >/dev/null 2>&1 || true)
  tail -n 1 "$work/t"
}

printf '%-8s %-28s %8s %10s\n' module tool wall_s peak_KiB
for m in gofix chatapp; do
  # Warm-up: fills the build cache for both tools (other GOOS included).
  measure "$work/$m" "$work/canonize" diff >/dev/null
  measure "$work/$m" go fix -inline -diff ./... >/dev/null
  : >"$work/c"; : >"$work/g"
  for _ in $(seq "$runs"); do
    measure "$work/$m" "$work/canonize" diff >>"$work/c"
    measure "$work/$m" go fix -inline -diff ./... >>"$work/g"
  done
  cw=$(cut -d' ' -f1 "$work/c" | median); cm=$(cut -d' ' -f2 "$work/c" | median)
  gw=$(cut -d' ' -f1 "$work/g" | median); gm=$(cut -d' ' -f2 "$work/g" | median)
  printf '%-8s %-28s %8s %10s\n' "$m" "canonize diff" "$cw" "$cm"
  printf '%-8s %-28s %8s %10s\n' "$m" "go fix -inline -diff ./..." "$gw" "$gm"
  awk -v cw="$cw" -v gw="$gw" -v cm="$cm" -v gm="$gm" -v m="$m" \
    'BEGIN { printf "%-8s %-28s %8.2f %10.2f\n", m, "ratio canonize/go fix", cw/gw, cm/gm }'
done
