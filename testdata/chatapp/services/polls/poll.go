// Package polls runs quick polls inside a conversation.
package polls

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"

	"example.com/chatapp/websocket"
)

// ErrNoSuchOption is returned for a vote on an option the poll lacks.
var ErrNoSuchOption = errors.New("polls: no such option")

// Poll is a single-choice poll; each voter's last vote counts.
type Poll struct {
	Question string
	Creator  string
	Options  []string

	mu    sync.Mutex
	votes map[string]int // voter → option index
}

// Vote records voter's choice, confirms it to the voter and sends the
// updated tally to the poll's creator.
func (p *Poll) Vote(ctx context.Context, voter, option string) error {
	idx := -1
	for i, o := range p.Options {
		if strings.EqualFold(o, option) {
			idx = i
		}
	}
	if idx < 0 {
		return ErrNoSuchOption
	}
	p.mu.Lock()
	if p.votes == nil {
		p.votes = map[string]int{}
	}
	p.votes[voter] = idx
	tally := p.tallyLocked()
	p.mu.Unlock()

	if err := websocket.GetWebSocketManagerFactory().Create(ctx, voter).Emit("vote_recorded", p.Options[idx]); err != nil {
		return err
	}
	return websocket.GetWebSocketManagerFactory().Create(ctx, p.Creator).Emit("poll_tally", tally)
}

func (p *Poll) tallyLocked() string {
	counts := make([]int, len(p.Options))
	for _, i := range p.votes {
		counts[i]++
	}
	parts := make([]string, len(p.Options))
	for i, o := range p.Options {
		parts[i] = fmt.Sprintf("%s:%d", o, counts[i])
	}
	return p.Question + " " + strings.Join(parts, " ")
}
