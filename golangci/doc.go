// Package golangci registers canonize's Analyzer as a golangci-lint
// module plugin named "canonize": a golangci-lint built with
// `golangci-lint custom` (or any main package importing this one for its
// side effect) runs it as a linter enabled under linters.settings.custom
// with type: module.
//
// Its settings are the spec, and its hash:
//
//	linters:
//	  settings:
//	    custom:
//	      canonize:
//	        type: module
//	        settings:
//	          spec: canonize.yaml       # optional: found from each package's module otherwise
//	          spechash: 3f2a…           # the spec's sha256: golangci-lint keys its cache on settings
//
// golangci-lint caches results by its configuration and the code, not by
// the spec's content: spechash in the settings ties the cache to the
// spec (the Analyzer refuses a spec whose content does not match), and a
// spec changed without it needs `golangci-lint cache clean`.
//
// It owns the registration and the settings, nothing else: the analysis
// is package analyzer's.
package golangci
