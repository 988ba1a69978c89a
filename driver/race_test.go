//go:build race

package driver_test

// raceEnabled says this test binary is built with -race: running it as
// the go command's vet tool for every package would be several times
// slower, so TestMain builds the tool without it (main_test.go).
const raceEnabled = true
