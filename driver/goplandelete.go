package driver

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"

	"github.com/canonize/canonize/analyzer"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/vetrun"
	"github.com/canonize/canonize/vettool"
)

// deletions is what the exports and cleanup phases delete, decided as
// migrate decides it from every package's sites.
type deletions struct {
	flag    analyzer.Deletions
	cleanup migrate.Cleanup
	// exportsIn and cleanupIn name the declarations deleted from each
	// file (absolute), in the order the phases list them; exportKeys and
	// cleanupKeys give their keys.
	exportsIn, cleanupIn    map[string][]string
	exportKeys, cleanupKeys map[string][]string
}

// decideDeletions: the re-exports the exports phase deletes are those
// markDeletedExports turned into auto sites; the cleanup phase deletes
// every deprecated declaration the module's packages reported, unless a
// deprecated site outside those declarations is left unrewritten, which
// blocks it (the declarations are then listed, not deleted).
func decideDeletions(m *checkMerge, sites []engine.Site) deletions {
	d := deletions{exportsIn: map[string][]string{}, cleanupIn: map[string][]string{}, exportKeys: map[string][]string{}, cleanupKeys: map[string][]string{}}
	removed := map[string]bool{}
	for _, s := range sites {
		if deletedReexport(s) && !removed[s.InReexport] {
			removed[s.InReexport] = true
			abs := filepath.Join(m.root, filepath.FromSlash(s.Path))
			d.flag.Exports = append(d.flag.Exports, s.InReexport)
			d.exportsIn[abs] = append(d.exportsIn[abs], m.names[s.InReexport])
			d.exportKeys[abs] = append(d.exportKeys[abs], s.InReexport)
		}
	}
	slices.Sort(d.flag.Exports)
	for _, abs := range slices.Sorted(maps.Keys(m.decls)) {
		for _, dr := range m.decls[abs] {
			if m.outside(m.rel(abs)) {
				d.cleanup.Blocked = true
				d.cleanup.BlockedBy = append(d.cleanup.BlockedBy, fmt.Sprintf("%s: declares %s; %s", m.rel(abs), dr.Name, migrate.OutsideReason))
				continue
			}
			d.cleanupIn[abs] = append(d.cleanupIn[abs], dr.Name)
			d.cleanupKeys[abs] = append(d.cleanupKeys[abs], dr.Key)
			d.flag.Cleanup = append(d.flag.Cleanup, dr.Key)
			d.cleanup.Deletes++
		}
	}
	for _, s := range sites {
		if s.Role != engine.RoleDeprecated || s.Rewritten() || s.Inline || m.inDeclaration(s) {
			continue
		}
		d.cleanup.Blocked = true
		d.cleanup.BlockedBy = append(d.cleanup.BlockedBy, fmt.Sprintf("%s: %s %s: %s", s, s.Kind, s.Symbol, s.Reason))
	}
	if d.cleanup.Blocked {
		d.flag.Cleanup = nil
	}
	return d
}

// deletedReexport reports whether s lies in a re-export declaration the
// exports phase deletes (markDeletedExports made it auto).
func deletedReexport(s engine.Site) bool {
	return s.Role == engine.RoleDeprecated && s.InReexport != "" && s.Kind == engine.KindAuto
}

// inDeclaration reports whether s lies in a deprecated declaration the
// cleanup phase deletes.
func (m *checkMerge) inDeclaration(s engine.Site) bool {
	abs := filepath.Join(m.root, filepath.FromSlash(s.Path))
	for _, d := range m.decls[abs] {
		after := s.Line > d.Line || s.Line == d.Line && s.Col >= d.Col
		before := s.Line < d.EndLine || s.Line == d.EndLine && s.Col < d.EndCol
		if after && before {
			return true
		}
	}
	return false
}

