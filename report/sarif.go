package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"reflect"

	"github.com/canonize/canonize/baseline"
	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/internal/linediff"
)

// sarifSchema is the published SARIF 2.1.0 schema (OASIS, errata 01),
// the one testdata/sarif holds and the tests validate against.
const sarifSchema = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// Rule ids of the sites no spec rule names; a spec rule of the same id
// would take it, so these get a suffix then (freeID).
const (
	deprecatedRuleID = "canonize/deprecated"
	inlineRuleID     = "canonize/inline"
)

// fingerprintKey names canonize's fingerprint in partialFingerprints:
// code scanning matches results across runs by it, so a line moved by
// an unrelated edit keeps its alert.
const fingerprintKey = "canonizeSite/v1"

// WriteSARIF prints every deprecated site as a SARIF 2.1.0 result of a
// run of canonize: one reportingDescriptor per spec rule (and one for
// deprecated symbols no rule rewrites and one for //go:fix inline
// symbols, when such sites occur), each result with its region, a level
// by kind (see level), a fingerprint, and, for a site canonize rewrites,
// a fix. Against a baseline each counted site has a baselineState (new
// or unchanged) and the run's properties say what was fixed since.
//
// A fix is the change of the site's whole file (phases 1-3), as line
// replacements: exactly the bytes canonize diff writes for it. A file
// with several rewritten sites gives each the same fix: the rewrites of
// one file share their import edits (and may share lines), so no fix of
// one site alone is both exact and safe to apply alone.
func WriteSARIF(w io.Writer, c *Check) error {
	sw := &sarifWriter{c: c, cols: newColumns(c.Files), extras: map[string]string{}, fixes: map[string][]sarifFix{}}
	run := sarifRun{Tool: sarifTool{Driver: sarifDriver{Name: "canonize", Version: c.Tool,
		InformationURI: "https://github.com/canonize/canonize"}}, ColumnKind: "utf16CodeUnits"}
	sw.rules(&run.Tool.Driver)
	seen := map[string]int{}
	for _, s := range c.Plan.Sites {
		if s.Role != engine.RoleDeprecated {
			continue
		}
		run.Results = append(run.Results, sw.result(s, &run.Tool.Driver, seen))
	}
	if b := c.Baseline; b != nil {
		run.Properties = &sarifRunProps{Baseline: &baselineJSON{File: b.File, New: len(b.New), Known: b.Known, Fixed: b.Fixed}}
	}
	log := sarifLog{Schema: sarifSchema, Version: "2.1.0", Runs: []sarifRun{run}}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false) // messages hold "<", ">" and "&" as they are
	return enc.Encode(withLists(reflect.ValueOf(log)).Interface())
}

type sarifWriter struct {
	c      *Check
	cols   *columns
	index  map[string]int        // rule id -> index in the driver's rules
	extras map[string]string     // extra rule's base id -> its id
	fixes  map[string][]sarifFix // by path, computed once per file
}

// rules describes each spec rule, in the spec's order.
func (sw *sarifWriter) rules(d *sarifDriver) {
	sw.index = map[string]int{}
	if sw.c.Spec == nil {
		return
	}
	for _, r := range sw.c.Spec.Rules {
		short := fmt.Sprintf("Replace %s with %s", r.Match.Text, r.Replace.Text)
		if r.Delete {
			short = fmt.Sprintf("Delete calls %s", r.Match.Text)
		}
		full := short
		if r.Note != "" {
			full = short + ": " + r.Note
		}
		sw.add(d, sarifRule{ID: r.ID, ShortDescription: sarifMessage{Text: short}, FullDescription: &sarifMessage{Text: full},
			Help:       &sarifMessage{Text: "canonize rewrites each use this rule matches: canonize diff shows the change, canonize apply makes it. A use it cannot rewrite safely is reported with the reason, for a person."},
			Properties: sarifRuleProps{Tags: []string{"deprecation"}, Risk: string(r.Risk)}})
	}
}

func (sw *sarifWriter) add(d *sarifDriver, r sarifRule) {
	r.DefaultConfiguration = sarifConfig{Level: "warning"}
	sw.index[r.ID] = len(d.Rules)
	d.Rules = append(d.Rules, r)
}

// ruleOf returns the index of the rule a site reports under, describing
// an extra rule the first time a site needs it.
func (sw *sarifWriter) ruleOf(s engine.Site, d *sarifDriver) int {
	if s.Rule != "" {
		if _, ok := sw.index[s.Rule]; !ok { // not in the spec given: described by its id
			sw.add(d, sarifRule{ID: s.Rule, ShortDescription: sarifMessage{Text: "Rule " + s.Rule},
				Properties: sarifRuleProps{Tags: []string{"deprecation"}}})
		}
		return sw.index[s.Rule]
	}
	base := deprecatedRuleID
	if s.Inline {
		base = inlineRuleID
	}
	if id, ok := sw.extras[base]; ok {
		return sw.index[id]
	}
	r := extraRule(base)
	r.ID = freeID(base, sw.index)
	sw.extras[base] = r.ID
	sw.add(d, r)
	return sw.index[r.ID]
}

