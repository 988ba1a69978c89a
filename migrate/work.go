package migrate

import (
	"go/token"
	"io/fs"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/load"
)

// migration is the state of one Run; nothing outside Run sees it.
type migration struct {
	ws    *load.Workspace
	rules *engine.Rules
	rx    engine.Reexports
	look  engine.Lookup
	res   *Result
	// work holds each file's edits, by absolute path.
	work map[string]*fileWork
	// source maps the engine's files to the loaded ones.
	source map[*engine.File]*load.SourceFile
	// removed marks re-exports whose declaration the exports phase deletes.
	removed map[string]bool
	cleanup Cleanup
	// only reports whether a file (absolute path) may change; nil: all.
	only func(abs string) bool
}

// fileWork is one file's rewrite: the edits of its auto sites and the
// declarations the exports and cleanup phases delete.
type fileWork struct {
	file      *load.SourceFile
	edits     []engine.Edit
	sites     []int      // indexes into res.Sites of its auto sites
	fixes     []*fixWork // the inliner's fixes (rules' edits win where both apply)
	exportDel []deletion // re-export declarations (phase 1)
	cleanDel  []deletion // deprecated declarations (phase 4)
	old       []byte
	new       []byte // through phase 3
	final     []byte // through phase 4
	mode      fs.FileMode
	withheld  string
	// cleanClash says why the cleanup's deletions and an inlining of the
	// file cannot both be applied.
	cleanClash string
}

// deletion is a declaration to delete, with its doc comment.
type deletion struct {
	start, end token.Pos
	name       string
}

// newMigration copies the scans' sites into a result of its own and
// gathers each file's edits.
func newMigration(in Input) *migration {
	m := &migration{ws: in.Workspace, rules: in.Rules, rx: in.Reexports, look: in.Lookup, only: in.Only,
		res: &Result{}, work: map[string]*fileWork{}, source: map[*engine.File]*load.SourceFile{}}
	for i, sc := range in.Scans {
		f := in.Workspace.Files[i]
		m.source[sc.File] = f
		base := len(m.res.Sites)
		m.res.Sites = append(m.res.Sites, sc.Sites...)
		if len(sc.Edits) == 0 {
			continue
		}
		w := m.workFor(f)
		w.edits = sc.Edits
		for _, e := range sc.Edits {
			w.sites = append(w.sites, base+e.Site)
		}
	}
	m.addFixes(in.Fixes)
	m.res.Sites = append(m.res.Sites, in.Declined...)
	return m
}

func (m *migration) workFor(f *load.SourceFile) *fileWork {
	w, ok := m.work[f.Abs]
	if !ok {
		w = &fileWork{file: f}
		m.work[f.Abs] = w
	}
	return w
}
