package agents

import (
	"context"
	"strings"

	"example.com/chatapp/websocket"
)

// intents maps trigger words to the answer triage gives for them.
var intents = []struct {
	words  []string
	intent string
	answer string
}{
	{[]string{"refund", "invoice", "charge"}, "billing", "I've passed this to billing; expect an email within a day."},
	{[]string{"password", "login", "2fa"}, "account", "You can reset your password from Settings → Security."},
	{[]string{"bug", "crash", "error"}, "bug_report", "Thanks, I've filed a bug report for the team."},
}

// Triage is the default agent: it classifies free text and answers with
// the canned reply for the intent.
type Triage struct{}

func (Triage) Name() string { return "triage" }

func (t Triage) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, t.Name())
	r.started()
	r.thinking("classifying the request")
	intent, _ := r.tool("classify", prompt, classify)
	for _, in := range intents {
		if in.intent == intent {
			return r.completed(in.answer)
		}
	}
	return r.completed("Got it: " + prompt)
}

func classify(text string) (string, error) {
	lower := strings.ToLower(text)
	for _, in := range intents {
		for _, w := range in.words {
			if strings.Contains(lower, w) {
				return in.intent, nil
			}
		}
	}
	return "smalltalk", nil
}
