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
	"github.com/canonize/canonize/vettool"
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
// analysed it, host first.
//
// A go command that fails is an error (*vetrun.CommandError), as is an
// analyzer that fails (*AnalysisError). The packages that do not
// type-check are problems; the files of the
// packages needing them are not scanned, each with a warning, as the
// load leaves them (go vet analyses none of them).
// The plan's phases are not computed: check prints sites and
// compliance only.
func Check(opts Options) (*Result, error) {
	root, sp, err := rootAndSpec(opts)
	if err != nil {
		return nil, err
	}
	m, req, err := vetAll(opts, root, sp, fingerprintOf(root), nil)
	if err != nil {
		return nil, err
	}
	sites := m.siteList()
	var changes []Change
	if len(m.api) > 0 || opts.ExactChanges { // only SARIF's fixes print the files' content
		fixes := m.inlineFixes()
		changed, unrendered := m.changes(fixes)
		api, err := m.checkAPIChanges(req, sites, changed)
		if err != nil {
			return nil, err
		}
		if opts.ExactChanges {
			if changes, err = m.exactChanges(req, sites, fixes, api, unrendered); err != nil {
				return nil, err
			}
		}
	}
	p, _ := plan.Build(plan.Input{Spec: sp, Sites: sites})
	return &Result{Root: root, Spec: sp, Sites: sites, Plan: p, Changes: changes, Warnings: m.warnings, Problems: m.problems}, nil
}

// vetAll runs go vet as Check does and merges what every configuration
// reported. hostDone, if set, is called when the host configuration's
// run ends. fp is the tree's fingerprint (fingerprintOf).
func vetAll(opts Options, root string, sp *spec.Spec, fp string, hostDone func()) (*checkMerge, vetrun.Request, error) {
	if opts.Tool == "" {
		return nil, vetrun.Request{}, errors.New("no executable to run as go vet's tool (Options.Tool)")
	}
	req, unplaced, err := checkRequest(opts, root, sp)
	if err != nil {
		return nil, req, err
	}
	req.HostDone = hostDone
	setFingerprints(root, &req, fp)
	only, err := patternFilter(root, opts.Patterns)
	if err != nil {
		return nil, req, err
	}
	if err := addViewExports(context.Background(), root, &req, viewPackages(sp)); err != nil {
		return nil, req, err
	}
	if opts.Progress != nil {
		opts.Progress(fmt.Sprintf("go vet in %d configuration(s)", len(req.Configs)))
		req.Progress = packagesDone("go vet", len(req.Configs), opts.Progress)
	}
	results, err := vetrun.RunEach(context.Background(), req)
	if ce := (*vetrun.CommandError)(nil); errors.As(err, &ce) {
		// The go command could not load the tree (a missing module, a
		// go.mod that does not parse): its own words, as for a listing.
		return nil, req, &load.Error{Msg: strings.TrimSpace(ce.Stderr)}
	}
	if err != nil {
		return nil, req, err
	}
	problems, needs, err := vetProblems(root, req.Dir, results)
	if ae := (*AnalysisError)(nil); errors.As(err, &ae) {
		// A pass fails on a spec that does not compile against the
		// code (a rule's types, a template); the rules compiled here say
		// where, as a *spec.Error.
		if _, _, cerr := compileByExport(context.Background(), root, sp, hostConfig(), opts.CleanedUp, fp); cerr != nil {
			return nil, req, cerr
		}
	}
	if err != nil {
		return nil, req, err
	}
	m := mergeChecks(root, req.Configs, results)
	m.unplaced, m.only, m.problems = unplaced, only, problems
	if err := m.noteCgo(); err != nil {
		return nil, req, err
	}
	m.dropUnanalysable(needs)
	return m, req, nil
}

