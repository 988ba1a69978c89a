// Package workers runs fan-out notification work on a fixed pool.
package workers

import (
	"context"
	"sync"

	"example.com/chatapp/websocket"
)

// FactoryFunc returns the factory the pool creates managers with.
type FactoryFunc func() *websocket.ManagerFactory

// Task is one event to deliver to one user.
type Task struct {
	UserID string
	Event  websocket.Event
}

// Pool delivers tasks with a fixed number of goroutines.
type Pool struct {
	size    int
	factory FactoryFunc
}

// NewPool returns a pool of size workers using factory.
func NewPool(size int, factory FactoryFunc) *Pool {
	return &Pool{size: max(size, 1), factory: factory}
}

// DefaultPool is the pool used by background jobs.
var DefaultPool = NewPool(4, websocket.GetWebSocketManagerFactory)

// Deliver sends every task and returns how many failed.
func (p *Pool) Deliver(ctx context.Context, tasks []Task) int {
	ch := make(chan Task)
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed int
	)
	for range p.size {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for t := range ch {
				m := p.factory().Create(ctx, t.UserID)
				if err := m.Send(t.Event); err != nil {
					mu.Lock()
					failed++
					mu.Unlock()
				}
				m.Close()
			}
		}()
	}
	for _, t := range tasks {
		ch <- t
	}
	close(ch)
	wg.Wait()
	return failed
}
