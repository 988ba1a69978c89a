package agents

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// Planner splits a goal into numbered steps at "then" and commas.
type Planner struct{}

func (Planner) Name() string { return "planner" }

func (p Planner) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory(). // shared singleton
							Create(ctx, userID)
	defer m.Close()

	r := newRun(m, p.Name())
	r.started()
	r.thinking("breaking the goal into steps")
	plan, _ := r.tool("split_steps", prompt, func(goal string) (string, error) {
		goal = strings.ReplaceAll(goal, " then ", ",")
		var steps []string
		for i, s := range strings.Split(goal, ",") {
			if s = strings.TrimSpace(s); s != "" {
				steps = append(steps, fmt.Sprintf("%d. %s", i+1, s))
			}
		}
		return strings.Join(steps, "\n"), nil
	})
	return r.completed(plan)
}

// AnnounceStep tells userID which plan step is being worked on. It is
// called by the scheduler while a long plan executes.
func AnnounceStep(ctx context.Context, userID string, step int, text string) error {
	m := websocket.GetWebSocketManagerFactory().Create(ctx /* request scope */, userID /* owner of the plan */)
	defer m.Close()
	return m.Emit("plan_step", fmt.Sprintf("%d: %s", step, text))
}
