package agents

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"example.com/chatapp/websocket"
)

// forecasts is the canned data of the weather tool; the real provider is
// not reachable from the chat tier.
var forecasts = map[string]struct {
	Sky  string
	MaxC int
}{
	"paris":  {"cloudy", 14},
	"lisbon": {"sunny", 22},
	"oslo":   {"snow", -3},
}

// Weather reports the forecast for a city.
type Weather struct{}

func (Weather) Name() string { return "weather" }

func (w Weather) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	city := strings.ToLower(strings.TrimSpace(prompt))
	r := newRun(m, w.Name())
	r.started()
	r.thinking("city is " + city)
	out, ok := r.tool("forecast", city, func(c string) (string, error) {
		f, found := forecasts[c]
		if !found {
			return "", errors.New("unknown city")
		}
		return fmt.Sprintf("%s, max %d°C", f.Sky, f.MaxC), nil
	})
	if !ok {
		return r.completed("I don't know the weather in " + prompt + ".")
	}
	return r.completed(strings.ToUpper(city[:1]) + city[1:] + ": " + out)
}
