package queue

import "sync"

// broker is the in-memory stand-in for the queue service.
type broker struct {
	mu   sync.Mutex
	msgs []Message
}

var defaultBroker = &broker{}

func (b *broker) publish(m Message) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.msgs = append(b.msgs, m)
}

// Drain returns every message sent since the last Drain, oldest first,
// and forgets them.
func Drain() []Message {
	defaultBroker.mu.Lock()
	defer defaultBroker.mu.Unlock()
	out := defaultBroker.msgs
	defaultBroker.msgs = nil
	return out
}
