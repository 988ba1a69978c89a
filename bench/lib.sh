# Shared by bench/check.sh and bench/cold.sh (sourced, not run): the
# helpers, the binaries under test and the modules to time. Expects
# repo, work and sizes set; defines log, warn, median, ratio, commit and
# names/dir/label (one entry per module: chatapp, bench/gen modules of
# each size in sizes with each percentage of affected files in
# BENCH_AFFECTED (default 2), and BENCH_MODULE if set).
: >"$work/warnings"

log() { echo "bench: $*" >&2; }
warn() { echo "WARNING: $*" | tee -a "$work/warnings" >&2; }
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2f×", a / b; else print "n/a" }'; }

(cd "$repo" && go build -o "$work/canonize" ./cmd/canonize && go build -o "$work/gen" ./bench/gen)
commit=$(git -C "$repo" rev-parse --short HEAD)
[ -z "$(git -C "$repo" status --porcelain)" ] || commit="$commit (working tree modified)"

names=() ; declare -A dir label
add() { names+=("$1"); dir[$1]=$2; label[$1]=$3; }
cp -R "$repo/testdata/chatapp" "$work/chatapp"
add chatapp "$work/chatapp" "testdata/chatapp"
for n in $sizes; do
  for p in ${BENCH_AFFECTED:-2}; do
    name=gen$n-$p
    line=$("$work/gen" -files "$n" -affected "$p" -out "$work/$name")
    log "generated $name: $line"
    add "$name" "$work/$name" "bench/gen $n files, $p% affected"
  done
done
if [ -n "${BENCH_MODULE:-}" ]; then
  cp -R "$BENCH_MODULE" "$work/real"
  add real "$work/real" "${BENCH_MODULE_LABEL:-$(basename "$BENCH_MODULE")}"
fi
