// Package analyzer exposes canonize's engine as a go/analysis Analyzer,
// so that the go command can run it once per package, in its own small
// process, and cache each package's result:
//
//	go vet -vettool=$(which canonize) ./...
//	go fix -fixtool=$(which canonize) -diff ./...
//
// One diagnostic is reported per deprecated site: its Category is the
// site's kind (auto, review, manual, generated), its message names the
// replacement symbols, and an auto site carries a SuggestedFix whose
// edits, applied together with the other fixes of its file, give the
// bytes the engine's rendering gives for that package (imports
// included). Canonical sites are not reported.
//
// Re-exports (var F = pkg.Deprecated; a function forwarding its
// parameters to one) are exported as facts on their objects, so a call
// through a facade declared in another package is found without a view
// of the whole program.
//
// # The spec
//
// Without flags, the spec is canonize.yaml in the module (or workspace)
// root above the package. The go command keys its cache on the tool's
// identity (-V=full), which hashes the executable and the spec found
// from the go command's working directory, so a changed spec never
// replays stale results. Another spec is named with -canonize.spec=FILE
// (absolute, or relative to the package's directory) together with
// -canonize.spechash=SHA256 of its content: the flags are part of the
// cache key, and the hash makes the content part of it too; a spec
// whose content does not have that hash is refused.
//
// # Site records, for canonize's commands
//
// canonize check computes compliance, which needs the canonical sites
// too, and a baseline key for each deprecated site; neither is in a
// diagnostic a user should see. With -canonize.sites (canonize's
// commands pass it; a user's go vet -vettool does not), the pass also
// reports, besides the diagnostics above:
//
//   - one diagnostic of Category "canonize-files" per package, at its
//     first file's package clause, whose message is the JSON list of the
//     files (absolute) the pass analysed: the driver takes each file's
//     sites from the first build configuration that compiled it;
//   - one diagnostic of Category "canonize-site" per site, deprecated or
//     canonical, whose message is a SiteRecord in JSON: position and
//     end, symbol, role, rule, kind, reason, replacement, the function
//     and normalised text a baseline keys on, the package, whether the
//     file is generated, and the keys linking the site to re-exports;
//   - one diagnostic of Category "canonize-decls" per package declaring
//     deprecated API in its non-test, non-generated files, whose
//     message is the JSON list of those declarations (DeclRecord: key,
//     name, file and the span the cleanup phase deletes);
//   - one diagnostic of Category "canonize-render" per file declaring
//     a re-export of a deprecated symbol or a deprecated declaration:
//     its rendering with all of them deleted (below), made ahead of
//     any decision.
//
// Deciding what the exports and cleanup phases delete needs every
// caller, which no pass sees: canonize's commands decide it from all the
// records, take the speculative rendering of each file where the
// decision deletes exactly what it assumed (its keys are in the record),
// and run the packages holding the other files again with
// -canonize.delete={"exports": [keys], "cleanup": [keys]}, adding
// "inline": {file: [fixes]} for a file whose rules' and Go inliner's
// fixes are to be rendered together. The pass then reports, per file
// holding such a declaration or fixes, a "canonize-render" diagnostic
// whose message is a RenderRecord: the file's content after the
// exports phase (its rewrites too) and after cleanup, or the error the
// package gives when type-checked so.
//
// A rewrite that type-checks in its package but changes the package's
// exported API (a type rule rewriting a signature) is withheld: one
// pass cannot see the importers it may break. Under -canonize.sites the
// pass then also reports a "canonize-api" diagnostic per such file,
// whose message is an APIRecord: the file as rewritten and the sites it
// rewrites. canonize's commands type-check every importer with that
// content in place and, where all of them build, run the package again
// with the file in -canonize.delete's "api" list, and the pass offers
// the rewrite.
//
// -canonize.cleanedup says the cleanup phase has deleted the deprecated
// API (canonize's commands pass it once the journal records cleanup): a
// rule whose deprecated symbol is gone then matches nothing instead of
// failing the pass.
//
// -canonize.config=NAME names the build configuration the pass runs in:
// the reasons it withholds a rewrite say it ("rewrite does not
// type-check (darwin/arm64): …"), and a site's record says the rewrite
// is withheld in a field of its own (SiteRecord.Withheld), so that no
// driver reads the reason's words. canonize's commands pass it in every
// configuration, which also keys the go command's cached results of
// configurations apart (see driver.vetConfigs).
//
// The flag is part of what the go command keys its cache on, so results
// with records and without are cached apart, and a re-run with the flag
// over an unchanged package replays its records. Without the flag
// nothing changes: a user's output has only the deprecated sites.
//
// # Limits of this pass today
//
// It sees one package and its dependencies' export data. Before a fix is
// offered the package is type-checked again with its rewritten files in
// place (a package the rewrite newly imports is read from the export
// data go list -export gives); a file whose rewrite does not check, or
// would import its own package or close an import cycle, gets no fix and
// its sites are review sites naming the error. Its fixes do not delete
// re-export declarations or deprecated declarations (the exports and
// cleanup phases need every caller): only under -canonize.delete,
// which canonize's commands pass once they have seen every package,
// does it render the deletions. It covers the build configuration the
// go command was given, where canonize's own commands cover every
// configuration the module's files need.
//
// A package move (move:, to:) is expanded from the destination package,
// and a template file (templates:) is type-checked, with the packages
// the pass depends on and, for a destination or a template import the
// package does not depend on, the export data file -canonize.export
// names (a JSON object of import path to file; canonize check passes
// the files go list -export gives, whose names change with the
// packages' content, so the cache key does too). Without the flag (a
// user's own go vet), a pass skips a move whose destination, or a
// template one of whose imports, it does not depend on; canonize's
// commands apply those. The template files themselves are never
// scanned, and the tool's identity hashes them with the spec.
package analyzer
