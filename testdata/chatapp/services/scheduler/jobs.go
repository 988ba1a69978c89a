package scheduler

import (
	"context"
	"fmt"
	"sync"

	"example.com/chatapp/websocket"
)

// EventJobDone tells the requesting user that their background job ended.
const EventJobDone = "job_done"

// Job is a unit of background work requested by a user.
type Job struct {
	ID     string
	UserID string
	Run    func(context.Context) error
}

// RunAll runs jobs with at most parallel at a time and tells each job's
// user how it ended. It returns the number of failed jobs.
func RunAll(ctx context.Context, jobs []Job, parallel int) int {
	sem := make(chan struct{}, max(parallel, 1))
	var (
		wg     sync.WaitGroup
		mu     sync.Mutex
		failed int
	)
	for _, j := range jobs {
		wg.Add(1)
		sem <- struct{}{}
		go func() {
			defer wg.Done()
			defer func() { <-sem }()
			status := "ok"
			if err := j.Run(ctx); err != nil {
				status = "failed: " + err.Error()
				mu.Lock()
				failed++
				mu.Unlock()
			}
			m := websocket.GetWebSocketManagerFactory().Create(ctx, j.UserID)
			_ = m.Emit(EventJobDone, fmt.Sprintf("%s %s", j.ID, status))
			m.Close()
		}()
	}
	wg.Wait()
	return failed
}
