package admin

import (
	"context"
	"fmt"

	"example.com/chatapp/legacy/websocket"
)

// LegacyBridge forwards operator broadcasts to partners still on the v1
// gateway. It uses the legacy client package, whose dialer happens to be
// called GetWebSocketManagerFactory too; it is NOT the deprecated chat
// factory and must not be migrated.
type LegacyBridge struct {
	conn *websocket.Conn
}

// DialLegacy connects to the partner gateway of tenant.
func DialLegacy(ctx context.Context, tenant string) *LegacyBridge {
	endpoint := fmt.Sprintf("wss://gateway-v1.example.com/%s", tenant)
	return &LegacyBridge{conn: websocket.GetWebSocketManagerFactory().Create(ctx, endpoint)}
}

// Forward sends one broadcast line to the partner.
func (b *LegacyBridge) Forward(op Operator, text string) error {
	websocket := b.conn // the connection, not the package
	return websocket.Write(op.Name + ": " + text)
}

// Close closes the connection.
func (b *LegacyBridge) Close() error { return b.conn.Close() }
