package migrate

import (
	"go/types"
)

// Reaches reports whether p imports path, directly or not: a rewrite
// that adds an import of p to path's package makes a cycle.
func Reaches(p *types.Package, path string) bool { return reaches(p, path, map[string]bool{}) }

func reaches(p *types.Package, path string, seen map[string]bool) bool {
	for _, q := range p.Imports() {
		if q.Path() == path {
			return true
		}
		if !seen[q.Path()] {
			seen[q.Path()] = true
			if reaches(q, path, seen) {
				return true
			}
		}
	}
	return false
}
