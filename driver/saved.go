package driver

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"sort"

	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/plan"
)

// specKey is the Hashes entry of the spec itself.
const specKey = "(spec)"

// Stamped returns a copy of the plan that records the hash of every
// file the plan changes, as it is now, of each phase's files before and
// after, and of the spec, so that a saved plan can refuse a changed tree.
func (r *Result) Stamped() (*plan.Plan, error) {
	data, err := r.specData()
	if err != nil {
		return nil, fmt.Errorf("hash spec: %w", err)
	}
	p := *r.Plan
	p.Hashes = map[string]string{specKey: journal.HashOf(data)}
	for _, c := range r.All {
		p.Hashes[c.Path] = journal.HashOf(c.Old)
	}
	p.Phases = nil
	for i, ph := range r.Plan.Phases {
		cp := *ph
		cp.Files = nil
		for j, f := range ph.Files {
			fc := *f
			ch := r.Order.Phases[i].Files[j]
			fc.BeforeHash, fc.AfterHash = journal.HashOf(ch.Before), journal.HashOf(ch.After)
			cp.Files = append(cp.Files, &fc)
		}
		p.Phases = append(p.Phases, &cp)
	}
	return &p, nil
}

// StalePhase lists how phase n of the tree as it is now differs from
// phase n of the saved plan: a file whose content is not what the saved
// plan would rewrite, or whose rewrite would differ, or that either plan
// lacks; and the spec. Earlier phases applied since do not make it stale.
func (r *Result) StalePhase(saved *plan.Plan, n int) []string {
	var out []string
	data, err := r.specData()
	if err != nil || journal.HashOf(data) != saved.Hashes[specKey] {
		out = append(out, r.Spec.Path+": changed since the plan was saved")
	}
	old, cur := saved.Phase(n), r.Order.Phase(n)
	if old == nil || cur == nil {
		return append(out, fmt.Sprintf("phase %d: not in both plans", n))
	}
	was := map[string]*plan.PlanFile{}
	for _, f := range old.Files {
		was[f.Path] = f
	}
	for _, f := range cur.Files {
		w, ok := was[f.Path]
		switch {
		case !ok:
			out = append(out, f.Path+": not in phase "+fmt.Sprint(n)+" of the saved plan")
		case w.BeforeHash != journal.HashOf(f.Before):
			out = append(out, f.Path+": changed since the plan was saved")
		case w.AfterHash != journal.HashOf(f.After):
			out = append(out, f.Path+": would be rewritten differently than the saved plan says")
		}
		delete(was, f.Path)
	}
	for _, p := range slices.Sorted(maps.Keys(was)) {
		out = append(out, p+": in the saved plan, no longer in phase "+fmt.Sprint(n))
	}
	sort.Strings(out)
	return out
}

// ReadPlan reads a plan saved with Stamped and report.WriteJSON.
func ReadPlan(path string) (*plan.Plan, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read plan: %w", err)
	}
	var p plan.Plan
	if err := json.Unmarshal(data, &p); err != nil {
		return nil, fmt.Errorf("%s: not a saved plan: %w", path, err)
	}
	if len(p.Hashes) == 0 {
		return nil, fmt.Errorf("%s: plan was not saved with -o (no file hashes)", path)
	}
	return &p, nil
}

// specData is the spec's content: nothing for the default spec of a
// tree that has none (a spec written since makes a saved plan stale).
// SpecHash is the sha256, in hex, of the spec's content as it is now
// (of no bytes for the default spec of a tree without one).
func (r *Result) SpecHash() (string, error) {
	data, err := r.specData()
	if err != nil {
		return "", fmt.Errorf("hash spec: %w", err)
	}
	return journal.HashOf(data), nil
}

func (r *Result) specData() ([]byte, error) {
	data, err := os.ReadFile(r.Spec.Path)
	if r.Spec.Implicit && errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	return data, err
}

// Stale lists what changed since saved was made: files whose content no
// longer has the saved hash, files the migration now changes that the
// saved plan did not know, and the spec.
func (r *Result) Stale(saved *plan.Plan) []string {
	var out []string
	for path, want := range saved.Hashes {
		var data []byte
		var err error
		if path == specKey {
			data, err = r.specData()
			path = r.Spec.Path
		} else {
			data, err = os.ReadFile(filepath.Join(r.Root, filepath.FromSlash(path)))
		}
		switch {
		case err != nil:
			out = append(out, path+": missing")
		case journal.HashOf(data) != want:
			out = append(out, path+": changed since the plan was saved")
		}
	}
	for _, c := range r.All {
		if _, ok := saved.Hashes[c.Path]; !ok {
			out = append(out, c.Path+": not in the saved plan")
		}
	}
	sort.Strings(out)
	return out
}
