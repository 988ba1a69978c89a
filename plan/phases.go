package plan

import (
	"path"
	"strings"
)

// matchPackage returns the first pattern the directory of the file at rel
// matches: "./chat/..." matches chat and below, "./chat" only chat.
func matchPackage(patterns []string, rel string) string {
	dir := path.Dir(rel)
	for _, pat := range patterns {
		p := strings.TrimPrefix(strings.TrimPrefix(pat, "./"), ".")
		if rest, ok := strings.CutSuffix(p, "/..."); ok || p == "..." {
			if p == "..." || dir == rest || strings.HasPrefix(dir, rest+"/") {
				return pat
			}
			continue
		}
		if dir == strings.TrimSuffix(p, "/") || (p == "" && dir == ".") {
			return pat
		}
	}
	return ""
}

// matchAnyGlob matches a slash path against globs where * and ? stay in
// one path element and ** spans any number of them.
func matchAnyGlob(globs []string, p string) bool {
	for _, g := range globs {
		if matchGlob(strings.Split(g, "/"), strings.Split(p, "/")) {
			return true
		}
	}
	return false
}

func matchGlob(g, p []string) bool {
	if len(g) == 0 {
		return len(p) == 0
	}
	if g[0] == "**" {
		for i := 0; i <= len(p); i++ {
			if matchGlob(g[1:], p[i:]) {
				return true
			}
		}
		return false
	}
	if len(p) == 0 {
		return false
	}
	ok, _ := path.Match(g[0], p[0])
	return ok && matchGlob(g[1:], p[1:])
}
