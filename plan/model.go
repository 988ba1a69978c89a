package plan

import "github.com/canonize/canonize/engine"

// Plan is the migration as phases of files, with compliance. It is the
// one data model that the text, JSON and Markdown renderings print.
type Plan struct {
	Name       string        `json:"name,omitempty"`
	Compliance Compliance    `json:"compliance"`
	Phases     []*Phase      `json:"phases"`
	Sites      []engine.Site `json:"sites"`
	Verify     []string      `json:"verify,omitempty"`
	// OwnersFrom names where files' owners were read (a CODEOWNERS file,
	// or the spec's owners:); empty when nobody is named.
	OwnersFrom string `json:"owners_from,omitempty"`
	// Hashes, in a saved plan, is the sha256 of every file the plan
	// reads or writes (and of the spec), to refuse a stale plan.
	Hashes map[string]string `json:"hashes,omitempty"`
}

// Compliance is canonical / (canonical + deprecated) sites, in percent,
// over sites outside generated files.
type Compliance struct {
	Percent    float64             `json:"percent"`
	Deprecated int                 `json:"deprecated"`
	Canonical  int                 `json:"canonical"`
	ByPackage  []PackageCompliance `json:"by_package"`
}

// PackageCompliance is the compliance of one package.
type PackageCompliance struct {
	Package    string  `json:"package"`
	Percent    float64 `json:"percent"`
	Deprecated int     `json:"deprecated"`
	Canonical  int     `json:"canonical"`
}

// Phase is a group of files applied, verified and rolled back together.
type Phase struct {
	Number          int         `json:"number"`
	Name            string      `json:"name"`
	ComplianceAfter float64     `json:"compliance_after"`
	Blocked         bool        `json:"blocked"`
	BlockedBy       []string    `json:"blocked_by,omitempty"`
	Files           []*PlanFile `json:"files"`
	// Shares split the files by owner group (CODEOWNERS): each is one
	// patch to review and can be applied on its own.
	Shares []Share `json:"shares"`
	// Shapes group the phase's rewritten sites by the form of their
	// edit, the most frequent first.
	Shapes []Shape `json:"shapes"`
}

// PlanFile is one file of a phase with its risk tier and the reasons.
type PlanFile struct {
	Path    string   `json:"path"`
	Tier    Tier     `json:"tier"`
	Reasons []string `json:"reasons"`
	Sites   int      `json:"sites"`
	Deletes []string `json:"deletes,omitempty"` // declarations the phase deletes
	// Owners review the file (CODEOWNERS); empty when unowned.
	Owners []string `json:"owners"`
	// BeforeHash and AfterHash (sha256) are set in a saved plan.
	BeforeHash string `json:"before_sha256,omitempty"`
	AfterHash  string `json:"after_sha256,omitempty"`
}

// Phase returns phase n (1-based) or nil.
func (p *Plan) Phase(n int) *Phase {
	if n < 1 || n > len(p.Phases) {
		return nil
	}
	return p.Phases[n-1]
}
