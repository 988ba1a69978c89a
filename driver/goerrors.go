package driver

import "fmt"

// AnalysisError says go vet could not analyse a package for a reason
// other than the code's type errors (those are Result.Problems): an
// analyzer failed on it, or, in the second run rendering the phases'
// deletions (Again), a package the first run analysed could not be.
type AnalysisError struct {
	Package  string // as the go command names it: "p", "p [p.test]"
	Config   string // the build configuration
	Analyzer string // the analyzer that failed, if one did
	Msg      string
	Again    bool
}

func (e *AnalysisError) Error() string {
	what := "go vet could not analyse"
	if e.Again {
		what += " again"
	}
	if e.Analyzer != "" {
		what = "analyzer " + e.Analyzer + " failed on"
	}
	return fmt.Sprintf("%s %s (%s): %s", what, e.Package, e.Config, firstLine(e.Msg))
}
