package admin

import (
	"context"
	"sync"
	"time"

	"example.com/chatapp/websocket"
)

// AuditUser is the pseudo-user whose stream the compliance dashboard
// subscribes to.
const AuditUser = "__audit__"

// AuditEntry is one recorded operator action.
type AuditEntry struct {
	At       time.Time
	Operator string
	Action   string
	Detail   string
}

var (
	auditMu  sync.Mutex
	auditLog []AuditEntry
)

// Audit records an action and streams it to the compliance dashboard.
func Audit(ctx context.Context, op Operator, action, detail string) {
	e := AuditEntry{At: time.Now().UTC(), Operator: op.Name, Action: action, Detail: detail}
	auditMu.Lock()
	auditLog = append(auditLog, e)
	auditMu.Unlock()

	m := websocket.GetWebSocketManagerFactory().Create(ctx, AuditUser)
	defer m.Close()
	_ = m.Emit("audit", op.Name+" "+action+" "+detail)
}

// AuditLog returns a copy of the recorded actions.
func AuditLog() []AuditEntry {
	auditMu.Lock()
	defer auditMu.Unlock()
	return append([]AuditEntry(nil), auditLog...)
}
