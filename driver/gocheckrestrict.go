package driver

import (
	"path/filepath"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/migrate"
)

// outside reports whether the file at path (slash, from the root) lies
// outside the package patterns given: found and counted, not changed.
func (m *checkMerge) outside(path string) bool {
	return m.only != nil && !m.only(filepath.Join(m.root, filepath.FromSlash(path)))
}

// restrict turns the sites a file outside the package patterns would
// have rewritten (a rule's and the inliner's) into sites of kind
// outside; changes leaves such
// files alone and decideDeletions deletes nothing they declare.
func (m *checkMerge) restrict(sites []engine.Site) {
	for i := range sites {
		s := &sites[i]
		if (s.Kind == engine.KindAuto || s.Kind == engine.KindInline) && m.outside(s.Path) {
			s.Kind, s.Reason = engine.KindOutside, migrate.OutsideReason
		}
	}
}
