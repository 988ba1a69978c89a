package owners_test

import (
	"errors"
	"slices"
	"testing"

	"github.com/canonize/canonize/owners"
)

func TestOf(t *testing.T) {
	github := `# GitHub: the last matching line wins
*                 @org/platform
*.md              docs@example.com
/chat/            @org/messaging
/chat/legacy/
**/testdata/      @alice @bob
`
	gitlab := `* @org/platform

[Messaging][2] @org/group/messaging
/chat/
/chat/ws.go @carol

^[Security]
/chat/auth/ @org/security
`
	cases := []struct {
		name, file, prefix, path string
		want                     []string
	}{
		{"default", github, "", "main.go", []string{"@org/platform"}},
		{"extension", github, "", "docs/x.md", []string{"docs@example.com"}},
		{"directory", github, "", "chat/room.go", []string{"@org/messaging"}},
		{"anchored", github, "", "x/chat/room.go", []string{"@org/platform"}},
		{"no owners: unowned", github, "", "chat/legacy/old.go", nil},
		{"two owners", github, "", "chat/testdata/a.go", []string{"@alice", "@bob"}},
		{"module below the repository", github, "svc", "room.go", []string{"@org/platform"}},
		{"prefix reaches a directory", "/svc/chat/ @org/messaging\n", "svc", "chat/room.go", []string{"@org/messaging"}},
		{"gitlab: sections add up", gitlab, "", "chat/room.go", []string{"@org/platform", "@org/group/messaging"}},
		{"gitlab: last match in a section", gitlab, "", "chat/ws.go", []string{"@org/platform", "@carol"}},
		{"gitlab: optional section", gitlab, "", "chat/auth/login.go", []string{"@org/platform", "@org/group/messaging", "@org/security"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			r, err := owners.Parse("CODEOWNERS", []byte(c.file), c.prefix)
			if err != nil {
				t.Fatal(err)
			}
			if got := r.Of(c.path); !slices.Equal(got, c.want) {
				t.Errorf("Of(%q) = %q, want %q", c.path, got, c.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	for _, c := range []struct{ text, want string }{
		{"*  @ok\n/chat/ messaging\n", `CODEOWNERS:2: invalid owner format 'messaging' at position 8`},
		{"[Broken\n", `CODEOWNERS:1: malformed section header "[Broken": want [Name], ^[Name], [Name][n], then default owners`},
		{"[S] nobody\n", `CODEOWNERS:1: invalid owner "nobody": want @user, @org/team or an email address`},
	} {
		_, err := owners.Parse("CODEOWNERS", []byte(c.text), "")
		var oe *owners.Error
		if !errors.As(err, &oe) || err.Error() != c.want {
			t.Errorf("Parse(%q) = %v, want %s", c.text, err, c.want)
		}
	}
}

func TestFromEntries(t *testing.T) {
	r, err := owners.FromEntries("canonize.yaml", []owners.Entry{
		{Pattern: "*", Owners: []string{"@org/all"}, Line: 3},
		{Pattern: "/admin/", Owners: []string{"@org/admin"}, Line: 5},
	})
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Of("admin/x.go"); !slices.Equal(got, []string{"@org/admin"}) {
		t.Errorf("Of(admin/x.go) = %q", got)
	}
	_, err = owners.FromEntries("canonize.yaml", []owners.Entry{{Pattern: "/x/", Owners: []string{"team"}, Line: 7}})
	if err == nil || err.Error() != "canonize.yaml:7: owners: invalid owner format 'team' at position 5" {
		t.Errorf("bad owner in the spec: %v", err)
	}
}
