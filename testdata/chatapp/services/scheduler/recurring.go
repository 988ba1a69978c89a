package scheduler

import (
	"context"
	"time"

	"example.com/chatapp/websocket"
)

// EventStandup prompts a team member for their daily standup.
const EventStandup = "standup_prompt"

// Standup prompts the members of a team on weekdays at the configured
// hour. It returns the members that were prompted.
type Standup struct {
	Team    string
	Members []string
	Hour    int
}

// Due reports whether the standup prompt should go out at t.
func (s Standup) Due(t time.Time) bool {
	wd := t.Weekday()
	return wd != time.Saturday && wd != time.Sunday && t.Hour() == s.Hour && t.Minute() == 0
}

// Prompt sends the standup question to every member if due at t.
func (s Standup) Prompt(ctx context.Context, t time.Time) ([]string, error) {
	if !s.Due(t) {
		return nil, nil
	}
	var prompted []string
	for _, u := range s.Members {
		m := websocket.GetWebSocketManagerFactory().Create(ctx, u)
		err := m.Emit(EventStandup, s.Team+": what did you do yesterday?")
		m.Close()
		if err != nil {
			return prompted, err
		}
		prompted = append(prompted, u)
	}
	return prompted, nil
}
