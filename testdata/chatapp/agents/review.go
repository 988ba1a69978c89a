package agents

import (
	"context"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// CodeReview points at TODOs and overlong lines in a pasted snippet.
type CodeReview struct{}

func (CodeReview) Name() string { return "code_review" }

func (c CodeReview) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, c.Name())
	r.started()
	r.thinking("reading the snippet")
	findings, _ := r.tool("lint", prompt, func(src string) (string, error) {
		var notes []string
		for i, line := range strings.Split(src, ";") {
			if strings.Contains(line, "TODO") {
				notes = append(notes, fmt.Sprintf("statement %d: unresolved TODO", i+1))
			}
			if len(line) > 80 {
				notes = append(notes, fmt.Sprintf("statement %d: longer than 80 columns", i+1))
			}
		}
		return strings.Join(notes, "; "), nil
	})
	if findings == "" {
		return r.completed("Looks good to me.")
	}
	return r.completed(findings)
}
