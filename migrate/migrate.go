package migrate

import (
	"bytes"
	"fmt"
	"go/token"
	"io/fs"
	"maps"
	"os"
	"slices"
	"sort"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/diag"
	"github.com/canonize/canonize/load"
)

// Input is what the earlier stages found.
type Input struct {
	Workspace *load.Workspace
	Rules     *engine.Rules
	Reexports engine.Reexports
	// Scans holds the scan of each file of Workspace.Files, in order.
	Scans []engine.FileResult
	// Lookup resolves imports the loaded packages do not hold, for the
	// re-type-check.
	Lookup engine.Lookup
	// Fixes are Go's inliner's changes for uses of //go:fix inline
	// symbols, each with its site (kind inline); their files must be
	// among Workspace.Files.
	Fixes []Fix
	// Declined are the inliner's sites no phase rewrites.
	Declined []engine.Site
	// Only, if set, reports whether a file (absolute path) may change:
	// the package patterns' files. Sites elsewhere are found and counted
	// but become sites of kind outside; a re-export or deprecated declaration
	// elsewhere is not deleted (cleanup is then blocked).
	Only func(abs string) bool
}

// Result is the migration's outcome: new values, the input untouched.
type Result struct {
	Sites    []engine.Site // every site, sorted by path, line, col; withheld ones are review sites
	Files    []*File       // every file a phase changes or would delete from, sorted by path
	Cleanup  Cleanup
	Warnings []diag.Diagnostic
	Problems []diag.Diagnostic // files that changed on disk while canonize ran
}

// File is one file's content through the phases.
type File struct {
	Source *load.SourceFile
	Old    []byte      // as it is
	New    []byte      // after the exports, production and tests phases
	Final  []byte      // after cleanup too; nil when cleanup does not change it or is blocked
	Mode   fs.FileMode // permission bits
	// Sites counts the sites rewritten in it; Rules are their rules, in
	// order. Inlined counts those of them the inliner rewrites.
	Sites   int
	Rules   []*engine.Rule
	Inlined int
	// ViaExport is set when a rewritten site went through a re-export.
	ViaExport bool
	// ExportDeletes and CleanupDeletes name the declarations the exports
	// and cleanup phases delete from it.
	ExportDeletes  []string
	CleanupDeletes []string
}

// Changed reports whether phases 1-3 change the file.
func (f *File) Changed() bool { return !bytes.Equal(f.New, f.Old) }

// Cleanup is what the cleanup phase deletes, or why it cannot yet.
type Cleanup struct {
	Deletes   int      // declarations to delete
	Blocked   bool     // references remain, or the deletion does not type-check
	BlockedBy []string // "path:line:col: why" of each blocker
}

// Run computes every file's content through phase 3 and through phase
// 4, re-type-checking both: a file whose rewrite fails is withheld (its
// sites become review sites) and the re-exports and declarations the
// later phases delete are decided on what remains. A file with several
// sites keeps those whose rewrite checks and refuses the others, each
// with its own error. It repeats until nothing more is withheld; each
// round withholds a file or refuses a site, or ends.
func Run(in Input) (*Result, error) {
	m := newMigration(in)
	if err := m.readFiles(); err != nil {
		return nil, err
	}
	m.prepareFixes()
	m.restrict()
	if err := m.fixpoint(); err != nil {
		return nil, err
	}
	m.markRemovedExports()
	m.planCleanup()
	if err := m.renderCleanup(); err != nil {
		return nil, err
	}
	m.res.Files, m.res.Cleanup = m.files(), m.cleanup
	m.versionWarnings()
	sortSites(m.res.Sites) // last: work holds indexes into the unsorted list
	return m.res, nil
}

// fixpoint renders phases 1-3 and withholds the files whose rewrite
// does not type-check, until none is newly withheld.
func (m *migration) fixpoint() error {
	bound := m.bound()
	for round := 0; ; round++ {
		if round > bound {
			return fmt.Errorf("migrate: no fixpoint after %d rounds of withholding files that do not type-check", round)
		}
		m.planExports()
		contents, err := m.render(false)
		if err != nil {
			return err
		}
		changed, err := m.withhold(m.typecheck(contents), contents)
		if err != nil {
			return err
		}
		if !changed {
			return nil
		}
	}
}

// bound is the most rounds the fixpoint can take: each round withholds
// a file or refuses at least one site.
func (m *migration) bound() int {
	n := len(m.work) + 1
	for _, w := range m.work {
		n += len(w.edits) + len(w.fixes)
	}
	return n
}

