#!/usr/bin/env bash
# Times a warm re-run of `canonize check` (through the go command: go vet
# -vettool=canonize, cached per package) against `go fix -inline -diff
# ./...` on the same unchanged tree (canonize replays its stored go
# command runs; and with CANONIZE_NOCACHE=1, the go command's cache
# alone), `canonize diff` likewise, and a re-run of check after one file
# is edited (then, untimed, check once more on the edited tree, so that
# the next unchanged run is unchanged since the last one). The trees are left untouched for 2 s first, as between two
# commands a person runs (a file modified within 2 s is not replayed). Wall seconds and peak RSS (KiB, the largest single process of
# the tree) from /usr/bin/time; median of N runs (default 3) after one
# warm-up of each. Prints a Markdown section on stdout; progress on stderr.
#
#   bench/check.sh [RUNS]
#
# Modules: testdata/chatapp; bench/gen modules of BENCH_SIZES files
# (default "5000"), BENCH_AFFECTED% affected (default 2; a list gives a
# module for each); and BENCH_MODULE, a directory holding a
# module with a canonize.yaml (a copy of a real public module, say), if
# set. Every check and diff run of an unchanged tree must print what
# the first printed; anything else is a WARNING and the script fails.
set -euo pipefail
runs=${1:-3}
sizes=${BENCH_SIZES:-5000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# shellcheck source=bench/lib.sh
source "$repo/bench/lib.sh"

# measure MODULE NAME ENV... -- COMMAND...: one run; prints "wall rss" and
# leaves stdout in $work/out.
measure() {
  local m=$1 name=$2 st=0 line1
  shift 2
  local env=()
  while [ "$1" != -- ]; do env+=("$1"); shift; done
  shift
  (cd "${dir[$m]}" && env ${env[@]+"${env[@]}"} /usr/bin/time -f '%e %M' -o "$work/t" "$@" >"$work/out" 2>"$work/err") || true
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

sleep 2
for m in "${names[@]}"; do
  files=$(find "${dir[$m]}" -name '*.go' | wc -l)
  edit=$(grep -rl --include='*.go' -E 'OpenManager\(|GetWebSocketManagerFactory\(|ioutil\.' "${dir[$m]}" | grep -v '/websocket/' | head -n 1 || true)
  for t in check nocache gofix edited diff diffnocache; do : >"$work/$m.$t"; done
  for i in $(seq 0 "$runs"); do
    r=$(measure "$m" check -- "$work/canonize" check)
    [ "$i" = 0 ] && cp "$work/out" "$work/check.out"
    cmp -s "$work/out" "$work/check.out" || warn "$m: check printed other sites on an unchanged tree"
    [ "$i" = 0 ] || echo "$r" >>"$work/$m.check"
    log "$m ($files files) check run $i: $r"
    r=$(measure "$m" nocache CANONIZE_NOCACHE=1 -- "$work/canonize" check)
    cmp -s "$work/out" "$work/check.out" || warn "$m: check without the replay printed other sites"
    [ "$i" = 0 ] || echo "$r" >>"$work/$m.nocache"
    log "$m check (CANONIZE_NOCACHE=1) run $i: $r"
    r=$(measure "$m" diff -- "$work/canonize" diff)
    [ "$i" = 0 ] && cp "$work/out" "$work/diff.out"
    cmp -s "$work/out" "$work/diff.out" || warn "$m: diff printed another patch on an unchanged tree"
    [ "$i" = 0 ] || echo "$r" >>"$work/$m.diff"
    log "$m diff run $i: $r"
    r=$(measure "$m" diffnocache CANONIZE_NOCACHE=1 -- "$work/canonize" diff)
    cmp -s "$work/out" "$work/diff.out" || warn "$m: diff without the replay printed another patch"
    [ "$i" = 0 ] || echo "$r" >>"$work/$m.diffnocache"
    log "$m diff (CANONIZE_NOCACHE=1) run $i: $r"
    r=$(measure "$m" gofix -- go fix -inline -diff ./...)
    [ "$i" = 0 ] || echo "$r" >>"$work/$m.gofix"
    log "$m go fix run $i: $r"
    if [ -n "$edit" ] && [ "$i" != 0 ]; then
      echo "// edit $i" >>"$edit"
      r=$(measure "$m" check -- "$work/canonize" check)
      echo "$r" >>"$work/$m.edited"
      log "$m check after editing $(basename "$edit") run $i: $r"
      # The edit is no longer racy after 2 s; a person then runs check
      # once on the edited tree (untimed): the next run is unchanged since.
      sleep 2
      measure "$m" settle -- "$work/canonize" check >/dev/null
    fi
  done
  echo "$files" >"$work/$m.files"
done

wall() { [ -s "$work/$1.$2" ] && cut -d' ' -f1 "$work/$1.$2" | median || echo n/a; }
rss() { [ -s "$work/$1.$2" ] && cut -d' ' -f2 "$work/$1.$2" | median || echo n/a; }

echo "## canonize check and diff through the go command vs \`go fix -inline -diff ./...\`, warm (issue 10)"
echo
echo "\`bench/check.sh $runs\` on $(date -u +%Y-%m-%d), commit $commit, $(go version | sed 's/^go version //'), $(nproc) cores."
echo "Warm build cache, nothing changed unless said; one warm-up of each, then the tools alternate;"
echo "median of $runs run(s); wall seconds and peak RSS (KiB, largest single process) from \`/usr/bin/time -f '%e %M'\`."
echo
if [ -s "$work/warnings" ]; then
  sort -u "$work/warnings" | sed 's/^/**/; s/ *$/**/; s/$/\n/'
fi
echo "| module | files | run | wall s | peak KiB | wall / go fix | RSS / go fix |"
echo "|---|---|---|---|---|---|---|"
for m in "${names[@]}"; do
  g=$(wall "$m" gofix) gr=$(rss "$m" gofix)
  echo "| ${label[$m]} | $(cat "$work/$m.files") | \`canonize check\` (go command), unchanged | $(wall "$m" check) | $(rss "$m" check) | **$(ratio "$(wall "$m" check)" "$g")** | **$(ratio "$(rss "$m" check)" "$gr")** |"
  echo "| | | \`CANONIZE_NOCACHE=1 canonize check\` (the go command's cache alone), unchanged | $(wall "$m" nocache) | $(rss "$m" nocache) | $(ratio "$(wall "$m" nocache)" "$g") | $(ratio "$(rss "$m" nocache)" "$gr") |"
  echo "| | | \`canonize check\` (go command), one file edited | $(wall "$m" edited) | $(rss "$m" edited) | $(ratio "$(wall "$m" edited)" "$g") | $(ratio "$(rss "$m" edited)" "$gr") |"
  echo "| | | \`canonize diff\` (go command), unchanged | $(wall "$m" diff) | $(rss "$m" diff) | **$(ratio "$(wall "$m" diff)" "$g")** | **$(ratio "$(rss "$m" diff)" "$gr")** |"
  echo "| | | \`CANONIZE_NOCACHE=1 canonize diff\` (the go command's cache alone), unchanged | $(wall "$m" diffnocache) | $(rss "$m" diffnocache) | $(ratio "$(wall "$m" diffnocache)" "$g") | $(ratio "$(rss "$m" diffnocache)" "$gr") |"
  echo "| | | \`go fix -inline -diff ./...\` | $g | $gr | 1.00× | 1.00× |"
done
[ ! -s "$work/warnings" ]
