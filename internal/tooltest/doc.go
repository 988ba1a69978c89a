// Package tooltest gives tests the executable the go command runs as
// canonize's vet tool when a test drives the commands' analysis
// (driver.Plan, driver.Check): Main is such a test binary's TestMain,
// which makes the binary the tool when the go command runs it as one;
// Tool chooses (or, under -race, builds) the executable; Env is what
// the tool's environment needs. It owns nothing else.
package tooltest
