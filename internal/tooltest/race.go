//go:build race

package tooltest

const raceEnabled = true
