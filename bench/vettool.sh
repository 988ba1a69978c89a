#!/usr/bin/env bash
# Times canonize as a go fix tool (go fix -fixtool=canonize -diff ./...)
# against go fix -inline -diff ./... on generated modules, each tool with
# a build cache of its own: a cold run (empty cache: every package is
# compiled for export data and analysed), a warm re-run with nothing
# changed, and a re-run after one affected file is edited. Wall seconds
# and peak RSS of the largest single process (KiB) from /usr/bin/time;
# median of N runs (default 3) for the warm and edited cases. Prints a
# Markdown table on stdout; progress on stderr.
#
#   bench/vettool.sh [RUNS]        BENCH_SIZES="5000 20000" (default)
#
# Every run is checked to print one added NewWebSocketManager line per
# affected file; anything else is a WARNING in the table.
set -euo pipefail
runs=${1:-3}
sizes=${BENCH_SIZES:-5000 20000}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
log() { echo "bench: $*" >&2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
(cd "$repo" && go build -o "$work/canonize" ./cmd/canonize && go build -o "$work/gen" ./bench/gen)
commit=$(git -C "$repo" rev-parse --short HEAD)

# run MODULE TOOL: one run with TOOL's cache; prints "wall rss affected".
run() {
  local dir=$1 tool=$2 cmd
  case $tool in
  canonize) cmd=(go fix -fixtool="$work/canonize" -diff ./...) ;;
  gofix) cmd=(go fix -inline -diff ./...) ;;
  esac
  (cd "$dir" && GOCACHE="$work/cache-$tool-$(basename "$dir")" /usr/bin/time -f '%e %M' -o "$work/t" "${cmd[@]}" >"$work/out" 2>"$work/err") || true
  echo "$(tail -n 1 "$work/t") $(grep -c '^+.*NewWebSocketManager' "$work/out" || true)"
}

echo "## canonize as a go fix tool vs go fix -inline"
echo
echo "\`bench/vettool.sh $runs\` on $(date +%Y-%m-%d), commit $commit, $(go version | cut -d' ' -f3-), $(nproc) cores."
echo "Each tool has its own build cache; cold = empty cache. Median of $runs runs for warm and edited."
echo
echo "| module | affected files | case | canonize wall s | go fix wall s | ratio | canonize peak KiB | go fix peak KiB | ratio |"
echo "|---|---|---|---|---|---|---|---|---|"
for n in $sizes; do
  m="$work/gen$n"
  line=$("$work/gen" -files "$n" -out "$m")
  want=${line##*affected=}
  edit=$(grep -rl 'OpenManager(' "$m" --include='*.go' | grep -v websocket | head -n 1 || true)
  declare -A wall=() rss=()
  for tool in canonize gofix; do
    read -r w r got <<<"$(run "$m" $tool)"
    [ "$got" = "$want" ] || echo "WARNING: $tool cold on $n files added $got lines, want $want" >&2
    wall[$tool.cold]=$w rss[$tool.cold]=$r
    log "$n $tool cold: $w s $r KiB"
    for c in warm edited; do
      : >"$work/w" ; : >"$work/r"
      for i in $(seq "$runs"); do
        [ "$c" = edited ] && echo "// edit $i" >>"$edit"
        read -r w r got <<<"$(run "$m" $tool)"
        [ "$got" = "$want" ] || echo "WARNING: $tool $c on $n files added $got lines, want $want" >&2
        echo "$w" >>"$work/w"; echo "$r" >>"$work/r"
        log "$n $tool $c $i: $w s $r KiB"
      done
      wall[$tool.$c]=$(median <"$work/w") rss[$tool.$c]=$(median <"$work/r")
    done
  done
  for c in cold warm edited; do
    awk -v n="$n" -v a="$want" -v c="$c" -v cw="${wall[canonize.$c]}" -v gw="${wall[gofix.$c]}" -v cr="${rss[canonize.$c]}" -v gr="${rss[gofix.$c]}" \
      'BEGIN { printf "| %d files | %d | %s | %.2f | %.2f | %.2f× | %d | %d | %.2f× |\n", n, a, c, cw, gw, cw/gw, cr, gr, cr/gr }'
  done
done
