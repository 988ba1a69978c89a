package moderation

import (
	"context"
	"errors"
)

// EventAppealDecided tells a user the outcome of their appeal.
const EventAppealDecided = "appeal_decided"

// ErrNoReason is returned for an appeal decision without a reason.
var ErrNoReason = errors.New("moderation: a decision needs a reason")

// DecideAppeal tells userID whether their appeal was granted.
func DecideAppeal(ctx context.Context, userID string, granted bool, reason string) error {
	if reason == "" {
		return ErrNoReason
	}
	verdict := "denied"
	if granted {
		verdict = "granted"
	}
	return factory().Create(ctx, userID).Emit(EventAppealDecided, verdict+": "+reason)
}