// renderDeletions returns the rendering of each file holding a
// declaration to delete or the inliner's fixes to render with its
// rewrites: the one go vet's first run gave ahead of the decision
// (analyzer.RenderRecord) where the decision for the file is the one
// assumed there, else from canonize's Analyzer run again over the
// packages holding the other files, each in the configuration that
// speaks for them, with the decision in -canonize.delete. failed gives,
// by file, why a rendering cannot stand (its package does not
// type-check with it): see withholdFailed.
func renderDeletions(req vetrun.Request, m *checkMerge, d deletions) (renders map[string]analyzer.RenderRecord, failed map[string]string, err error) {
	files := slices.Concat(slices.Collect(maps.Keys(d.exportsIn)), slices.Collect(maps.Keys(d.flag.Inline)))
	if len(d.flag.Cleanup) > 0 {
		files = append(files, slices.Collect(maps.Keys(d.cleanupIn))...)
	}
	slices.Sort(files)
	out := map[string]analyzer.RenderRecord{}
	var rest []string
	for _, abs := range slices.Compact(files) {
		if r, ok := m.speculated(abs, d); ok {
			out[abs] = r
		} else {
			rest = append(rest, abs)
		}
	}
	if len(rest) == 0 {
		return out, nil, nil
	}
	again, failed, err := renderAgain(req, m, d, rest)
	maps.Copy(out, again)
	return out, failed, err
}

// blockOnFinalErrors blocks the cleanup where a package does not
// type-check with its deletions (a rendering's FinalError), as the
// load blocks it: each such file named with its reason, which names the
// configuration that speaks for it.
func (m *checkMerge) blockOnFinalErrors(renders map[string]analyzer.RenderRecord, d *deletions, files []*migrate.File) {
	if d.cleanup.Blocked || len(d.flag.Cleanup) == 0 {
		return
	}
	var blockers []string
	for _, abs := range slices.Sorted(maps.Keys(renders)) {
		if why := renders[abs].FinalError; why != "" {
			blockers = append(blockers, m.rel(abs)+": "+localReason(why, m.root))
		}
	}
	blockCleanup(&d.cleanup, files, blockers)
}

// speculated is the rendering of abs go vet's first run gave, if it
// assumed the deletions d decides for the file: its re-exports exactly,
// and, unless cleanup is blocked, its deprecated declarations exactly;
// the inliner's fixes and an accepted change of API are never assumed.
func (m *checkMerge) speculated(abs string, d deletions) (analyzer.RenderRecord, bool) {
	r, ok := m.renders[abs]
	if !ok || r.Error != "" || d.flag.Inline[abs] != nil || slices.Contains(d.flag.API, abs) || !sameKeys(r.Exports, d.exportKeys[abs]) {
		return r, false
	}
	if d.cleanup.Blocked || len(d.flag.Cleanup) == 0 {
		r.Final = ""
		return r, true
	}
	return r, sameKeys(r.Cleanup, d.cleanupKeys[abs])
}

// sameKeys reports whether two lists hold the same keys.
func sameKeys(a, b []string) bool {
	return slices.Equal(slices.Sorted(slices.Values(a)), slices.Sorted(slices.Values(b)))
}

