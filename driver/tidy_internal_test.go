package driver

import (
	"maps"
	"testing"
)

// TestAssumedNames: only names known right are given — a standard
// library path's, and an import the old file had and used by that
// name — so that an import whose package is named otherwise is kept.
func TestAssumedNames(t *testing.T) {
	old := []byte(`package p

import (
	"example.com/m/util"
	"example.com/m/pkg"
	"gopkg.in/yaml.v3"
)

var _ = util.X
var _ = other.Y // pkg's package is named other
var _ = yaml.Z
`)
	changed := []byte(`package p

import (
	"math/rand/v2"
	"os"
	"example.com/m/util"
	"example.com/m/pkg"
	"example.com/m/fresh"
	"gopkg.in/yaml.v3"
)
`)
	want := map[string]string{"math/rand/v2": "rand", "os": "os", "example.com/m/util": "util", "gopkg.in/yaml.v3": "yaml"}
	if got := assumedNames(old, changed); !maps.Equal(got, want) {
		t.Errorf("assumedNames = %v, want %v", got, want)
	}
}
