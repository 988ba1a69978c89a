// Package worker runs pasted's background jobs.
package worker

import (
	"log"
	"time"

	"golang.org/x/net/context"

	"example.com/xnetcontext/store"
)

// Expire deletes expired pastes every interval until ctx is done. It
// returns nil when ctx is canceled, and ctx's error otherwise.
func Expire(ctx context.Context, s store.Store, every time.Duration, now func() time.Time) error {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			if ctx.Err() == context.Canceled {
				return nil
			}
			return ctx.Err()
		case <-t.C:
			n, err := s.Expire(ctx, now())
			if err != nil {
				return err
			}
			if n > 0 {
				log.Printf("expired %d paste(s)", n)
			}
		}
	}
}
