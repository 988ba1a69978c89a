package driver

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/canonize/canonize/engine"
	"github.com/canonize/canonize/journal"
	"github.com/canonize/canonize/load"
	"github.com/canonize/canonize/migrate"
	"github.com/canonize/canonize/plan"
	"github.com/canonize/canonize/spec"
	"github.com/canonize/canonize/vetrun"
)

// Engine names how a Result was computed.
type Engine string

// Engines.
const (
	// EngineLoad is the whole-program load (Run).
	EngineLoad Engine = "load"
	// EngineGoCommand is canonize's Analyzer run by the go command (go
	// vet -vettool), one process per package, cached per package.
	EngineGoCommand Engine = "go command"
)

// Check computes what canonize check reports — the sites, with
// canonical ones, compliance, and, with opts.ExactChanges, the content
// of each file after its fixes — through the go command instead of
// loading the program: go vet -vettool=opts.Tool -json -canonize.sites
// over every module in the host configuration and over the directories each other build
// configuration needs (load.OtherConfigs, a walk of the tree, no go
// list), in parallel. An unchanged module re-checked is a replay of the
// go command's cache.
//
// Each file's sites are taken from the first configuration that
// analysed it, host first, as the whole-program load places a file.
//
// Where the go command cannot give what check prints, Check falls back
// to Run and says why in Result.Fallback (see fallbackReason,
// vetFallback and vetProblems): no tool, or a go command that fails.
// The packages that do not type-check are problems; the files of the
// packages needing them are not scanned, each with a warning, as the
// load leaves them (go vet analyses none of them).
// The plan's phases are not computed: check prints sites and
// compliance only.
func Check(opts Options) (*Result, error) {
	root, sp, err := rootAndSpec(opts)
	if err != nil {
		return nil, err
	}
	if why := fallbackReason(opts, sp); why != "" {
		return fallback(opts, why)
	}
	m, req, why, err := vetAll(opts, root, sp, nil)
	if err != nil || why != "" {
		return fallbackOr(opts, why, err)
	}
	sites := m.siteList()
	var changes []Change
	if len(m.api) > 0 || opts.ExactChanges { // only SARIF's fixes print the files' content
		fixes := m.inlineFixes()
		changed, unrendered := m.changes(fixes)
		api, why, err := m.checkAPIChanges(req, sites, changed)
		if err != nil || why != "" {
			return fallbackOr(opts, why, err)
		}
		if opts.ExactChanges {
			if changes, why, err = m.exactChanges(req, sites, fixes, api, unrendered); err != nil || why != "" {
				return fallbackOr(opts, why, err)
			}
		}
	}
	p, _ := plan.Build(plan.Input{Spec: sp, Sites: sites})
	return &Result{Root: root, Spec: sp, Sites: sites, Plan: p, Changes: changes, Warnings: m.warnings, Problems: m.problems, Engine: EngineGoCommand}, nil
}

// vetAll runs go vet as Check does and merges what every configuration
// reported; why says why the results cannot stand for the tree.
// hostDone, if set, is called when the host configuration's run ends.
func vetAll(opts Options, root string, sp *spec.Spec, hostDone func()) (*checkMerge, vetrun.Request, string, error) {
	req, unplaced, err := checkRequest(opts, root, sp)
	if err != nil {
		return nil, req, "", err
	}
	req.HostDone = hostDone
	only, err := patternFilter(root, opts.Patterns)
	if err != nil {
		return nil, req, "", err
	}
	if err := addViewExports(context.Background(), root, &req, viewPackages(sp)); err != nil {
		return nil, req, err.Error(), nil
	}
	if opts.Progress != nil {
		opts.Progress(fmt.Sprintf("go vet in %d configuration(s)", len(req.Configs)))
		req.Progress = packagesDone("go vet", len(req.Configs), opts.Progress)
	}
	results, err := vetrun.RunEach(context.Background(), req)
	if why := vetFallback(results, err); why != "" {
		return nil, req, why, nil
	}
	if err != nil {
		return nil, req, "", err
	}
	problems, needs, why, err := vetProblems(root, req.Dir, results)
	if err != nil || why != "" {
		return nil, req, why, err
	}
	m := mergeChecks(root, req.Configs, results)
	m.unplaced, m.only, m.problems = unplaced, only, problems
	if err := m.noteCgo(); err != nil {
		return nil, req, "", err
	}
	m.dropUnanalysable(needs)
	return m, req, "", nil
}

// fallbackOr falls back for why, or returns err.
func fallbackOr(opts Options, why string, err error) (*Result, error) {
	if err != nil {
		return nil, err
	}
	return fallback(opts, why)
}

// fallbackReason says why opts cannot go through the go command, or "".
func fallbackReason(opts Options, sp *spec.Spec) string {
	switch {
	case opts.Tool == "":
		return "no executable to run as go vet's tool"
	}
	return ""
}

// vetFallback says why the go command's results cannot stand for the
// tree, or "": a run that failed outright (packages that do not
// type-check are vetProblems').
func vetFallback(results []*vetrun.Result, err error) string {
	var ce *vetrun.CommandError
	if errors.As(err, &ce) {
		return "go vet failed (" + ce.Config + "): " + firstLine(ce.Stderr)
	}
	return ""
}

