// Package lru is a small least-recently-used cache.
package lru

import "container/list"

type entry[K comparable, V any] struct {
	key K
	val V
}

// Cache holds at most Size values.
type Cache[K comparable, V any] struct {
	size  int
	order *list.List
	byKey map[K]*list.Element
}

// New returns a cache of size values.
func New[K comparable, V any](size int) *Cache[K, V] {
	return &Cache[K, V]{size: size, order: list.New(), byKey: map[K]*list.Element{}}
}

// Get returns the value for k and marks it used.
func (c *Cache[K, V]) Get(k K) (V, bool) {
	if e, ok := c.byKey[k]; ok {
		c.order.MoveToFront(e)
		return e.Value.(entry[K, V]).val, true
	}
	var zero V
	return zero, false
}

// Put stores v for k, evicting the least recently used value if full.
func (c *Cache[K, V]) Put(k K, v V) {
	if e, ok := c.byKey[k]; ok {
		e.Value = entry[K, V]{k, v}
		c.order.MoveToFront(e)
		return
	}
	c.byKey[k] = c.order.PushFront(entry[K, V]{k, v})
	if c.order.Len() > c.size {
		last := c.order.Back()
		c.order.Remove(last)
		delete(c.byKey, last.Value.(entry[K, V]).key)
	}
}
