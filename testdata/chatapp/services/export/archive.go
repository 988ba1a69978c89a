// Package export builds downloadable archives of a user's data.
package export

import (
	"archive/zip"
	"bytes"
	"context"
	"fmt"

	"example.com/chatapp/websocket"
)

// EventExportReady tells the user their archive can be downloaded.
const EventExportReady = "export_ready"

// Archive zips the given conversations (name → transcript) and tells the
// user when it is ready.
func Archive(ctx context.Context, userID string, conversations map[string]string) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, text := range conversations {
		f, err := zw.Create(name + ".txt")
		if err != nil {
			return nil, err
		}
		if _, err := f.Write([]byte(text)); err != nil {
			return nil, err
		}
	}
	if err := zw.Close(); err != nil {
		return nil, err
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()
	return buf.Bytes(), m.Emit(EventExportReady, fmt.Sprintf("%d conversations, %d bytes", len(conversations), buf.Len()))
}
