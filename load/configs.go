package load

import (
	"go/build"
	"path/filepath"
	"sort"
	"strings"
)

// ConfigDirs is a build configuration other than the host's with the
// package directories whose file set it changes.
type ConfigDirs struct {
	Config BuildConfig
	Dirs   []string // absolute, sorted
}

// OtherConfigs finds, without loading anything, the configurations the
// files the host build excludes need: each such file of every module
// goes to the first configuration that compiles it, grouped by
// configuration.
func OtherConfigs(root string) ([]ConfigDirs, error) {
	groups, _, err := otherConfigs(root)
	return groups, err
}

// OtherConfigsAndUnplaced is OtherConfigs, and the files of every
// module no configuration compiles (//go:build ignore, say), which no
// engine scans, from the same walk.
func OtherConfigsAndUnplaced(root string) ([]ConfigDirs, []string, error) {
	return otherConfigs(root)
}

func otherConfigs(root string) ([]ConfigDirs, []string, error) {
	patterns, err := modulePatterns(root)
	if err != nil {
		return nil, nil, err
	}
	host := build.Default
	var excluded []string
	for _, f := range unlistedFiles(root, patterns) {
		if ok, err := host.MatchFile(filepath.Dir(f), filepath.Base(f)); err == nil && !ok {
			excluded = append(excluded, f)
		}
	}
	sort.Strings(excluded)
	groups, unplaced := groupByConfig(excluded)
	return groups, unplaced, nil
}

// groupByConfig gives each file the first configuration that compiles
// it (configFor) and groups the files' directories by configuration,
// sorted by its name; unplaced lists the files no configuration compiles.
func groupByConfig(files []string) (groups []ConfigDirs, unplaced []string) {
	byKey := map[string]*ConfigDirs{}
	for _, f := range files {
		cfg, ok := configFor(f)
		if !ok {
			unplaced = append(unplaced, f)
			continue
		}
		cd := byKey[cfg.String()]
		if cd == nil {
			cd = &ConfigDirs{Config: cfg}
			byKey[cfg.String()] = cd
		}
		cd.Dirs = appendUnique(cd.Dirs, filepath.Dir(f))
	}
	groups = make([]ConfigDirs, 0, len(byKey))
	for _, cd := range byKey {
		sort.Strings(cd.Dirs)
		groups = append(groups, *cd)
	}
	sort.Slice(groups, func(i, j int) bool { return groups[i].Config.String() < groups[j].Config.String() })
	return groups, unplaced
}

// Env is the environment that selects the configuration for the go command.
func (c BuildConfig) Env() []string {
	cgo := "0"
	if c.Cgo {
		cgo = "1"
	}
	return []string{"GOOS=" + c.GOOS, "GOARCH=" + c.GOARCH, "CGO_ENABLED=" + cgo}
}

// Flags are the go command's build flags for the configuration.
func (c BuildConfig) Flags() []string {
	if len(c.Tags) == 0 {
		return nil
	}
	return []string{"-tags=" + strings.Join(c.Tags, ",")}
}

// ConfigFor returns the build configuration a file is loaded in: the
// first that compiles it, the host's before any other. ok is false for a file no configuration compiles.
func ConfigFor(file string) (cfg BuildConfig, ok bool) { return configFor(file) }
