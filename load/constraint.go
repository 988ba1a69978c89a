package load

import (
	"go/ast"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"path/filepath"
	"strings"
)

// Constraint is SourceFile.Constrained for a file the host does not
// compile and cfg does: what keeps it out of the host build as its
// author wrote it, else "builds in cfg". Only its header is parsed.
func Constraint(filename, cfg string) string {
	f, err := parser.ParseFile(token.NewFileSet(), filename, nil, parser.PackageClauseOnly|parser.ParseComments)
	if err == nil {
		if c := constraintOf(f, filename); c != "" {
			return c
		}
	}
	return "builds in " + cfg
}

// constraintOf says what keeps a file out of the host build, as its
// author wrote it: the //go:build line, and the GOOS/GOARCH suffix of
// its name ("_darwin_arm64.go"), whichever it has.
func constraintOf(f *ast.File, filename string) string {
	var parts []string
	for _, g := range f.Comments {
		if g.Pos() >= f.Package {
			break
		}
		for _, c := range g.List {
			if constraint.IsGoBuild(c.Text) {
				parts = append(parts, c.Text)
			}
		}
	}
	if suffix := nameConstraint(filepath.Base(filename)); suffix != "" {
		parts = append(parts, "file name "+suffix)
	}
	return strings.Join(parts, ", ")
}

// nameConstraint returns the _GOOS, _GOARCH or _GOOS_GOARCH suffix of a
// Go file's name, as the go command reads it, or "".
func nameConstraint(name string) string {
	stem := strings.TrimSuffix(strings.TrimSuffix(name, ".go"), "_test")
	parts := strings.Split(stem, "_")
	n := len(parts)
	if n >= 3 && knownOS[parts[n-2]] && knownArch[parts[n-1]] {
		return "_" + parts[n-2] + "_" + parts[n-1]
	}
	if n >= 2 && (knownOS[parts[n-1]] || knownArch[parts[n-1]]) {
		return "_" + parts[n-1]
	}
	return ""
}

var knownOS = setOf("aix android darwin dragonfly freebsd hurd illumos ios js linux nacl netbsd openbsd plan9 solaris wasip1 windows zos")

var knownArch = setOf("386 amd64 amd64p32 arm armbe arm64 arm64be loong64 mips mipsle mips64 mips64le mips64p32 mips64p32le ppc ppc64 ppc64le riscv riscv64 s390 s390x sparc sparc64 wasm")

func setOf(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}
