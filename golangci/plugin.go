package golangci

import (
	"fmt"

	"github.com/golangci/plugin-module-register/register"
	"golang.org/x/tools/go/analysis"

	"github.com/canonize/canonize/analyzer"
)

func init() { register.Plugin("canonize", New) }

// Settings are the plugin's settings in golangci-lint's configuration.
type Settings struct {
	Spec     string `json:"spec"`     // the spec file; default: canonize.yaml of each package's module
	SpecHash string `json:"spechash"` // the sha256 (hex) of the spec's content; required with Spec
}

// New is the plugin's constructor golangci-lint calls with the settings.
func New(conf any) (register.LinterPlugin, error) {
	s, err := register.DecodeSettings[Settings](conf)
	if err != nil {
		return nil, fmt.Errorf("canonize: %w", err)
	}
	if s.Spec != "" && s.SpecHash == "" {
		return nil, fmt.Errorf("canonize: settings name spec %s without spechash (its sha256): golangci-lint would replay results cached under another spec", s.Spec)
	}
	return plugin{s}, nil
}

type plugin struct{ s Settings }

// BuildAnalyzers gives golangci-lint canonize's Analyzer with the
// settings as its flags.
func (p plugin) BuildAnalyzers() ([]*analysis.Analyzer, error) {
	a := analyzer.New()
	for name, v := range map[string]string{"spec": p.s.Spec, "spechash": p.s.SpecHash} {
		if v == "" {
			continue
		}
		if err := a.Flags.Set(name, v); err != nil {
			return nil, fmt.Errorf("canonize: setting %s: %w", name, err)
		}
	}
	return []*analysis.Analyzer{a}, nil
}

// GetLoadMode says the Analyzer needs types.
func (plugin) GetLoadMode() string { return register.LoadModeTypesInfo }
