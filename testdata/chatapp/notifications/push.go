package notifications

import "context"

// EventPush is the in-app mirror of an OS push notification.
const EventPush = "push"

// Push sends note to userID through the platform's push channel.
func Push(ctx context.Context, userID string, n Note) error {
	if n.Title == "" {
		return ErrEmptyNote
	}
	n.Title = truncate(n.Title, 60)
	n.Body = truncate(n.Body, 180)
	return platformPush(ctx, userID, n)
}
