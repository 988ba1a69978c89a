// Package admin holds the operator tools of the chat service: broadcasts,
// maintenance notices, kicks and bans. Every action is audited.
package admin

import "errors"

// ErrForbidden is returned when an operator lacks the role for an action.
var ErrForbidden = errors.New("admin: forbidden")

// Role is an operator permission level.
type Role int

const (
	Viewer Role = iota
	Moderator
	Owner
)

// Operator is the staff member performing an action.
type Operator struct {
	Name string
	Role Role
}

func (o Operator) require(r Role) error {
	if o.Role < r {
		return ErrForbidden
	}
	return nil
}
