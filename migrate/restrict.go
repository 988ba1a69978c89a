package migrate

import (
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/load"
)

// OutsideReason is why a file outside the package patterns is not
// changed.
const OutsideReason = "outside the package patterns given: not changed"

// outside reports whether f lies outside the files Input.Only allows
// to change.
func (m *migration) outside(f *load.SourceFile) bool {
	return m.only != nil && !m.only(f.Abs)
}

// restrict withholds every file with work outside the package patterns:
// its sites stay found and counted, as sites of kind outside.
func (m *migration) restrict() {
	if m.only == nil {
		return
	}
	for _, w := range m.work {
		if !m.outside(w.file) || w.withheld != "" {
			continue
		}
		w.withheld = OutsideReason
		for _, i := range w.siteIndexes() {
			m.res.Sites[i].Kind, m.res.Sites[i].Reason = engine.KindOutside, OutsideReason
		}
	}
}
