package migrate

import (
	"maps"
	"slices"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/rewrite"
)

// planExports decides which re-exports of deprecated functions the
// exports phase deletes: those declared in the module, called through,
// whose every reference is rewritten (or sits in another re-export
// being deleted).
func (m *migration) planExports() {
	removable := m.usedReexports()
	for changed := true; changed; {
		changed = false
		for _, s := range m.res.Sites {
			if !removable[s.ViaKey] || s.Kind == engine.KindAuto || removable[s.InReexport] {
				continue
			}
			removable[s.ViaKey], changed = false, true
		}
	}
	m.removed = removable
	for _, w := range m.work {
		w.exportDel = nil
	}
	for _, k := range slices.Sorted(maps.Keys(removable)) {
		if !removable[k] {
			continue
		}
		al := m.rx[k]
		start, end := rewrite.DeclSpan(al.File.Syntax, al.Decl)
		w := m.workFor(m.source[al.File])
		w.exportDel = append(w.exportDel, deletion{start: start, end: end, name: al.Name})
	}
	for _, w := range m.work {
		if w.old == nil && w.withheld == "" {
			// A facade that only declares re-exports had no work yet.
			if err := w.read(); err != nil {
				w.withheld = err.Error()
			}
		}
	}
}

// usedReexports are the re-exports of deprecated functions that may go:
// declared in a non-generated, non-withheld file of the module, and
// called through. An unused wrapper is ordinary code (its body is
// rewritten), not a facade to retire.
func (m *migration) usedReexports() map[string]bool {
	removable := map[string]bool{}
	used := map[string]bool{}
	for _, s := range m.res.Sites {
		if s.ViaKey != "" {
			used[s.ViaKey] = true
		}
	}
	for k, al := range m.rx {
		if !m.rules.Deprecated(al.Target) || al.File.Generated || m.outside(m.source[al.File]) {
			continue
		}
		if w := m.work[m.source[al.File].Abs]; w != nil && w.withheld != "" {
			continue
		}
		removable[k] = used[k]
	}
	return removable
}

// markRemovedExports turns the references inside deleted re-export
// declarations into auto sites: the exports phase removes them.
func (m *migration) markRemovedExports() {
	for i := range m.res.Sites {
		s := &m.res.Sites[i]
		if s.Role == engine.RoleDeprecated && m.removed[s.InReexport] {
			s.Kind, s.Reason = engine.KindAuto, "re-export "+m.rx[s.InReexport].Name+" deleted in the exports phase"
		}
	}
}
