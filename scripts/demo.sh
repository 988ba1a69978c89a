#!/usr/bin/env bash
# Runs canonize on a temporary copy of testdata/chatapp and shows what
# the migration would do. The copy is removed afterwards; the example in
# the repository is never touched.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/testdata/chatapp" "$work/chatapp"
cd "$work/chatapp"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "canonize diff --stat  (what would change, per file)"
"$bin" diff --stat --color never || [ $? -eq 1 ]

step "canonize diff ./chat/...  (the golden-path package, in full)"
"$bin" diff --color never ./chat/... || [ $? -eq 1 ]

step "git apply of the whole diff, then the example's own tests"
git init -q . && git add -A && git -c user.email=demo@example.com -c user.name=demo commit -qm before
"$bin" diff --color never > ../migration.diff || [ $? -eq 1 ]
git apply ../migration.diff
go build ./... && go vet ./... && go test ./tests/...

step "canonize diff again: nothing left to rewrite automatically"
"$bin" diff --stat --color never && echo "(no diff: exit 0)"
