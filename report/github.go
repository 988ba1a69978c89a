package report

import (
	"fmt"
	"io"
	"strings"

	"github.com/canonize/canonize/engine"
)

// WriteGitHub prints each shown site as a GitHub Actions workflow
// command, which the runner turns into an annotation on the line:
//
//	::warning file=chat/h.go,line=12,col=3,endLine=12,endColumn=40,title=…::message
//
// review and manual sites are warnings, the others notices (see level).
// Against a baseline, the sites fixed since are one notice. Columns are
// counted as SARIF counts them, in UTF-16 code units, where the file's
// bytes are known.
func WriteGitHub(w io.Writer, c *Check) error {
	pw := &errWriter{w: w}
	cols := newColumns(c.Files)
	for _, s := range c.Shown() {
		cmd := "warning"
		if level(s.Kind) == "note" {
			cmd = "notice"
		}
		props := []string{"file=" + ghProperty(s.Path), fmt.Sprintf("line=%d", s.Line), fmt.Sprintf("col=%d", cols.col(s.Path, s.Line, s.Col))}
		if s.EndLine > 0 {
			props = append(props, fmt.Sprintf("endLine=%d", s.EndLine), fmt.Sprintf("endColumn=%d", cols.col(s.Path, s.EndLine, s.EndCol)))
		}
		props = append(props, "title="+ghProperty(ghTitle(s)))
		pw.printf("::%s %s::%s\n", cmd, strings.Join(props, ","), ghData(checkMessage(s)))
	}
	if b := c.Baseline; b != nil && len(b.Fixed) > 0 {
		n := 0
		for _, e := range b.Fixed {
			n += e.Count
		}
		msg := fmt.Sprintf("%d deprecated site%s fixed since %s: run canonize baseline -o %s to record it", n, plural(n), b.File, b.File)
		pw.printf("::notice title=%s::%s\n", ghProperty("canonize baseline"), ghData(msg))
	}
	return pw.err
}

func ghTitle(s engine.Site) string {
	if s.Rule != "" {
		return fmt.Sprintf("canonize: deprecated %s (rule %s)", s.Symbol, s.Rule)
	}
	return "canonize: deprecated " + s.Symbol
}

// ghData escapes a workflow command's message as the runner unescapes
// it (actions/toolkit's escapeData): '%', CR and LF.
func ghData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

// ghProperty escapes a property value (escapeProperty): ':' and ','
// delimit properties, so they are escaped too.
func ghProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}
