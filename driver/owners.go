package driver

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/canonize/canonize/owners"
	"github.com/canonize/canonize/spec"
)

// readOwners reads who reviews which file: the spec's owners: list when
// it has one, else the repository's CODEOWNERS (found from the module
// root up to the repository's), else nobody (nil).
func readOwners(root string, sp *spec.Spec) (*owners.Rules, error) {
	if len(sp.Owners) > 0 {
		entries := make([]owners.Entry, len(sp.Owners))
		for i, o := range sp.Owners {
			entries[i] = owners.Entry{Pattern: o.Pattern, Owners: o.Owners, Line: o.Pos.Line}
		}
		return owners.FromEntries(sp.Path, entries)
	}
	path := owners.Find(root)
	if path == "" {
		return nil, nil
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read CODEOWNERS: %w", err)
	}
	repo := filepath.Dir(path)
	if base := filepath.Base(repo); base == ".github" || base == ".gitlab" || base == "docs" {
		repo = filepath.Dir(repo)
	}
	prefix, err := filepath.Rel(repo, root)
	if err != nil {
		return nil, err
	}
	if prefix == "." {
		prefix = ""
	}
	return owners.Parse(specPath(root, path), data, filepath.ToSlash(prefix))
}
