#!/bin/sh
# cover.sh: statement coverage of every package of the module, per package
# and in total. It counts what the tests run in their own process and
# what the CLI tests exercise in the canonize binary they run: with
# CANONIZE_COVERDIR set, cmd/canonize's TestMain builds that binary with
# -cover -coverpkg=<module>/... and runs it with GOCOVERDIR there. The
# merged profile is left in bin/cover.out (go tool cover -html=bin/cover.out).
set -eu
GO=${GO:-go}
out=${COVER_OUT:-bin/cover.out}
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir "$tmp/cli"
mkdir -p "$(dirname "$out")"
# -count=1: a cached result would skip the CLI runs and their counters.
if ! CANONIZE_COVERDIR="$tmp/cli" $GO test -count=1 -coverpkg=./... -coverprofile="$tmp/unit.out" ./... >"$tmp/test.log" 2>&1; then
	cat "$tmp/test.log"
	exit 1
fi
$GO tool covdata textfmt -i="$tmp/cli" -o "$tmp/cli.out"
$GO run ./scripts/coverreport -o "$out" "$tmp/unit.out" "$tmp/cli.out"