// renderAgain runs canonize's Analyzer again over the packages holding
// files, with the decision d in -canonize.delete, and returns each
// file's rendering, or why it has none.
func renderAgain(req vetrun.Request, m *checkMerge, d deletions, files []string) (map[string]analyzer.RenderRecord, map[string]string, error) {
	flag, err := json.Marshal(d.flag)
	if err != nil {
		return nil, nil, err
	}
	dirs := map[int][]string{} // by the configuration speaking for the files
	for _, abs := range files {
		i := m.owner[abs]
		if dir := filepath.Dir(abs); !slices.Contains(dirs[i], dir) {
			dirs[i] = append(dirs[i], dir)
		}
	}
	// Each configuration keeps its fingerprint: the files rendered are
	// among those its first run read.
	again := vetrun.Request{Dir: req.Dir, Tool: req.Tool, Env: req.Env}
	again.Args = append(slices.Clone(req.Args), "-canonize", "-canonize.delete="+string(flag))
	if inlineOnly := vettool.InlineOnlyEnv + "=1"; slices.Contains(req.Env, inlineOnly) {
		// No spec: canonize's Analyzer renders the inliner's fixes
		// under an empty one.
		path, hash, err := emptySpec()
		if err != nil {
			return nil, nil, err
		}
		again.Env = slices.DeleteFunc(slices.Clone(req.Env), func(s string) bool { return s == inlineOnly })
		again.Args = append(again.Args, "-canonize.spec="+path, "-canonize.spechash="+hash)
	}
	var owners []int
	for _, i := range slices.Sorted(maps.Keys(dirs)) {
		cfg := req.Configs[i]
		cfg.Patterns = dirs[i]
		again.Configs = append(again.Configs, cfg)
		owners = append(owners, i)
	}
	results, err := vetrun.RunEach(context.Background(), again)
	if err != nil {
		return nil, nil, err
	}
	for _, r := range results {
		for _, e := range r.PackageErrors { // analysed by the first run: not expected
			return nil, nil, &AnalysisError{Package: e.Package, Config: e.Config, Msg: e.Msg, Again: true}
		}
	}
	out, failed := map[string]analyzer.RenderRecord{}, map[string]string{}
	for j, r := range results {
		for _, f := range r.Findings {
			if f.Analyzer != "canonize" || f.Category != analyzer.CategoryRender {
				continue
			}
			var rr analyzer.RenderRecord
			if json.Unmarshal([]byte(f.Message), &rr) != nil || m.owner[rr.Path] != owners[j] {
				continue
			}
			if rr.Error != "" {
				failed[rr.Path] = renderReason(rr, m.root, again.Configs[j].Name)
				continue
			}
			out[rr.Path] = rr
		}
	}
	return out, failed, nil
}

// renderReason words why a file's rendering with its deletions failed
// as a withheld rewrite's reason: a type check's refusal as the Analyzer
// words it, a failure to render naming the configuration.
func renderReason(r analyzer.RenderRecord, root, cfg string) string {
	why := localReason(firstLine(r.Error), root)
	if r.Withheld {
		return why
	}
	return "rewrite does not render with its deletions (" + cfg + "): " + why
}

// withholdFailed withholds the files whose rendering with the phases'
// deletions failed (failed, by file), as a pass withholds a rewrite that
// does not type-check: each of their rewritten sites becomes a review
// site with the reason, so the plan leaves the file as it is; the
// re-exports it would delete stay. It returns the cleanup's blockers:
// one per file, since a site left unrewritten holds the declarations.
func (m *checkMerge) withholdFailed(sites []engine.Site, failed map[string]string, d *deletions) []string {
	var blockers []string
	for _, abs := range slices.Sorted(maps.Keys(failed)) {
		rel, why := m.rel(abs), failed[abs]
		for i := range sites {
			if s := &sites[i]; s.Path == rel && s.Role == engine.RoleDeprecated && s.Rewritten() {
				s.Kind, s.Reason, s.Withheld = engine.KindReview, why, true
			}
		}
		delete(d.exportsIn, abs)
		blockers = append(blockers, rel+": "+why)
	}
	return blockers
}

// emptySpec writes a spec with no rules where every run finds it again
// (the temporary directory, named by its content, so that the go
// command's cache keys on the same flags) and returns its path and
// content hash.
func emptySpec() (path, hash string, err error) {
	data := []byte("version: 1\n")
	hash = journal.HashOf(data)
	path = filepath.Join(os.TempDir(), "canonize-empty-"+hash[:16]+".yaml")
	if got, err := os.ReadFile(path); err == nil && bytes.Equal(got, data) {
		return path, hash, nil
	}
	tmp, err := os.CreateTemp(os.TempDir(), "canonize-empty-*.yaml")
	if err != nil {
		return "", "", err
	}
	_, err = tmp.Write(data)
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Rename(tmp.Name(), path) // whole, even with another run writing it too
	}
	if err != nil {
		os.Remove(tmp.Name())
	}
	return path, hash, err
}
