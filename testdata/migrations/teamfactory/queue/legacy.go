package queue

// SendLegacy publishes payload on topic. Its arguments are in the order
// of the v1 wire protocol.
//
// Deprecated: use Send, which takes the topic first (PLAT-2304).
func (c *Client) SendLegacy(payload, topic string) error {
	return c.Send(topic, payload)
}
