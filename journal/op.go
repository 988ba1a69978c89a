package journal

import (
	"errors"
	"fmt"
)

// Op is what a journal record says happened. The set is closed: a record
// whose op is not one of the constants below is refused by Append and,
// read back from disk, makes Records fail with ErrCorrupt, so a journal
// edited by hand (or written by a newer canonize) is not half-understood.
// On disk an Op is its String, e.g. "write".
type Op uint8

// The ops, in the order an apply of a phase uses them. The zero Op is
// "no op" and is refused. The package doc says which fields each carries.
const (
	OpBegin Op = iota + 1
	OpWrite
	OpCommit
	OpAbort
	OpRestore
	OpBackup
	OpRollback
	OpVerify
)

// ErrUnknownOp marks an op that is not one of the constants.
var ErrUnknownOp = errors.New("unknown op")

var opNames = [...]string{
	OpBegin:    "begin",
	OpWrite:    "write",
	OpCommit:   "commit",
	OpAbort:    "abort",
	OpRestore:  "restore",
	OpBackup:   "backup",
	OpRollback: "rollback",
	OpVerify:   "verify",
}

// Ops returns every Op, in the order of the constants.
func Ops() []Op {
	ops := make([]Op, 0, len(opNames)-1)
	for o := OpBegin; int(o) < len(opNames); o++ {
		ops = append(ops, o)
	}
	return ops
}

func (o Op) valid() bool { return o > 0 && int(o) < len(opNames) }

// String returns the op's name as the journal spells it, or "Op(n)" for
// an invalid one.
func (o Op) String() string {
	if !o.valid() {
		return fmt.Sprintf("Op(%d)", uint8(o))
	}
	return opNames[o]
}

// MarshalText returns the op's name; an invalid op is an error rather
// than a line no reader would accept.
func (o Op) MarshalText() ([]byte, error) {
	if !o.valid() {
		return nil, fmt.Errorf("%w: %v", ErrUnknownOp, o)
	}
	return []byte(opNames[o]), nil
}

// UnmarshalText sets o to the op named text, refusing (with ErrUnknownOp)
// a name that is not one of the constants'.
func (o *Op) UnmarshalText(text []byte) error {
	for i, name := range opNames {
		if name != "" && name == string(text) {
			*o = Op(i)
			return nil
		}
	}
	return fmt.Errorf("%w %q", ErrUnknownOp, text)
}
