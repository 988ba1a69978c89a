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
// files the host build excludes need: each such file under the
// directories the patterns name (every module's by default) goes to the
// first configuration that compiles it, as Load decides.
func OtherConfigs(root string, patterns []string) ([]ConfigDirs, error) {
	if len(patterns) == 0 {
		var err error
		if patterns, err = modulePatterns(root); err != nil {
			return nil, err
		}
	}
	ws := &Workspace{Root: root}
	host := build.Default
	byKey := map[string]*ConfigDirs{}
	for _, f := range ws.unlistedFiles(patterns) {
		if ok, err := host.MatchFile(filepath.Dir(f), filepath.Base(f)); err != nil || ok {
			continue
		}
		cfg, ok := configFor(f)
		if !ok || cfg.String() == Host().String() {
			continue
		}
		cd := byKey[cfg.String()]
		if cd == nil {
			cd = &ConfigDirs{Config: cfg}
			byKey[cfg.String()] = cd
		}
		cd.Dirs = appendUnique(cd.Dirs, filepath.Dir(f))
	}
	out := make([]ConfigDirs, 0, len(byKey))
	for _, cd := range byKey {
		sort.Strings(cd.Dirs)
		out = append(out, *cd)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Config.String() < out[j].Config.String() })
	return out, nil
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