// extraRule describes the sites of no spec rule.
func extraRule(id string) sarifRule {
	r := sarifRule{ID: id, Properties: sarifRuleProps{Tags: []string{"deprecation"}}}
	if id == inlineRuleID {
		r.ShortDescription = sarifMessage{Text: "Use of a symbol marked //go:fix inline"}
		r.FullDescription = &sarifMessage{Text: "The symbol's declaration says //go:fix inline: Go's inliner replaces each use by the symbol's body, as go fix -inline does; canonize apply runs it."}
		return r
	}
	r.ShortDescription = sarifMessage{Text: "Use of a deprecated symbol no rule rewrites"}
	r.FullDescription = &sarifMessage{Text: "The spec lists the symbol as deprecated and no rule rewrites this use: a person must replace it."}
	return r
}

// freeID is id, or id with a suffix that no rule in taken has.
func freeID(id string, taken map[string]int) string {
	for n, base := 2, id; ; n++ {
		if _, ok := taken[id]; !ok {
			return id
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}

// result is the SARIF result of one site; seen counts the sites of each
// baseline key so far, to tell identical calls apart in fingerprints.
func (sw *sarifWriter) result(s engine.Site, d *sarifDriver, seen map[string]int) sarifResult {
	idx := sw.ruleOf(s, d)
	r := sarifResult{RuleID: d.Rules[idx].ID, RuleIndex: idx, Level: level(s.Kind), Message: sarifMessage{Text: checkMessage(s)},
		Locations:  []sarifLocation{{PhysicalLocation: sarifPhysical{ArtifactLocation: artifact(s.Path), Region: sw.region(s)}}},
		Properties: sarifResultProps{Kind: string(s.Kind), Symbol: s.Symbol, Replacement: s.Replacement, Reason: s.Reason, Func: s.Func}}
	k := baseline.KeyOf(s)
	key := k.Path + "\x00" + k.Func + "\x00" + k.Symbol + "\x00" + k.TextSHA256
	sum := sha256.Sum256([]byte(fmt.Sprintf("%s\x00%d", key, seen[key])))
	seen[key]++
	r.PartialFingerprints = map[string]string{fingerprintKey: hex.EncodeToString(sum[:16])}
	if b := sw.c.Baseline; b != nil && baseline.Counted(s) {
		r.BaselineState = "unchanged"
		if b.IsNew(s) {
			r.BaselineState = "new"
		}
	}
	if s.Rewritten() {
		r.Fixes = sw.fileFix(s.Path)
	}
	return r
}

func artifact(path string) sarifArtifact {
	return sarifArtifact{URI: (&url.URL{Path: path}).String(), URIBaseID: "%SRCROOT%"}
}

// region is the site's span: its reference, or for an auto site the
// matched expression.
func (sw *sarifWriter) region(s engine.Site) sarifRegion {
	r := sarifRegion{StartLine: s.Line, StartColumn: sw.cols.col(s.Path, s.Line, s.Col)}
	if s.EndLine > 0 {
		r.EndLine, r.EndColumn = s.EndLine, sw.cols.col(s.Path, s.EndLine, s.EndCol)
	}
	return r
}

// fileFix is the fix that changes the file at path as phases 1-3 do,
// or nil when its bytes are not known.
func (sw *sarifWriter) fileFix(path string) []sarifFix {
	if f, ok := sw.fixes[path]; ok {
		return f
	}
	src, ok := sw.c.Files[path]
	var fix []sarifFix
	if ok && src.New != nil && string(src.New) != string(src.Old) {
		starts := lineStarts(src.Old)
		var reps []sarifReplacement
		for _, h := range linediff.Hunks(src.Old, src.New) {
			rep := sarifReplacement{DeletedRegion: sarifRegion{}}
			rep.DeletedRegion.StartLine, rep.DeletedRegion.StartColumn = textPos(src.Old, starts, h.Start)
			rep.DeletedRegion.EndLine, rep.DeletedRegion.EndColumn = textPos(src.Old, starts, h.End)
			if len(h.Text) > 0 {
				rep.InsertedContent = &sarifContent{Text: string(h.Text)}
			}
			reps = append(reps, rep)
		}
		fix = []sarifFix{{Description: sarifMessage{Text: "Apply canonize's rewrite of " + path + " (every site in the file, with its imports)"},
			ArtifactChanges: []sarifArtifactChange{{ArtifactLocation: artifact(path), Replacements: reps}}}}
	}
	sw.fixes[path] = fix
	return fix
}
