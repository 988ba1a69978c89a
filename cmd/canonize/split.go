package main

import (
	"bytes"
	"fmt"
	"io"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/driver"
	"github.com/canonize/canonize/internal/udiff"
	"github.com/canonize/canonize/owners"
	"github.com/canonize/canonize/report"
)

// byOwner keeps the files of one owner share: those whose owner group
// (as plan prints it) is owner. An owner the plan has no file for is an
// error naming the groups it has.
func byOwner(res *driver.Result, files []fileDiff, owner string) ([]fileDiff, error) {
	groups := map[string]string{} // path -> group
	known := map[string]bool{}
	for _, ph := range res.Plan.Phases {
		for _, sh := range ph.Shares {
			known[sh.Owner] = true
			for _, p := range sh.Files {
				groups[p] = sh.Owner
			}
		}
	}
	if !known[owner] {
		return nil, &exitCode{2, fmt.Errorf("--owner %q: no file of the plan has that owner group (groups: %s)", owner, strings.Join(slices.Sorted(maps.Keys(known)), ", "))}
	}
	var out []fileDiff
	for _, f := range files {
		if groups[f.path] == owner {
			out = append(out, f)
		}
	}
	return out, nil
}

// patchFile is one file --split writes.
type patchFile struct {
	name string
	data []byte
}

// splitPatches renders one patch per phase and owner share, each with
// its description, and an index; blocked phases are listed in the
// index, not written.
func splitPatches(res *driver.Result) ([]patchFile, error) {
	var out []patchFile
	var index bytes.Buffer
	fmt.Fprintf(&index, "# Migration %s, split by phase and owner\n\nApply the phases in order; the patches of one phase apply in any order.\n\n| phase | owner | files | sites | compliance after | patch |\n|---|---|---|---|---|---|\n", res.Plan.Name)
	for _, ph := range res.Plan.Phases {
		ord := res.Order.Phase(ph.Number)
		if ph.Blocked {
			fmt.Fprintf(&index, "| %d. %s | | | | blocked | not written: %d reference(s) to resolve first |\n", ph.Number, ph.Name, len(ph.BlockedBy))
			continue
		}
		for _, sh := range ph.Shares {
			base := fmt.Sprintf("%d-%s-%s", ph.Number, ph.Name, slug(sh.Owner))
			var patch bytes.Buffer
			for _, f := range ord.Changes() {
				if slices.Contains(sh.Files, f.Path) {
					patch.Write(udiff.Unified(f.Path, f.Before, f.After))
				}
			}
			if patch.Len() == 0 {
				continue
			}
			var md bytes.Buffer
			if err := report.WriteShareMarkdown(&md, res.Plan, ph, sh, base+".patch"); err != nil {
				return nil, err
			}
			out = append(out, patchFile{base + ".patch", patch.Bytes()}, patchFile{base + ".md", md.Bytes()})
			fmt.Fprintf(&index, "| %d. %s | %s | %d | %d | %.1f%% | [%s.patch](%s.patch) ([description](%s.md)) |\n", ph.Number, ph.Name, sh.Owner, len(sh.Files), sh.Sites, sh.ComplianceAfter, base, base, base)
		}
	}
	return append(out, patchFile{"README.md", index.Bytes()}), nil
}

// writeSplit writes the patches into dir, which must not exist or be
// empty: nothing is written otherwise.
func writeSplit(dir string, files []patchFile) error {
	if entries, err := os.ReadDir(dir); err == nil && len(entries) > 0 {
		return &exitCode{2, fmt.Errorf("%s: --split needs a new or empty directory; it holds %d entries", dir, len(entries))}
	} else if err != nil && !os.IsNotExist(err) {
		return &exitCode{2, err}
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return &exitCode{2, err}
	}
	for _, f := range files {
		if err := os.WriteFile(filepath.Join(dir, f.name), f.data, 0o644); err != nil {
			return &exitCode{2, err}
		}
	}
	return nil
}

// slug turns an owner group into a file name part.
func slug(group string) string {
	if group == owners.Unowned {
		return "unowned"
	}
	s := strings.Map(func(r rune) rune {
		if r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '.' || r == '_' {
			return r
		}
		return '-'
	}, strings.ReplaceAll(group, "@", ""))
	return strings.Trim(s, "-")
}

// runSplit writes the split patches and says where.
func runSplit(stderr io.Writer, res *driver.Result, dir string) error {
	files, err := splitPatches(res)
	if err != nil {
		return err
	}
	if err := writeSplit(dir, files); err != nil {
		return err
	}
	fmt.Fprintf(stderr, "canonize: wrote %d patch(es) with their descriptions and README.md to %s\n", (len(files)-1)/2, dir)
	if err := problems(stderr, res); err != nil {
		return err
	}
	if len(files) > 1 {
		return &exitCode{1, nil}
	}
	return nil
}

// shareFiles lists the files of owner group owner's share of phase n,
// for apply --owner; nil without --owner. A group the phase has no
// share for is an error naming those it has.
func shareFiles(res *driver.Result, n int, owner string) ([]string, error) {
	if owner == "" {
		return nil, nil
	}
	ph := res.Plan.Phase(n)
	if ph == nil {
		return nil, nil // apply says the phase does not exist
	}
	var groups []string
	for _, sh := range ph.Shares {
		if sh.Owner == owner {
			return sh.Files, nil
		}
		groups = append(groups, sh.Owner)
	}
	return nil, &exitCode{2, fmt.Errorf("--owner %q: phase %d (%s) has no share for that owner group (it has: %s)", owner, n, ph.Name, strings.Join(groups, ", "))}
}
