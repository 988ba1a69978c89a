package analytics

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// FunnelSteps are the onboarding steps, in order.
var FunnelSteps = []string{"signed_up", "first_message", "first_agent_run", "invited_teammate"}

// Conversion returns, for each step, the percentage of users of the
// first step that reached it. reached maps step → user count.
func Conversion(reached map[string]int) []int {
	base := reached[FunnelSteps[0]]
	out := make([]int, len(FunnelSteps))
	for i, s := range FunnelSteps {
		if base > 0 {
			out[i] = reached[s] * 100 / base
		}
	}
	return out
}

// PushFunnel shows the funnel to the growth dashboard of owner.
func PushFunnel(ctx context.Context, owner string, reached map[string]int) error {
	pct := Conversion(reached)
	parts := make([]string, len(pct))
	for i, p := range pct {
		parts[i] = fmt.Sprintf("%s %d%%", FunnelSteps[i], p)
	}
	return websocket.GetWebSocketManagerFactory().Create(ctx, owner).Emit("funnel", strings.Join(parts, " → "))
}
