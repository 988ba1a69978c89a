package chat

import (
	"context"
	"fmt"
	"path"
	"strings"

	"example.com/chatapp/websocket"
)

// EventAttachment announces an uploaded file in the conversation.
const EventAttachment = "attachment"

// MaxAttachmentBytes is the upload limit for one file.
const MaxAttachmentBytes = 10 << 20

// allowedExt lists the file types users may attach.
var allowedExt = map[string]bool{".png": true, ".jpg": true, ".pdf": true, ".txt": true, ".csv": true}

// Attach validates an upload and announces it to userID's connections.
func Attach(ctx context.Context, userID, name string, size int64) error {
	ext := strings.ToLower(path.Ext(name))
	if !allowedExt[ext] {
		return fmt.Errorf("chat: %s files are not allowed", ext)
	}
	if size > MaxAttachmentBytes {
		return fmt.Errorf("chat: %s is %d bytes, limit is %d", name, size, MaxAttachmentBytes)
	}
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()
	return m.Emit(EventAttachment, fmt.Sprintf("%s (%d KiB)", name, (size+1023)/1024))
}
