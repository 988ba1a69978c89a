package websocket

// DefaultBuffer is the number of undelivered events a subscription holds
// before further events for it are dropped.
const DefaultBuffer = 64

// Option configures a Manager.
type Option func(*config)

type config struct {
	buffer int
	hub    *Hub
}

func defaultConfig() config {
	return config{buffer: DefaultBuffer, hub: defaultHub}
}

// WithBuffer sets the per-subscription buffer size. Values below 1 are
// treated as 1.
func WithBuffer(n int) Option {
	return func(c *config) {
		if n < 1 {
			n = 1
		}
		c.buffer = n
	}
}

// WithHub routes the manager's events through h instead of the
// process-wide hub. Tests use it to get a private event space.
func WithHub(h *Hub) Option {
	return func(c *config) {
		if h != nil {
			c.hub = h
		}
	}
}
