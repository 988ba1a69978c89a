// Package webhooks calls customer endpoints on chat events and reports
// failures to the workspace owner.
package webhooks

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"example.com/chatapp/websocket"
)

// EventWebhookFailed tells the workspace owner a webhook is failing.
const EventWebhookFailed = "webhook_failed"

// Doer is the subset of *http.Client used for delivery.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// Deliver POSTs to url and, on failure, tells owner about it.
func Deliver(ctx context.Context, c Doer, owner, url string) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, url, http.NoBody)
	if err != nil {
		return err
	}
	resp, err := c.Do(req)
	if err == nil {
		resp.Body.Close()
		if resp.StatusCode < 300 {
			return nil
		}
		err = fmt.Errorf("status %d", resp.StatusCode)
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, owner)
	defer m.Close()
	return errors.Join(err, m.Emit(EventWebhookFailed, url+": "+err.Error()))
}
