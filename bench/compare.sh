#!/usr/bin/env bash
# Times `canonize diff` against `go fix -inline -diff ./...` on the same
# modules, alternately, with a warm build cache: wall seconds and peak RSS
# (KiB) from /usr/bin/time, median of N runs (default 3), and the ratios.
# Prints a Markdown section ready to paste into BENCHMARKS.md on stdout;
# progress and warnings go to stderr.
#
#   bench/compare.sh [RUNS]
#
# Modules:
#   - testdata/gofix: an io/ioutil migration both tools can do (the spec
#     comes from `canonize init io/ioutil`);
#   - testdata/chatapp: the factory migration go fix cannot express; it
#     still loads and analyses every package, so its cost is shown for scale;
#   - modules from bench/gen of 1,000, 5,000 and 20,000 files with 2% of
#     the files calling the deprecated websocket.OpenManager (a //go:fix
#     inline function, so both tools do the same migration), plus one of
#     20,000 files with as many affected files as the 1,000-file one, for
#     the growth ratio canonize(20k)/canonize(1k) at a constant number of
#     changes. On the middle size `canonize plan` is timed too: it should
#     cost no more than 1.2× `canonize diff`.
#
# Every run is checked: a generated module's diff must add exactly one
# NewWebSocketManager line per affected file, and a tool must not fail
# (exit status 2 or a signal). Anything else is printed as a WARNING, in
# the table as well: a benchmark of a tool that did nothing is worthless.
#
# Environment (for trying the script out on something small):
#   BENCH_SIZES="1000 5000 20000"  sizes of the generated modules
#   BENCH_AFFECTED=2               percentage of affected files
#   BENCH_TIMEOUT=0                seconds after which a run is killed (0: never)
set -euo pipefail
# canonize would replay its stored go command runs on these unchanged
# trees (bench/check.sh times that); here the go command's cache alone.
export CANONIZE_NOCACHE=1
runs=${1:-3}
sizes=${BENCH_SIZES:-1000 5000 20000}
pct=${BENCH_AFFECTED:-2}
limit=${BENCH_TIMEOUT:-0}
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
: >"$work/warnings"

log() { echo "bench: $*" >&2; }
warn() { echo "WARNING: $*" | tee -a "$work/warnings" >&2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
commas() { LC_ALL=C awk -v n="$1" 'BEGIN { s = sprintf("%d", n); while (s ~ /[0-9][0-9][0-9][0-9]/) sub(/[0-9][0-9][0-9]($|,)/, ",&", s); print s }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }'; }

# The binary under test is the working tree's, not an installed one; the
# commit is read now, as the tree may move on while the benchmark runs.
(cd "$repo" && go build -o "$work/canonize" ./cmd/canonize && go build -o "$work/gen" ./bench/gen)
commit=$(git -C "$repo" rev-parse --short HEAD)
[ -z "$(git -C "$repo" status --porcelain)" ] || commit="$commit (working tree modified)"

# Modules: name, directory, label, and what each tool's diff must contain:
# a count of added NewWebSocketManager lines, "some" (a non-empty diff) or
# "-" (nothing checked).
names=() ; declare -A dir label want_c want_g files affected
add() { names+=("$1"); dir[$1]=$2; label[$1]=$3; want_c[$1]=$4; want_g[$1]=$5; }

go run "$repo/bench/extract" "$repo/testdata/gofix/module.txtar" "$work/gofix"
(cd "$work/gofix" && "$work/canonize" init io/ioutil 2>/dev/null)
add gofix "$work/gofix" "testdata/gofix (io/ioutil, go 1.26)" some some
cp -R "$repo/testdata/chatapp" "$work/chatapp"
add chatapp "$work/chatapp" "testdata/chatapp" some -

# gen MODULE FILES PERCENT LABEL: writes a module and registers it.
gen() {
  local line a
  line=$("$work/gen" -files "$2" -affected "$3" -out "$work/$1")
  a=${line##*affected=}
  log "generated $1: $line"
  add "$1" "$work/$1" "$4" "$a" "$a"
}
read -r -a sz <<<"$(tr ' ' '\n' <<<"$sizes" | sort -n | tr '\n' ' ')"
for n in "${sz[@]}"; do
  gen "gen$n" "$n" "$pct" "generated, $pct% affected"
done
first=${sz[0]} last=${sz[${#sz[@]}-1]} mid=${sz[$(((${#sz[@]} - 1) / 2))]}
grow=
if [ "$first" != "$last" ]; then
  # As many affected files as the smallest module, in the largest one.
  gpct=$(awk -v a="${want_c[gen$first]}" -v n="$last" 'BEGIN { printf "%.10g", a * 100 / n }')
  grow="grow$last"
  gen "$grow" "$last" "$gpct" "generated, $gpct% affected (growth)"
  if [ "${want_c[$grow]}" != "${want_c[gen$first]}" ]; then
    warn "growth module has ${want_c[$grow]} affected files, the $first-file one ${want_c[gen$first]}"
  fi
fi
planmod="gen$mid"

# measure MODULE TOOL WANT COMMAND...: runs COMMAND in the module with its
# stdout in $work/out, checks the diff against WANT and prints "wall rss".
measure() {
  local m=$1 tool=$2 want=$3 st=0 line1 got
  shift 3
  local pre=()
  [ "$limit" != 0 ] && pre=(timeout "$limit")
  (cd "${dir[$m]}" && /usr/bin/time -f '%e %M' -o "$work/t" ${pre[@]+"${pre[@]}"} "$@" >"$work/out" 2>"$work/err") || true
  # /usr/bin/time writes "Command exited with non-zero status N" first on a
  # non-zero exit; both tools exit 1 when they print a diff.
  line1=$(head -n 1 "$work/t")
  case $line1 in
  "Command exited with non-zero status "*) st=${line1##* } ;;
  "Command terminated by signal "*) st=signal ;;
  esac
  if [ "$st" = 124 ] && [ "$limit" != 0 ]; then
    warn "$m: $tool killed after BENCH_TIMEOUT=$limit s"
  elif [ "$st" != 0 ] && [ "$st" != 1 ]; then
    warn "$m: $tool exited with status $st: $(tail -n 3 "$work/err" | tr '\n' ' ')"
  fi
  got=$(grep -c '^+.*NewWebSocketManager' "$work/out" || true)
  case $want in
  -) ;;
  some) [ -s "$work/out" ] || warn "$m: $tool printed an empty diff" ;;
  *) [ "$got" = "$want" ] || warn "$m: $tool added $got NewWebSocketManager line(s), want $want (one per affected file)" ;;
  esac
  tail -n 1 "$work/t"
}

# Runs the tools alternately after one warm-up of each, which fills the
# build cache (for canonize, the other GOOS and tags it loads as well).
for m in "${names[@]}"; do
  files[$m]=$(find "${dir[$m]}" -name '*.go' | wc -l)
  # n: canonize diff with Go's inliner turned off, for the inliner's cost.
  printf 'inline:\n  enabled: false\n' | cat "${dir[$m]}/canonize.yaml" - >"${dir[$m]}/noinline.yaml"
  tools=(c n g)
  [ "$m" = "$planmod" ] && tools+=(p)
  for t in "${tools[@]}"; do : >"$work/$m.$t"; done
  for i in $(seq 0 "$runs"); do
    for t in "${tools[@]}"; do
      case $t in
      c) r=$(measure "$m" "canonize diff" "${want_c[$m]}" "$work/canonize" diff) ;;
      n)
        # Only the generated modules' rule does the whole migration alone.
        wn=-
        case $m in gen* | grow*) wn=${want_c[$m]} ;; esac
        r=$(measure "$m" "canonize diff (inliner off)" "$wn" "$work/canonize" diff -f noinline.yaml)
        ;;
      g) r=$(measure "$m" "go fix" "${want_g[$m]}" go fix -inline -diff ./...) ;;
      p) r=$(measure "$m" "canonize plan" - "$work/canonize" plan) ;;
      esac
      if [ "$t" = c ]; then
        affected[$m]=$(grep -c '^+++ ' "$work/out" || true)
      fi
      run="run $i/$runs"
      [ "$i" != 0 ] || run="warm-up"
      log "$m ($(commas "${files[$m]}") files) $t $run: $r"
      [ "$i" = 0 ] || echo "$r" >>"$work/$m.$t"
    done
  done
