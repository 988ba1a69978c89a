package engine

import (
	"fmt"
	"go/token"
	"strings"
)

// Kind says what becomes of a deprecated site.
type Kind string

// Kinds of deprecated sites.
const (
	KindAuto      Kind = "auto"      // rewritten by a rule
	KindReview    Kind = "review"    // matched by a rule's symbol but not safely rewritable
	KindManual    Kind = "manual"    // a reference no rule rewrites
	KindGenerated Kind = "generated" // in a generated file: regenerate it
	KindInline    Kind = "inline"    // rewritten by Go's inliner: the callee is marked //go:fix inline
	KindOutside   Kind = "outside"   // outside the package patterns given: found and counted, not changed
)

func (k Kind) String() string { return string(k) }

// MarshalText writes the kind's name.
func (k Kind) MarshalText() ([]byte, error) { return []byte(k), nil }

// UnmarshalText accepts a kind's name (or nothing, for canonical sites).
func (k *Kind) UnmarshalText(b []byte) error {
	v := Kind(b)
	switch v {
	case "", KindAuto, KindReview, KindManual, KindGenerated, KindInline, KindOutside:
		*k = v
		return nil
	}
	return fmt.Errorf("unknown site kind %q", b)
}

// Role says whether a site refers to a deprecated or a canonical symbol.
type Role string

// Roles of sites.
const (
	RoleDeprecated Role = "deprecated"
	RoleCanonical  Role = "canonical"
)

func (r Role) String() string { return string(r) }

// MarshalText writes the role's name.
func (r Role) MarshalText() ([]byte, error) { return []byte(r), nil }

// UnmarshalText accepts a role's name.
func (r *Role) UnmarshalText(b []byte) error {
	switch v := Role(b); v {
	case RoleDeprecated, RoleCanonical:
		*r = v
		return nil
	}
	return fmt.Errorf("unknown site role %q", b)
}

// Site is one reference in user code to a deprecated or canonical symbol.
type Site struct {
	Path   string `json:"path"` // slash path relative to the root
	Line   int    `json:"line"`
	Col    int    `json:"col"`
	Symbol string `json:"symbol"`
	Role   Role   `json:"role"`
	Rule   string `json:"rule,omitempty"`
	Kind   Kind   `json:"kind,omitempty"` // deprecated sites only
	Reason string `json:"reason,omitempty"`
	Via    string `json:"via,omitempty"` // the re-export a site went through
	// Replacement is what the deprecated symbol's rule puts in its place.
	Replacement string `json:"replacement,omitempty"`

	// The fields below link a site to the code for the later stages;
	// they are not part of any report.

	// ViaKey is the key of the re-export the site went through.
	ViaKey string `json:"-"`
	// InReexport is the key of the re-export whose declaration holds the site.
	InReexport string `json:"-"`
	// Pos and End span the site's reference (or, for an auto site, the
	// matched expression) in the loaded file set; EndLine and EndCol are
	// End as a position (0 when unknown), for reports that mark a span.
	Pos     token.Pos `json:"-"`
	End     token.Pos `json:"-"`
	EndLine int       `json:"-"`
	EndCol  int       `json:"-"`
	// Func and Text identify a deprecated site across edits that move
	// it (package baseline): the function declaration holding it
	// (EnclosingFunc) and the normalised text (NormalText) of its
	// expression: the call when the reference is called, else the
	// reference; for an auto site, the matched expression.
	Func string `json:"-"`
	Text string `json:"-"`
	// Package is the import path of the file's package, an external test
	// package folded into the package it tests.
	Package string `json:"-"`
	// Generated is set for a site in a generated file.
	Generated bool `json:"-"`
	// Inline is set for a use of a symbol marked //go:fix inline, found
	// by Go's inliner rather than by a rule.
	Inline bool `json:"-"`
	// Withheld is set for a site a rule or the inliner rewrote whose
	// rewrite was refused when its file was checked: the rewritten file
	// (or its package) does not type-check, its changed API breaks an
	// importer, or it does not render with its phase's deletions. Its
	// Kind is then review, and Reason says which.
	Withheld bool `json:"-"`
}

func (s Site) String() string {
	return fmt.Sprintf("%s:%d:%d", s.Path, s.Line, s.Col)
}

// Rewritten reports whether a phase rewrites the site: a rule's or the
// inliner's.
func (s Site) Rewritten() bool {
	return s.Role == RoleDeprecated && (s.Kind == KindAuto || s.Kind == KindInline)
}

// Left reports whether the site is a deprecated one no phase rewrites:
// a person must act on it.
func (s Site) Left() bool {
	return s.Role == RoleDeprecated && (s.Kind == KindReview || s.Kind == KindManual)
}

// DisplayKey turns a key into the name users write: "websocket.GetFactory".
func DisplayKey(key string) string {
	path := key
	rest := ""
	slash := strings.LastIndexByte(key, '/')
	if i := strings.IndexByte(key[slash+1:], '.'); i >= 0 {
		path, rest = key[:slash+1+i], key[slash+2+i:]
	}
	return path[strings.LastIndexByte(path, '/')+1:] + "." + rest
}
