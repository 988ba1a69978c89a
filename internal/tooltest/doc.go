// Package tooltest gives tests the executable the go command runs as
// canonize's vet tool when a test drives the commands' analysis
// (driver.Plan, driver.Check). It owns choosing and building that
// executable, nothing else: the test binary runs as the tool only if its
// TestMain hands vettool.Is arguments to vettool.Main.
package tooltest
