package driver

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"golang.org/x/sync/errgroup"

	"github.com/canonize/canonize/spec"
	"github.com/canonize/canonize/vetrun"
)

// viewPackages are the packages one pass may need and not depend on: a
// move's destination (the package the code moves to is new to it) and
// every package a template file imports (after may name what before
// does not), sorted. The Analyzer reads their export data from the
// files check lists for it.
func viewPackages(sp *spec.Spec) []string {
	var pkgs []string
	for _, mv := range sp.Moves {
		pkgs = append(pkgs, mv.To)
	}
	for _, r := range sp.Rules {
		if r.Go == nil {
			continue
		}
		for _, path := range r.Go.Imports {
			if path != "unsafe" && path != "C" {
				pkgs = append(pkgs, path)
			}
		}
	}
	slices.Sort(pkgs)
	return slices.Compact(pkgs)
}

// addViewExports gives every configuration of req the Analyzer's
// -canonize.export flag: the export data files go list -export names
// for pkgs in that configuration. A file's name holds the go command's
// hash of its package, so a changed destination changes the flag, and
// with it the cache key of every pass: no result computed from the old
// one is replayed.
func addViewExports(ctx context.Context, root string, req *vetrun.Request, pkgs []string) error {
	if len(pkgs) == 0 {
		return nil
	}
	// The packages may lie anywhere in the tree, beyond what a
	// configuration's own fingerprint covers: the tree's (the host's).
	whole := req.Configs[0].Fingerprint
	var g errgroup.Group
	for i := range req.Configs {
		cfg := &req.Configs[i]
		g.Go(func() error {
			files, err := listExports(ctx, root, *cfg, pkgs, false, whole)
			if err != nil {
				return err
			}
			data, err := json.Marshal(files)
			if err != nil {
				return err
			}
			cfg.Args = append(cfg.Args, "-canonize.export="+string(data))
			return nil
		})
	}
	return g.Wait()
}

// listExports runs go list -export for pkgs in cfg. With tolerant, a
// package that cannot be listed or built is left out instead of failing
// the run (go list -e). With the tree's fingerprint, an unchanged tree's
// listing is replayed while every export file it names is still in the
// build cache.
func listExports(ctx context.Context, root string, cfg vetrun.Config, pkgs []string, tolerant bool, fp string) (map[string]string, error) {
	args := []string{"list", "-export", "-f", "{{.ImportPath}} {{.Export}}"}
	if tolerant {
		args = append(args, "-e")
	}
	args = append(append(append(args, cfg.Flags...), "--"), pkgs...)
	env := append(os.Environ(), cfg.Env...)
	out, err := vetrun.GoOutput(ctx, root, env, fp, args, func(out []byte) bool { return exportFilesExist(parseExports(out)) })
	var ce *vetrun.CommandError
	switch {
	case err == nil:
	case !errors.As(err, &ce):
		return nil, err
	case !tolerant:
		return nil, fmt.Errorf("go list -export of the packages the spec moves to or its templates import (%s): %w: %s", cfg.Name, ce.Err, firstLine(ce.Stderr))
	}
	// Tolerant, go list -e printed what it could list.
	return parseExports(out), nil
}

// parseExports reads go list's "path exportfile" lines.
func parseExports(out []byte) map[string]string {
	files := map[string]string{}
	for line := range strings.Lines(string(out)) {
		path, file, ok := strings.Cut(strings.TrimSpace(line), " ")
		if ok && file != "" {
			files[path] = file
		}
	}
	return files
}

// exportFilesExist reports whether every export file is still there (go
// clean -cache, or the cache's trimming, removes them).
func exportFilesExist(files map[string]string) bool {
	for _, f := range files {
		if _, err := os.Stat(f); err != nil {
			return false
		}
	}
	return true
}
