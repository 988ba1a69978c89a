package agents

import (
	"context"
	"fmt"
	"path"
	"strings"

	"example.com/chatapp/websocket"
)

// Describe explains what an attachment is from its file name, for
// screen-reader users.
type Describe struct{}

func (Describe) Name() string { return "describe" }

func (d Describe) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.GetWebSocketManagerFactory().Create(ctx, userID)
	defer m.Close()

	r := newRun(m, d.Name())
	r.started()
	r.thinking("inspecting the file name")
	kind, _ := r.tool("file_kind", prompt, func(name string) (string, error) {
		switch strings.ToLower(path.Ext(name)) {
		case ".png", ".jpg", ".gif":
			return "an image", nil
		case ".pdf":
			return "a PDF document", nil
		case ".csv":
			return "a spreadsheet", nil
		default:
			return "a file", nil
		}
	})
	return r.completed(fmt.Sprintf("%s is %s.", path.Base(prompt), kind))
}
