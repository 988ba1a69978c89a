package agents

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// plans is the read-only table the SQL agent may query.
var plans = []struct {
	Name  string
	Seats int
	Price int
}{
	{"free", 1, 0},
	{"team", 10, 49},
	{"enterprise", 500, 990},
}

// SQL answers "count", "cheapest" and "max seats" questions about plans.
// It does not parse SQL; the name is what users type.
type SQL struct{}

func (SQL) Name() string { return "sql" }

func (q SQL) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, q.Name())
	r.started()
	r.thinking("mapping the question to a query on plans")
	out, ok := r.tool("query_plans", prompt, queryPlans)
	if !ok {
		return r.completed("I can answer: count, cheapest, max seats.")
	}
	return r.completed(out)
}

func queryPlans(question string) (string, error) {
	switch q := strings.ToLower(question); {
	case strings.Contains(q, "count"):
		return fmt.Sprint(len(plans)), nil
	case strings.Contains(q, "cheapest"):
		return plans[0].Name, nil
	case strings.Contains(q, "max seats"):
		best := plans[0]
		for _, p := range plans[1:] {
			if p.Seats > best.Seats {
				best = p
			}
		}
		return fmt.Sprintf("%s (%d)", best.Name, best.Seats), nil
	default:
		return "", fmt.Errorf("unsupported question %q", question)
	}
}