// exactChanges gives each changed file's exact content after phases
// 1-3 (ExactChanges, for SARIF's fixes), from the rendered fixes and
// the API changes checkAPIChanges kept: where the exports phase
// deletes a re-export declaration (the Analyzer offers no edit deleting
// one: it cannot know every caller is rewritten), and where the rules'
// and the inliner's fixes of a file do not combine as bytes, the second
// pass Plan runs renders the file; a file it cannot render is withheld
// (withholdFailed).
func (m *checkMerge) exactChanges(req vetrun.Request, sites []engine.Site, fixes map[string][][]migrate.TextEdit, api apiDecision, unrendered []string) ([]Change, error) {
	changes := api.changed
	dels := decideDeletions(m, sites)
	dels.flag.Cleanup = nil // phases 1-3
	dels.flag.API = api.accepted
	dels.flag.Inline = m.inlineRenders(fixes, unrendered, dels)
	if len(dels.flag.Exports)+len(dels.flag.Inline) == 0 {
		return changes, nil
	}
	renders, failed, err := renderDeletions(req, m, dels)
	if err != nil {
		return nil, err
	}
	m.withholdFailed(sites, failed, &dels)
	changes = slices.DeleteFunc(changes, func(c Change) bool { return failed[c.Abs] != "" })
	byAbs := map[string]int{}
	for i, c := range changes {
		byAbs[c.Abs] = i
	}
	for _, abs := range slices.Sorted(maps.Keys(renders)) {
		i, ok := byAbs[abs]
		if !ok {
			old, err := os.ReadFile(abs)
			if err != nil {
				return nil, err
			}
			changes = append(changes, Change{Path: m.rel(abs), Abs: abs, Old: old})
			i = len(changes) - 1
		}
		changes[i].New = []byte(renders[abs].New)
	}
	slices.SortFunc(changes, func(a, b Change) int { return strings.Compare(a.Path, b.Path) })
	return changes, nil
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
		// No spec: only //go:fix inline directives.
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
		args, abs, err := specFlags(sp)
		if err != nil {
			return vetrun.Request{}, nil, err
		}
		req.Args = append(req.Args, args...)
		// The tool's identity then covers the spec's templates too.
		req.Env = append(slices.Clip(req.Env), vettool.SpecEnv+"="+abs)
	}
	return req, unplaced, nil
}

// specFlags names a spec other than the module's to the Analyzer, with
// the hash of its content: flags are part of the go command's cache
// key, the file's content is not. abs is the spec's absolute path.
func specFlags(sp *spec.Spec) (args []string, abs string, err error) {
	if abs, err = filepath.Abs(sp.Path); err != nil {
		return nil, "", err
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, "", fmt.Errorf("hash spec: %w", err)
	}
	return []string{"-canonize.spec=" + abs, "-canonize.spechash=" + journal.HashOf(data)}, abs, nil
}

// setFingerprints gives each configuration its fingerprint, for its run
// to be replayed while what it reads is unchanged: the host's vets every
// module package, so it is the tree's (fp); another configuration vets
// the directories that need it, so it is theirs and their imports'
// (load.FingerprintReach): an edit in a file they cannot read replays
// them.
func setFingerprints(root string, req *vetrun.Request, fp string) {
	if len(req.Configs) == 0 {
		return
	}
	req.Configs[0].Fingerprint = fp
	var sets [][]string
	for _, cfg := range req.Configs[1:] {
		sets = append(sets, cfg.Patterns)
	}
	if len(sets) == 0 {
		return
	}
	digests, err := load.FingerprintReach(root, sets)
	if err != nil {
		return // no replay: the go command runs
	}
	for i, d := range digests {
		req.Configs[i+1].Fingerprint = d
	}
}

// fingerprintOf is the tree's fingerprint (load.Fingerprint), or ""
// where it has none: with it, the go command runs of an unchanged tree
// are replayed (vetrun.Config.Fingerprint).
func fingerprintOf(root string) string {
	if fp, ok, err := load.Fingerprint(root); err == nil && ok {
		return fp
	}
	return ""
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
// Each configuration passes the Analyzer -canonize.config=NAME, which
// the pass names in the reasons it withholds a rewrite, and which keys
// the configurations' results apart in the go command's cache: the go
// command keys a package's vet result on its compile action, its tool
// and flags, not on whether it was vetted as a root or only as a
// dependency for facts (then with no diagnostics), so where two
// configurations compile a package alike (cgo on and off, for a
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
	host.Patterns, host.Args = patterns, []string{"-canonize.config=" + host.Name}
	cfgs := []vetrun.Config{host}
	for _, o := range others {
		name := o.Config.String()
		cfgs = append(cfgs, vetrun.Config{Name: name, Env: o.Config.Env(), Flags: o.Config.Flags(), Patterns: o.Dirs,
			Args: []string{"-canonize.config=" + name}})
	}
	return cfgs, unplaced, nil
}
