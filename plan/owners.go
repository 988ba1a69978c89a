package plan

import (
	"cmp"
	"slices"

	"github.com/canonize/canonize/owners"
)

// Share is one owner group's part of a phase: the files those owners
// review, sent as one patch and applicable as one transaction.
type Share struct {
	Owner           string   `json:"owner"` // the group: its owners joined by spaces, or owners.Unowned
	Files           []string `json:"files"` // paths, in the phase's order
	Sites           int      `json:"sites"`
	ComplianceAfter float64  `json:"compliance_after"` // the earlier phases and this share applied
}

// Group names the file's reviewers as one share key.
func (f *PlanFile) Group() string { return owners.Group(f.Owners) }

// OwnedBy reports whether owner is among the file's owners, or, for
// owners.Unowned, whether it has none.
func (f *PlanFile) OwnedBy(owner string) bool {
	if owner == owners.Unowned {
		return len(f.Owners) == 0
	}
	return slices.Contains(f.Owners, owner)
}

// ShareFiles returns the phase's files of a share.
func (ph *Phase) ShareFiles(sh Share) []*PlanFile {
	var out []*PlanFile
	for _, f := range ph.Files {
		if slices.Contains(sh.Files, f.Path) {
			out = append(out, f)
		}
	}
	return out
}

// shares splits the phase by owner group, groups sorted by name with
// the unowned last; compliance is projected later.
func shares(ph *Phase) []Share {
	index := map[string]int{}
	var out []Share
	for _, f := range ph.Files {
		g := f.Group()
		i, ok := index[g]
		if !ok {
			i = len(out)
			index[g] = i
			out = append(out, Share{Owner: g})
		}
		out[i].Files = append(out[i].Files, f.Path)
		out[i].Sites += f.Sites
	}
	slices.SortFunc(out, func(a, b Share) int {
		au, bu := a.Owner == owners.Unowned, b.Owner == owners.Unowned
		if au != bu {
			if au {
				return 1
			}
			return -1
		}
		return cmp.Compare(a.Owner, b.Owner)
	})
	return out
}
