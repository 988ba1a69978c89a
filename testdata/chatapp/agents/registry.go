package agents

import (
	"sort"
	"strings"
)

// commands maps a slash command to the agent that serves it.
var commands = map[string]Agent{
	"/calc":      Calculator{},
	"/echo":      Echo{},
	"/search":    Search{},
	"/summarize": Summarizer{MaxWords: 12},
	"/translate": Translator{},
	"/weather":   Weather{},
	"/review":    CodeReview{},
	"/plan":      Planner{},
	"/sql":       SQL{},
	"/docs":      Retriever{},
	"/describe":  Describe{},
}

// Pick returns the agent for prompt and the prompt without its command.
// Prompts without a known command go to the triage agent.
func Pick(prompt string) (Agent, string) {
	prompt = strings.TrimSpace(prompt)
	cmd, rest, _ := strings.Cut(prompt, " ")
	if a, ok := commands[cmd]; ok {
		return a, strings.TrimSpace(rest)
	}
	return Triage{}, prompt
}

// Commands returns the known slash commands, sorted.
func Commands() []string {
	out := make([]string, 0, len(commands))
	for c := range commands {
		out = append(out, c)
	}
	sort.Strings(out)
	return out
}
