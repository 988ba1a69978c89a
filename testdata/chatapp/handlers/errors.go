package handlers

import (
	"context"
	"errors"
	"net/http"

	"example.com/chatapp/chat"
	"example.com/chatapp/websocket"
)

// EventErrorToast shows a short error notice in the user's UI.
const EventErrorToast = "error_toast"

// statusFor maps domain errors to HTTP status codes.
func statusFor(err error) int {
	switch {
	case errors.Is(err, chat.ErrEmptyMessage), errors.Is(err, chat.ErrMessageTooLong):
		return http.StatusBadRequest
	case errors.Is(err, chat.ErrAnonymous):
		return http.StatusUnauthorized
	default:
		return http.StatusInternalServerError
	}
}

// fail answers the request with err and mirrors it as a toast on the
// user's other connections, where the request may have been made from.
func fail(ctx context.Context, w http.ResponseWriter, user string, err error) {
	if user != "" {
		m := websocket.GetWebSocketManagerFactory().Create(ctx, user)
		_ = m.Emit(EventErrorToast, err.Error())
		m.Close()
	}
	http.Error(w, err.Error(), statusFor(err))
}
