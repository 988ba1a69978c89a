package migrate

import (
	"bytes"
	"io/fs"

	"github.com/canonize/canonize/engine"
)

// Source is what the plan reads of a file: where it is, its package and
// module, and what keeps it out of the host build.
type Source struct {
	Abs       string // absolute path
	Rel       string // slash path relative to the root
	PkgPath   string // its package's import path
	Module    *Module
	Generated bool
	Test      bool
	// Constrained says, when the host does not compile the file, what
	// keeps it out as its author wrote it ("//go:build darwin", "file
	// name _windows"), or else the configuration that compiles it;
	// empty when the host compiles it.
	Constrained string
}

// Module is the module a file lies in: its path, go.mod and go version.
type Module struct {
	Path, GoMod, GoVersion string
}

// File is one file's content through the phases.
type File struct {
	Source Source
	Old    []byte      // as it is
	New    []byte      // after the exports, production and tests phases
	Final  []byte      // after cleanup too; nil when cleanup does not change it or is blocked
	Mode   fs.FileMode // permission bits
	// Sites counts the sites rewritten in it; Rules are their rules, in
	// order. Inlined counts those of them the inliner rewrites.
	Sites   int
	Rules   []*engine.Rule
	Inlined int
	// ViaExport is set when a rewritten site went through a re-export.
	ViaExport bool
	// ExportDeletes and CleanupDeletes name the declarations the exports
	// and cleanup phases delete from it.
	ExportDeletes  []string
	CleanupDeletes []string
}

// Changed reports whether phases 1-3 change the file.
func (f *File) Changed() bool { return !bytes.Equal(f.New, f.Old) }

// Cleanup is what the cleanup phase deletes, or why it cannot yet.
type Cleanup struct {
	Deletes   int      // declarations to delete
	Blocked   bool     // references remain, or the deletion does not type-check
	BlockedBy []string // "path:line:col: why" of each blocker
}
