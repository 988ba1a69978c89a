#!/usr/bin/env bash
# The main job on the embedded example, in a temporary copy of
# testdata/chatapp (the repository's copy is never touched):
#   plan -> diff --phase 1 -> diff --split per owner -> apply phases 1-3, each verified by the
#   example's golden-path, agent-events and user-isolation tests (phase 2 also by the tests of
#   exactly the packages it can change: --verify-affected) ->
#   a person fixes the sites the plan left for a person -> apply 4 ->
#   status (100%) -> report (HTML page) -> rollback of one file -> rollback --all -> proof that
#   the tree is byte-identical to the start.
set -euo pipefail
bin=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
repo=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp -R "$repo/testdata/chatapp" "$work/chatapp"
cd "$work/chatapp"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fingerprint() { find . -type f -not -path './.canonize/*' | LC_ALL=C sort | xargs sha256sum | sha256sum | cut -c1-16; }
# Exit 1 means "there is something to show" for diff; anything else fails.
show() { "$@" || [ $? -eq 1 ]; }
start=$(fingerprint)
echo "example copied to $work/chatapp (tree fingerprint $start)"

step "canonize plan"
"$bin" plan

step "canonize diff --phase 1   (exports: calls through re-exports, and the facade's line 34)"
show "$bin" diff --phase 1 --stat --color never
echo "(two of the ten files, in full:)"
show "$bin" diff --phase 1 --color never 2>/dev/null | awk '/^diff --git/ { p = ($3 == "a/admin/broadcast.go" || $3 == "a/canonical/canonical_imports.go") } p' 

step "canonize diff --split patches/   (one patch per phase and owner, from .github/CODEOWNERS)"
show "$bin" diff --split "$work/patches"
sed -n '/^| phase/,$p' "$work/patches/README.md" | cut -d'|' -f2-6 | sed 's/^/  /'

for n in 1 2 3; do
  if [ "$n" = 2 ]; then
    # Phase 2 also tests exactly the packages it can change, and says how many of how many.
    step "canonize apply --phase 2 --verify-affected   (verify: + go test on the packages the phase can change)"
    "$bin" apply --phase 2 --verify-affected 2>&1 | grep -v '^ok \|^?  ' | sed 's/^/  /' |
      awk '{ if (length($0) > 110) $0 = substr($0, 1, 107) "..."; print }'
    continue
  fi
  step "canonize apply --phase $n   (verify: go build, go vet, go test ./tests/...)"
  "$bin" apply --phase "$n" 2>&1 | grep -v '^ok ' | sed 's/^/  /'
done

step "canonize plan   (what is left: the sites the plan said need a person)"
"$bin" plan | sed -n '/^compliance/p;/^phase 4/p;/^sites for/,$p'

step "a person fixes them (testdata/demo/person.patch), as the plan asked"
git apply "$repo/testdata/demo/person.patch"
git apply --stat "$repo/testdata/demo/person.patch" | tail -1

step "canonize apply --phase 4   (cleanup: delete the deprecated factory)"
"$bin" apply --phase 4 2>&1 | grep -v '^ok ' | sed 's/^/  /'

step "canonize status"
"$bin" status

step "canonize report -o bin/demo-report.html   (the burndown over time of phases 1-4, from the journal)"
"$bin" report -o "$repo/bin/demo-report.html"
echo "  open $repo/bin/demo-report.html in a browser: it loads nothing from anywhere"

step "canonize rollback chat/session.go   (level 1: one file)"
"$bin" rollback chat/session.go
"$bin" status | sed -n '/^phase 2/p'

step "canonize rollback --all   (level 3: everything)"
"$bin" rollback --all | tail -n 3
echo "  ..."
"$bin" status | sed -n '1p;/^phase/p'

step "proof: the person's fix is kept; reverting it gives the tree we started from"
git apply -R "$repo/testdata/demo/person.patch"
end=$(fingerprint)
echo "start $start"
echo "end   $end"
[ "$start" = "$end" ] && echo "byte-identical: yes"
