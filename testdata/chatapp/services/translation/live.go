// Package translation shows live translations of incoming messages for
// users who chose a different language.
package translation

import (
	"context"
	"strings"

	"example.com/chatapp/websocket"
)

// EventTranslated carries a translated copy of a message.
const EventTranslated = "translated"

// phrasebook holds the few phrases translated offline, per language.
var phrasebook = map[string]map[string]string{
	"de": {"good morning": "guten Morgen", "thank you": "danke", "see you": "bis bald"},
	"es": {"good morning": "buenos días", "thank you": "gracias", "see you": "hasta luego"},
}

// Translate returns text in lang when the whole text is a known phrase.
func Translate(text, lang string) (string, bool) {
	t, ok := phrasebook[lang][strings.ToLower(strings.TrimSpace(text))]
	return t, ok
}

// Deliver sends reader a translation of text when one is available. It
// reports whether it did.
func Deliver(ctx context.Context, reader, lang, messageID, text string) (bool, error) {
	t, ok := Translate(text, lang)
	if !ok {
		return false, nil
	}
	m := websocket.GetWebSocketManagerFactory().Create(ctx, reader)
	defer m.Close()
	return true, m.Emit(EventTranslated, messageID+"|"+lang+"|"+t)
}
