package notifications

import (
	"bytes"
	"text/template"
)

var templates = template.Must(template.New("").Parse(`
{{define "mention"}}{{.Author}} mentioned you in {{.Room}}{{end}}
{{define "reply"}}{{.Author}} replied to your message in {{.Room}}{{end}}
{{define "invite"}}{{.Author}} invited you to {{.Room}}{{end}}
`))

// Render builds a note title from one of the named templates.
func Render(name, author, room string) (string, error) {
	var buf bytes.Buffer
	err := templates.ExecuteTemplate(&buf, name, struct{ Author, Room string }{author, room})
	return buf.String(), err
}