// renderCleanup computes the content through phase 4 and blocks the
// cleanup if it does not type-check.
func (m *migration) renderCleanup() error {
	if m.cleanup.Blocked || m.cleanup.Deletes == 0 {
		return nil
	}
	finals, err := m.render(true)
	if err != nil {
		return err
	}
	for _, w := range m.work {
		if _, ok := finals[w.file.Abs]; !ok && w.new != nil && !bytes.Equal(w.new, w.old) {
			finals[w.file.Abs] = w.new
		}
	}
	bad := m.typecheck(finals)
	for abs, w := range m.work {
		if w.cleanClash != "" && bad[abs] == "" {
			bad[abs] = w.cleanClash
		}
	}
	if len(bad) == 0 {
		return nil
	}
	m.cleanup.Blocked = true
	for _, abs := range slices.Sorted(maps.Keys(bad)) {
		m.cleanup.BlockedBy = append(m.cleanup.BlockedBy, diag.RelTo(m.ws.Root, abs)+": "+bad[abs])
	}
	for _, w := range m.work {
		w.final = nil
	}
	return nil
}

func sortSites(s []engine.Site) {
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		return a.Col < b.Col
	})
}

// readFiles reads the bytes and mode of every file with work, checking
// they are still what was type-checked.
func (m *migration) readFiles() error {
	for _, abs := range slices.Sorted(maps.Keys(m.work)) {
		w := m.work[abs]
		if err := w.read(); err != nil {
			return fmt.Errorf("read %s: %w", w.file.Rel, err)
		}
		if tf := m.ws.Fset.File(w.file.Syntax.Pos()); tf == nil || tf.Size() != len(w.old) {
			w.withheld = "file changed on disk while canonize ran; not rewritten"
			m.res.Problems = append(m.res.Problems, diag.Diagnostic{Pos: token.Position{Filename: w.file.Rel}, Msg: w.withheld})
		}
	}
	return nil
}

func (w *fileWork) read() error {
	old, err := os.ReadFile(w.file.Abs)
	if err != nil {
		return err
	}
	st, err := os.Stat(w.file.Abs)
	if err != nil {
		return err
	}
	w.old, w.mode = old, st.Mode().Perm()
	return nil
}

// withhold records newly failing files and turns their sites into review
// sites; it reports whether anything was withheld.
func (m *migration) withhold(bad map[string]string, contents map[string][]byte) (bool, error) {
	any := false
	for _, abs := range slices.Sorted(maps.Keys(bad)) {
		w := m.work[abs]
		if w == nil || w.withheld != "" {
			continue
		}
		var own map[int]string // site index -> its own error, when salvage found one
		if len(w.edits)+len(w.live()) > 1 {
			sv, err := m.salvage(w, contents)
			if err != nil {
				return false, err
			}
			if sv.partial() {
				m.keepSalvaged(w, sv)
				any = true
				continue
			}
			own = sv.reasons(w)
		}
		w.withheld, any = bad[abs], true
		for _, i := range w.siteIndexes() {
			why := w.withheld
			if r := own[i]; r != "" {
				why = r
			}
			m.res.Sites[i].Kind, m.res.Sites[i].Reason = engine.KindReview, why
		}
		m.res.Warnings = append(m.res.Warnings, diag.Diagnostic{Pos: token.Position{Filename: w.file.Rel}, Msg: "withheld: " + w.withheld})
	}
	return any, nil
}

// files lists the outcome of every file with work that is not withheld.
func (m *migration) files() []*File {
	var out []*File
	for _, abs := range slices.Sorted(maps.Keys(m.work)) {
		w := m.work[abs]
		if w.withheld != "" || w.old == nil {
			continue
		}
		inlined := len(w.live())
		f := &File{Source: w.file, Old: w.old, New: w.new, Mode: w.mode, Sites: len(w.sites) + inlined, Inlined: inlined,
			ExportDeletes: names(w.exportDel), CleanupDeletes: names(w.cleanDel)}
		if f.New == nil {
			f.New = f.Old
		}
		if len(w.cleanDel) > 0 && w.final != nil {
			f.Final = w.final
		}
		for _, e := range w.edits {
			f.Rules = append(f.Rules, e.Rule)
		}
		for _, i := range w.sites {
			f.ViaExport = f.ViaExport || m.res.Sites[i].ViaKey != ""
		}
		out = append(out, f)
	}
	return out
}

func names(dels []deletion) []string {
	var out []string
	for _, d := range dels {
		out = append(out, d.name)
	}
	return out
}
