package moderation

import (
	"context"
	"fmt"
	"sync"
)

// EventReportFiled confirms a report to the reporter.
const EventReportFiled = "report_filed"

// Report is a user's complaint about a message.
type Report struct {
	ID        int
	Reporter  string
	Offender  string
	MessageID string
	Reason    string
}

// Queue holds open reports for moderators.
type Queue struct {
	mu      sync.Mutex
	next    int
	reports []Report
}

// File adds a report and confirms it to the reporter.
func (q *Queue) File(ctx context.Context, r Report) (Report, error) {
	q.mu.Lock()
	q.next++
	r.ID = q.next
	q.reports = append(q.reports, r)
	q.mu.Unlock()

	m := factory().Create(ctx, r.Reporter)
	defer m.Close()
	return r, m.Emit(EventReportFiled, fmt.Sprintf("report #%d about %s", r.ID, r.MessageID))
}

// Open returns the open reports.
func (q *Queue) Open() []Report {
	q.mu.Lock()
	defer q.mu.Unlock()
	return append([]Report(nil), q.reports...)
}
