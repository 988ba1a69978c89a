// Package store keeps pastes. It predates Go 1.7, so its API takes
// golang.org/x/net/context's Context (an alias of the standard one since
// Go 1.9).
package store

import (
	"errors"
	"time"

	"golang.org/x/net/context"
)

// ErrNotFound is returned for an unknown or expired paste.
var ErrNotFound = errors.New("store: paste not found")

// Paste is one stored text.
type Paste struct {
	ID      string
	Body    string
	Expires time.Time
}

// Store keeps pastes.
type Store interface {
	Get(ctx context.Context, id string) (Paste, error)
	Put(ctx context.Context, p Paste) error
	// Expire deletes the pastes expired at now and says how many.
	Expire(ctx context.Context, now time.Time) (int, error)
}
