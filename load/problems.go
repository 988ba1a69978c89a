package load

import (
	"regexp"
)

var goListWrapper = regexp.MustCompile(`^(?:go list: )?err: exit status \d+: stderr: `)
