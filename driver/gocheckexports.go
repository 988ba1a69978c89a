package driver

import (
	"path/filepath"
	"strings"

	"github.com/canonize/canonize/engine"
)

// markDeletedExports decides, over the sites of every package, which
// re-exports the exports phase deletes: a re-export declared in a
// non-generated file whose rewrite is not withheld, called through, and
// whose every reference is rewritten (or sits in another re-export
// being deleted). The references inside a deleted declaration become
// auto sites. One pass cannot decide this (it sees no caller in other
// packages), so its sites there are review sites. names maps a
// re-export's key to its name; a re-export declared outside the package
// patterns (outside reports it by the file's path) is not deleted.
func markDeletedExports(sites []engine.Site, names map[string]string, outside func(path string) bool) {
	decl := map[string]*engine.Site{} // re-export key -> a deprecated reference in its declaration
	withheld := map[string]bool{}     // files whose rewrite does not type-check
	used := map[string]bool{}
	for i := range sites {
		s := &sites[i]
		if s.ViaKey != "" {
			used[s.ViaKey] = true
		}
		if s.InReexport != "" && s.Role == engine.RoleDeprecated && decl[s.InReexport] == nil {
			decl[s.InReexport] = s
		}
		if s.Withheld {
			withheld[s.Path] = true
		}
	}
	removable := map[string]bool{}
	for k, d := range decl {
		removable[k] = used[k] && !d.Generated && !withheld[d.Path] && !outside(d.Path)
	}
	for changed := true; changed; {
		changed = false
		for _, s := range sites {
			if !removable[s.ViaKey] || s.Kind == engine.KindAuto || removable[s.InReexport] {
				continue
			}
			removable[s.ViaKey], changed = false, true
		}
	}
	for i := range sites {
		s := &sites[i]
		if s.Role == engine.RoleDeprecated && removable[s.InReexport] {
			s.Kind, s.Reason = engine.KindAuto, "re-export "+names[s.InReexport]+" deleted in the exports phase"
		}
	}
}

// localReason names, in a reason the Analyzer gave, files from the
// root: "rewrite does not type-check (linux/amd64): app/a.go:3:4: …".
func localReason(reason, root string) string {
	return strings.ReplaceAll(reason, root+string(filepath.Separator), "")
}