done

# wall MODULE TOOL and rss MODULE TOOL: the medians.
wall() { cut -d' ' -f1 "$work/$1.$2" | median; }
rss() { cut -d' ' -f2 "$work/$1.$2" | median; }

echo "## canonize diff vs \`go fix -inline -diff ./...\` at scale"
echo
echo "\`make bench\` (= \`bench/compare.sh $runs\`) on $(date -u +%Y-%m-%d), commit $commit,"
echo "$(go version | sed 's/^go version //'), $(nproc) cores. Warm build cache; the tools alternate"
echo "after one warm-up run each; median of $runs run(s); wall seconds and peak RSS (the largest"
echo "single process, KiB) from \`/usr/bin/time -f '%e %M'\`. Generated modules: \`bench/gen\`."
echo
if [ -s "$work/warnings" ]; then
  sort -u "$work/warnings" | sed 's/^/**/; s/ *$/**/; s/$/\n/'
fi
echo "| module | files | affected files | tool | wall s | peak KiB |"
echo "|---|---|---|---|---|---|"
for m in "${names[@]}"; do
  echo "| ${label[$m]} | $(commas "${files[$m]}") | ${affected[$m]} | canonize diff | $(wall "$m" c) | $(commas "$(rss "$m" c)") |"
  echo "| | | | canonize diff, inliner off | $(wall "$m" n) | $(commas "$(rss "$m" n)") |"
  echo "| | | | go fix -inline -diff | $(wall "$m" g) | $(commas "$(rss "$m" g)") |"
  echo "| | | | **ratio canonize / go fix** | **$(ratio "$(wall "$m" c)" "$(wall "$m" g)")** | **$(ratio "$(rss "$m" c)" "$(rss "$m" g)")** |"
done
echo
echo "| target | wall | peak RSS |"
echo "|---|---|---|"
if [ -n "$grow" ]; then
  echo "| growth: canonize diff on $(commas "$last") / $(commas "$first") files, ${want_c[$grow]} affected each | $(ratio "$(wall "$grow" c)" "$(wall "gen$first" c)") | $(ratio "$(rss "$grow" c)" "$(rss "gen$first" c)") |"
fi
for m in "${names[@]}"; do
  echo "| Go's inliner in canonize on ${label[$m]} ($(commas "${files[$m]}") files): (diff − diff with the inliner off) / go fix | $(awk -v c="$(wall "$m" c)" -v n="$(wall "$m" n)" -v g="$(wall "$m" g)" 'BEGIN { if (g > 0) printf "%.2f×", (c - n) / g; else print "n/a" }') | |"
done
echo "| canonize plan / canonize diff on $(commas "$mid") files (target ≤ 1.20×) | $(ratio "$(wall "$planmod" p)" "$(wall "$planmod" c)") | $(ratio "$(rss "$planmod" p)" "$(rss "$planmod" c)") |"
# A run that failed or changed the wrong number of files makes the whole
# benchmark fail, so that its numbers are not pasted by mistake.
[ ! -s "$work/warnings" ]
