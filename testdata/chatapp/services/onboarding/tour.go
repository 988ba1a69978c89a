// Package onboarding guides new users through their first session.
package onboarding

import (
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// EventTourStep highlights one UI element with a tip.
const EventTourStep = "tour_step"

// tour is the ordered list of product-tour tips.
var tour = []string{
	"This is your chat. Ask anything.",
	"Type / to see the agent commands.",
	"Your history is on the left.",
	"Invite teammates from the top bar.",
}

// ShowTourStep shows tip number step (0-based) to userID. It returns the
// next step, or -1 when the tour is over.
func ShowTourStep(ctx context.Context, userID string, step int) (int, error) {
	if step < 0 || step >= len(tour) {
		return -1, nil
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	if err := m.Emit(EventTourStep, fmt.Sprintf("%d/%d %s", step+1, len(tour), tour[step])); err != nil {
		return step, err
	}
	if step+1 == len(tour) {
		return -1, nil
	}
	return step + 1, nil
}
