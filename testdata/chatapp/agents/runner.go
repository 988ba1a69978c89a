package agents

import (
	"context"
	"strings"
)

// Run answers prompt for userID with the agent its command selects.
func Run(ctx context.Context, userID, prompt string) (string, error) {
	if strings.TrimSpace(prompt) == "" {
		return "", ErrEmptyPrompt
	}
	a, input := Pick(prompt)
	return a.Run(ctx, userID, input)
}
