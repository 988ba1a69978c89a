package load

import (
	"go/build"
	"go/build/constraint"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
)

// BuildConfig is one GOOS/GOARCH/tags combination packages are loaded under.
type BuildConfig struct {
	GOOS, GOARCH string
	Tags         []string
	Cgo          bool
}

func (c BuildConfig) String() string {
	s := c.GOOS + "/" + c.GOARCH
	if c.Cgo != build.Default.CgoEnabled && c.GOOS == runtime.GOOS && c.GOARCH == runtime.GOARCH {
		if c.Cgo {
			s += " cgo"
		} else {
			s += " !cgo"
		}
	}
	if len(c.Tags) > 0 {
		s += " tags=" + strings.Join(c.Tags, ",")
	}
	return s
}

func (c BuildConfig) env() []string {
	cgo := "0"
	if c.Cgo {
		cgo = "1"
	}
	return append(os.Environ(), "GOOS="+c.GOOS, "GOARCH="+c.GOARCH, "CGO_ENABLED="+cgo)
}

// Host is the build configuration of the machine canonize runs on.
func Host() BuildConfig {
	return BuildConfig{GOOS: runtime.GOOS, GOARCH: runtime.GOARCH, Cgo: build.Default.CgoEnabled}
}

// Platforms are tried in this order for files the host excludes.
var platforms = [][2]string{
	{"linux", "amd64"}, {"darwin", "arm64"}, {"darwin", "amd64"}, {"windows", "amd64"},
	{"freebsd", "amd64"}, {"openbsd", "amd64"}, {"netbsd", "amd64"}, {"dragonfly", "amd64"},
	{"solaris", "amd64"}, {"illumos", "amd64"}, {"aix", "ppc64"}, {"android", "arm64"},
	{"ios", "arm64"}, {"js", "wasm"}, {"wasip1", "wasm"}, {"plan9", "amd64"},
	{"linux", "arm64"}, {"linux", "386"}, {"linux", "arm"}, {"windows", "arm64"}, {"windows", "386"},
	{"linux", "riscv64"}, {"linux", "ppc64le"}, {"linux", "s390x"}, {"linux", "loong64"},
	{"linux", "mips64"}, {"linux", "ppc64"}, {"linux", "mips"},
}

// configFor finds a configuration whose build includes the file: the
// host platform first, then others, each with the largest subset of the
// custom tags the file's constraint mentions.
func configFor(file string) (BuildConfig, bool) {
	tags := customTags(file)
	host := Host()
	type cand struct {
		goos, goarch string
		cgo          bool
	}
	// The host first, with cgo as it is and then flipped (for //go:build
	// !cgo files); other platforms cross-compile without cgo.
	cands := []cand{{host.GOOS, host.GOARCH, host.Cgo}, {host.GOOS, host.GOARCH, !host.Cgo}}
	for _, pl := range platforms {
		cands = append(cands, cand{pl[0], pl[1], false})
	}
	for _, c := range cands {
		for _, sub := range subsets(tags) {
			ctx := build.Default
			ctx.GOOS, ctx.GOARCH, ctx.BuildTags, ctx.CgoEnabled = c.goos, c.goarch, sub, c.cgo
			ok, err := ctx.MatchFile(filepath.Dir(file), filepath.Base(file))
			if err == nil && ok {
				return BuildConfig{GOOS: c.goos, GOARCH: c.goarch, Tags: sub, Cgo: c.cgo}, true
			}
		}
	}
	return BuildConfig{}, false
}

// customTags returns the tags of the file's //go:build line that are not
// platforms, toolchains or release tags. "ignore" is never offered: such
// files are not part of any package.
func customTags(file string) []string {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil
	}
	set := map[string]bool{}
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if strings.HasPrefix(line, "package ") {
			break
		}
		if !constraint.IsGoBuild(line) {
			continue
		}
		expr, err := constraint.Parse(line)
		if err != nil {
			continue
		}
		expr.Eval(func(tag string) bool {
			if !knownTag(tag) {
				set[tag] = true
			}
			return false
		})
	}
	var out []string
	for t := range set {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func knownTag(tag string) bool {
	if strings.HasPrefix(tag, "go1.") || tag == "ignore" || tag == "cgo" || tag == "gc" || tag == "gccgo" || tag == "unix" {
		return true
	}
	for _, pl := range platforms {
		if tag == pl[0] || tag == pl[1] {
			return true
		}
	}
	return false
}

// subsets lists the subsets of tags, largest first (tags are few).
func subsets(tags []string) [][]string {
	if len(tags) > 6 {
		return [][]string{tags, nil}
	}
	var out [][]string
	for mask := (1 << len(tags)) - 1; mask >= 0; mask-- {
		var s []string
		for i, t := range tags {
			if mask&(1<<i) != 0 {
				s = append(s, t)
			}
		}
		out = append(out, s)
	}
	sort.SliceStable(out, func(i, j int) bool { return len(out[i]) > len(out[j]) })
	return out
}
