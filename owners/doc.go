// Package owners decides who reviews each file: it reads a CODEOWNERS
// file (GitHub's syntax, and GitLab's sections) or the spec's owners:
// list, and answers a file's owners as those hosts would.
//
// Matching follows the hosts: gitignore-style patterns (via
// github.com/hmarr/codeowners), and within a section the last matching
// line wins. GitHub has one section; GitLab's [Section] headers (with
// ^ for optional sections, [n] for approval counts, and default owners
// after the header) each give their own last match, and a file's owners
// are those of every section that matches it, in file order. A line
// whose pattern has no owners (and no section default) leaves the file
// unowned in that section, as on GitHub.
//
// It owns parsing and matching only: which files a phase changes and how
// shares are rendered belong to packages plan and report.
package owners
