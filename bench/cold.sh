#!/usr/bin/env bash
# Times the first run of `canonize check` and `canonize diff` (through
# the go command, every build configuration the module's files need)
# against `go fix -inline -diff ./...`, each run with an empty build
# cache of its own and canonize's listing cache off: every package is
# compiled for export data and analysed. Then, on the same trees, warm
# re-runs (median of N, default 3) of the three. Wall seconds and peak
# RSS (KiB, the largest single process of the tree) from /usr/bin/time.
# Prints a Markdown section on stdout; progress on stderr.
#
#   bench/cold.sh [RUNS]
#
# Modules: testdata/chatapp; bench/gen modules of BENCH_SIZES files
# (default "20000"), 2% affected; and BENCH_MODULE, a directory holding
# a module with a canonize.yaml (a copy of a real public module), if
# set. A run that exits other than 0 or 1 is a WARNING and the script
# fails.
set -euo pipefail
runs=${1:-3}
sizes=${BENCH_SIZES:-20000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"

# tool NAME: the command line of one tool.
tool() {
  case $1 in
  check) echo "$work/canonize check" ;;
  diff) echo "$work/canonize diff" ;;
  gofix) echo "go fix -inline -diff ./..." ;;
  esac
}

# measure MODULE NAME CACHE: one run of NAME with build cache CACHE;
# prints "wall rss".
measure() {
  local m=$1 name=$2 cache=$3 st=0 line1
  # shellcheck disable=SC2046
  (cd "${dir[$m]}" && GOCACHE="$cache" CANONIZE_NOCACHE=1 /usr/bin/time -f '%e %M' -o "$work/t" $(tool "$name") >"$work/out" 2>"$work/err") || true
  line1=$(head -n 1 "$work/t")
  case $line1 in
  "Command exited with non-zero status "*) st=${line1##* } ;;
  "Command terminated by signal "*) st=signal ;;
  esac
  if [ "$st" != 0 ] && [ "$st" != 1 ]; then
    warn "$m: $name exited with status $st: $(tail -n 3 "$work/err" | tr '\n' ' ')"
  fi
  tail -n 1 "$work/t"
}

for m in "${names[@]}"; do
  find "${dir[$m]}" -name '*.go' | wc -l >"$work/$m.files"
  for t in check diff gofix; do
    r=$(measure "$m" "$t" "$work/cache-$m-$t")
    echo "$r" >"$work/$m.$t.cold"
    log "$m $t cold: $r"
  done
  for t in check diff gofix; do : >"$work/$m.$t.warm"; done
  for i in $(seq 1 "$runs"); do
    for t in check diff gofix; do
      r=$(measure "$m" "$t" "$work/cache-$m-$t")
      echo "$r" >>"$work/$m.$t.warm"
      log "$m $t warm run $i: $r"
    done
  done
  # The configurations check covers: its go vet runs, counted through a
  # shim of the go command first on PATH (after the timed runs).
  mkdir -p "$work/shim"
  printf '#!/bin/sh\n[ "$1" = vet ] && echo vet >>"%s"\nexec %s "$@"\n' "$work/$m.vets" "$(command -v go)" >"$work/shim/go"
  chmod +x "$work/shim/go"
  : >"$work/$m.vets"
  (cd "${dir[$m]}" && PATH="$work/shim:$PATH" GOCACHE="$work/cache-$m-check" "$work/canonize" check >/dev/null 2>&1) || true
  wc -l <"$work/$m.vets" >"$work/$m.configs"
done

wall() { cut -d' ' -f1 "$work/$1" | median; }
rss() { cut -d' ' -f2 "$work/$1" | median; }

echo "## First run (cold) and warm re-runs of canonize check and diff vs \`go fix -inline -diff ./...\` (issue 10)"
echo
echo "\`bench/cold.sh $runs\` on $(date -u +%Y-%m-%d), commit $commit, $(go version | sed 's/^go version //'), $(nproc) cores."
echo "Cold: each command with an empty build cache of its own (GOCACHE) and canonize's listing cache off"
echo "(CANONIZE_NOCACHE=1); one run. Warm: the same caches, nothing changed; median of $runs run(s)."
echo "canonize runs go vet in every build configuration the module's files need (the host's and"
echo "the configurations column); go fix runs the host's only. Wall seconds and peak RSS (KiB, the"
echo "largest single process of the tree) from \`/usr/bin/time -f '%e %M'\`."
echo
if [ -s "$work/warnings" ]; then
  sort -u "$work/warnings" | sed 's/^/**/; s/ *$/**/; s/$/\n/'
fi
echo "| module | files | configurations | run | canonize check s | canonize diff s | go fix s | check / go fix | diff / go fix | peak KiB check / diff / go fix |"
echo "|---|---|---|---|---|---|---|---|---|---|"
for m in "${names[@]}"; do
  for c in cold warm; do
    gc=$(wall "$m.check.$c") gd=$(wall "$m.diff.$c") gf=$(wall "$m.gofix.$c")
    echo "| ${label[$m]} | $(cat "$work/$m.files") | $(cat "$work/$m.configs") | $c | $gc | $gd | $gf | **$(ratio "$gc" "$gf")** | **$(ratio "$gd" "$gf")** | $(rss "$m.check.$c") / $(rss "$m.diff.$c") / $(rss "$m.gofix.$c") |"
  done
done
[ ! -s "$work/warnings" ]