// exactChanges gives each changed file's exact content after phases
// 1-3 (ExactChanges, for SARIF's fixes), from the rendered fixes and
// the API changes checkAPIChanges kept: where the exports phase
// deletes a re-export declaration (the Analyzer offers no edit deleting
// one: it cannot know every caller is rewritten), and where the rules'
// and the inliner's fixes of a file do not combine as bytes, the second
// pass Plan runs renders the file. why says why it cannot.
func (m *checkMerge) exactChanges(req vetrun.Request, sites []engine.Site, fixes map[string][][]migrate.TextEdit, api apiDecision, unrendered []string) ([]Change, string, error) {
	changes := api.changed
	dels := decideDeletions(m, sites)
	dels.flag.Cleanup = nil // phases 1-3
	dels.flag.API = api.accepted
	var why string
	if dels.flag.Inline, why = m.inlineRenders(fixes, unrendered, dels); why != "" {
		return nil, why + " (for SARIF's fixes)", nil
	}
	if len(dels.flag.Exports)+len(dels.flag.Inline) == 0 {
		return changes, "", nil
	}
	renders, why, err := renderDeletions(req, m, dels)
	if err != nil || why != "" {
		return nil, why, err
	}
	byAbs := map[string]int{}
	for i, c := range changes {
		byAbs[c.Abs] = i
	}
	for _, abs := range slices.Sorted(maps.Keys(renders)) {
		i, ok := byAbs[abs]
		if !ok {
			old, err := os.ReadFile(abs)
			if err != nil {
				return nil, "", err
			}
			changes = append(changes, Change{Path: m.rel(abs), Abs: abs, Old: old})
			i = len(changes) - 1
		}
		changes[i].New = []byte(renders[abs].New)
	}
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return changes, "", nil
}

// fallback runs the whole-program load and records why.
func fallback(opts Options, why string) (*Result, error) {
	res, err := Run(opts)
	if err != nil {
		return nil, err
	}
	res.Engine, res.Fallback = EngineLoad, why
	return res, nil
}

// checkRequest is the go vet run check needs: canonize's Analyzer with
// its site records, and Go's inliner unless the spec turns it off; a
// tree without a spec runs the inliner alone.
func checkRequest(opts Options, root string, sp *spec.Spec) (vetrun.Request, []string, error) {
	cfgs, unplaced, err := vetConfigs(root)
	if err != nil {
		return vetrun.Request{}, nil, err
	}
	req := vetrun.Request{Dir: root, Tool: opts.Tool, Env: opts.ToolEnv, Configs: cfgs}
	if sp.Implicit {
		// No spec: only //go:fix inline directives, as Run does.
		req.Args, req.Env = []string{"-inline", "-inline.sites"}, inlineOnlyEnv(opts.ToolEnv)
		return req, unplaced, nil
	}
	req.Args = []string{"-canonize.sites"}
	if opts.CleanedUp {
		req.Args = append(req.Args, "-canonize.cleanedup")
	}
	switch {
	case sp.Inline.Off:
		req.Args = append(req.Args, "-canonize")
	case sp.Inline.AllowBindingDecl:
		req.Args = append(req.Args, "-inline.sites", "-inline.allow_binding_decl=true")
	default:
		req.Args = append(req.Args, "-inline.sites")
	}
	if opts.SpecFile != "" {
		args, err := specFlags(sp)
		if err != nil {
			return vetrun.Request{}, nil, err
		}
		req.Args = append(req.Args, args...)
	}
	return req, unplaced, nil
}

// specFlags names a spec other than the module's to the Analyzer, with
// the hash of its content: flags are part of the go command's cache
// key, the file's content is not.
func specFlags(sp *spec.Spec) ([]string, error) {
	abs, err := filepath.Abs(sp.Path)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("hash spec: %w", err)
	}
	return []string{"-canonize.spec=" + abs, "-canonize.spechash=" + journal.HashOf(data)}, nil
}

// hostConfig is the host's build configuration, without patterns.
func hostConfig() vetrun.Config {
	host := load.Host()
	return vetrun.Config{Name: host.String(), Env: host.Env()}
}

// vetConfigs are the build configurations go vet runs in: the host over
// every module, and each other configuration the tree's files need over
// the directories that need it (load.OtherConfigs, a walk, no go list);
// and, from the same walk, the files no configuration compiles.
//
// Each other configuration passes the Analyzer -canonize.config=NAME,
// which the pass ignores, to key its results apart in the go command's
// cache: the go command keys a package's vet result on its compile
// action, its tool and flags, not on whether it was vetted as a root or
// only as a dependency for facts (then with no diagnostics), so where
// two configurations compile a package alike (cgo on and off, for a
// package without cgo), the one that vetted it as a dependency would
// hand the other an empty result.
func vetConfigs(root string) ([]vetrun.Config, []string, error) {
	patterns, err := load.ModulePatterns(root)
	if err != nil {
		return nil, nil, err
	}
	others, unplaced, err := load.OtherConfigsAndUnplaced(root)
	if err != nil {
		return nil, nil, err
	}
	host := hostConfig()
	host.Patterns = patterns
	cfgs := []vetrun.Config{host}
	for _, o := range others {
		name := o.Config.String()
		cfgs = append(cfgs, vetrun.Config{Name: name, Env: o.Config.Env(), Flags: o.Config.Flags(), Patterns: o.Dirs,
			Args: []string{"-canonize.config=" + name}})
	}
	return cfgs, unplaced, nil
}
