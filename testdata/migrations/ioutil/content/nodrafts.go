//go:build !drafts

package content

// includeDrafts is set by building with -tags drafts (the preview
// server's build).
const includeDrafts = false
