package owners

import (
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/hmarr/codeowners"
)

// Unowned is the group name of files no rule gives an owner.
const Unowned = "(unowned)"

// Locations are where GitHub and GitLab look for CODEOWNERS, relative
// to the repository root, in the order canonize tries them.
var Locations = []string{".github/CODEOWNERS", ".gitlab/CODEOWNERS", "CODEOWNERS", "docs/CODEOWNERS"}

// Error is a malformed CODEOWNERS line or owners: entry.
type Error struct {
	File string
	Line int
	Msg  string
}

func (e *Error) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
	}
	return e.File + ": " + e.Msg
}

// Rules answer a file's owners. The zero value owns nothing.
type Rules struct {
	Source   string // where the rules came from, as the user names it
	prefix   string // the module root's slash path below the repository root
	sections []*section
}

// section is one GitHub file or one GitLab [Section].
type section struct {
	name     string
	defaults []string
	rules    []rule
}

type rule struct {
	match  codeowners.Rule
	owners []string
	line   int
}

// Of returns the owners of a file (slash path relative to the root), in
// the order the rules name them, without repeats; nil when unowned.
func (r *Rules) Of(rel string) []string {
	if r == nil {
		return nil
	}
	rel = path.Join(r.prefix, rel)
	var out []string
	for _, s := range r.sections {
		for i := len(s.rules) - 1; i >= 0; i-- {
			if ok, _ := s.rules[i].match.Match(rel); ok {
				out = appendNew(out, s.rules[i].owners...)
				break
			}
		}
	}
	return out
}

// Group names the reviewers of a file as one string, its owners joined
// by spaces, or Unowned: files with the same group go in the same share.
func Group(owners []string) string {
	if len(owners) == 0 {
		return Unowned
	}
	return strings.Join(owners, " ")
}

// Empty reports whether no rule was read.
func (r *Rules) Empty() bool { return r == nil || len(r.sections) == 0 }

// Find locates the repository's CODEOWNERS above or at dir: in the
// first directory upward holding one of Locations (or a .git). It
// returns "" when there is none.
func Find(dir string) string {
	for d := dir; ; d = filepath.Dir(d) {
		for _, loc := range Locations {
			p := filepath.Join(d, filepath.FromSlash(loc))
			if st, err := os.Stat(p); err == nil && st.Mode().IsRegular() {
				return p
			}
		}
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil || filepath.Dir(d) == d {
			return ""
		}
	}
}

var (
	sectionLine = regexp.MustCompile(`^(\^)?\[([^\]]+)\](\[\d+\])?(\s+.*)?$`)
	// GitLab allows nested groups (@org/group/team), GitHub one level.
	nestedGroup = regexp.MustCompile(`\A@[A-Za-z0-9_.\-]+(/[A-Za-z0-9_.\-]+)+\z`)
)

// Parse reads CODEOWNERS text; name is the file as the user names it.
// Patterns are relative to the repository root; prefix is the module
// root's path below it ("" when they are the same), so that Of takes
// module-relative paths.
func Parse(name string, data []byte, prefix string) (*Rules, error) {
	r := &Rules{Source: name, prefix: prefix}
	cur := &section{}
	r.sections = append(r.sections, cur)
	for i, line := range strings.Split(string(data), "\n") {
		n := i + 1
		line = strings.TrimSpace(strings.TrimSuffix(line, "\r"))
		if line == "" || line[0] == '#' {
			continue
		}
		if line[0] == '[' || strings.HasPrefix(line, "^[") {
			sec, err := parseSection(line)
			if err != nil {
				return nil, &Error{File: name, Line: n, Msg: err.Error()}
			}
			cur = sec
			r.sections = append(r.sections, cur)
			continue
		}
		ru, err := parseRule(line, cur.defaults)
		if err != nil {
			return nil, &Error{File: name, Line: n, Msg: err.Error()}
		}
		ru.line = n
		cur.rules = append(cur.rules, ru)
	}
	return r, nil
}

func parseSection(line string) (*section, error) {
	m := sectionLine.FindStringSubmatch(line)
	if m == nil {
		return nil, fmt.Errorf("malformed section header %q: want [Name], ^[Name], [Name][n], then default owners", line)
	}
	sec := &section{name: strings.TrimSpace(m[2])}
	for _, o := range strings.Fields(m[4]) {
		if _, err := owner(o); err != nil {
			return nil, err
		}
		sec.defaults = append(sec.defaults, o)
	}
	return sec, nil
}

// parseRule parses one "pattern owner..." line with the library, whose
// gitignore-style matching is the part worth not rewriting.
func parseRule(line string, defaults []string) (rule, error) {
	rs, err := codeowners.ParseFile(strings.NewReader(line), codeowners.WithOwnerMatchers(matchers))
	if err != nil {
		return rule{}, errors.New(strings.TrimPrefix(err.Error(), "line 1: "))
	}
	ru := rule{match: rs[0]}
	for _, o := range rs[0].Owners {
		ru.owners = append(ru.owners, o.String())
	}
	if len(ru.owners) == 0 {
		ru.owners = defaults
	}
	return ru, nil
}

var matchers = []codeowners.OwnerMatcher{
	codeowners.OwnerMatchFunc(codeowners.MatchEmailOwner),
	codeowners.OwnerMatchFunc(func(s string) (codeowners.Owner, error) {
		if nestedGroup.MatchString(s) {
			return codeowners.Owner{Value: s[1:], Type: codeowners.TeamOwner}, nil
		}
		return codeowners.Owner{}, codeowners.ErrNoMatch
	}),
	codeowners.OwnerMatchFunc(codeowners.MatchUsernameOwner),
}

// owner checks one owner word.
func owner(s string) (string, error) {
	for _, m := range matchers {
		if o, err := m.Match(s); err == nil {
			return o.String(), nil
		}
	}
	return "", fmt.Errorf("invalid owner %q: want @user, @org/team or an email address", s)
}

func appendNew(list []string, items ...string) []string {
	for _, it := range items {
		dup := false
		for _, x := range list {
			dup = dup || x == it
		}
		if !dup {
			list = append(list, it)
		}
	}
	return list
}

// Entry is one owners: line of the spec: a CODEOWNERS pattern and its
// owners, at a line of the spec.
type Entry struct {
	Pattern string
	Owners  []string
	Line    int
}

// Check reports what is wrong with one CODEOWNERS line made of pattern
// and owners, or nil.
func Check(pattern string, owners []string) error {
	_, err := parseRule(strings.Join(append([]string{pattern}, owners...), " "), nil)
	if err != nil {
		// Positions count in a line the user did not write.
		return errors.New(atPosition.ReplaceAllString(err.Error(), ""))
	}
	return nil
}

var atPosition = regexp.MustCompile(` at position \d+`)

// FromEntries builds rules from the spec's owners: list (file is the
// spec's name), with CODEOWNERS' meaning: patterns relative to the
// module root, the last match wins.
func FromEntries(file string, entries []Entry) (*Rules, error) {
	sec := &section{}
	for _, e := range entries {
		line := e.Pattern
		for _, o := range e.Owners {
			line += " " + o
		}
		ru, err := parseRule(line, nil)
		if err != nil {
			return nil, &Error{File: file, Line: e.Line, Msg: "owners: " + err.Error()}
		}
		ru.line = e.Line
		sec.rules = append(sec.rules, ru)
	}
	return &Rules{Source: file + " (owners:)", sections: []*section{sec}}, nil
}
