// Package diag holds the positioned message every stage reports: a
// package that does not load, a withheld file, a warning. It owns the
// message's shape and its text form, nothing else.
package diag

import (
	"fmt"
	"go/token"
	"path/filepath"
	"strings"
)

// Diagnostic is a positioned message.
type Diagnostic struct {
	Pos token.Position
	Msg string
}

func (d Diagnostic) String() string {
	if d.Pos.Filename == "" {
		return d.Msg
	}
	return fmt.Sprintf("%s: %s", d.Pos, d.Msg)
}

// Rel returns d with its file named relative to root when it lies
// inside it (slash-separated), as users see paths.
func (d Diagnostic) Rel(root string) Diagnostic {
	d.Pos.Filename = RelTo(root, d.Pos.Filename)
	return d
}

// RelTo returns path relative to root, slash-separated, when it is an
// absolute path inside root; otherwise path as it is.
func RelTo(root, path string) string {
	if !filepath.IsAbs(path) || !Within(root, path) {
		return path
	}
	rel, err := filepath.Rel(root, path)
	if err != nil {
		return path
	}
	return filepath.ToSlash(rel)
}

// Within reports whether path lies at or below root.
func Within(root, path string) bool {
	rel, err := filepath.Rel(root, path)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator))
}
