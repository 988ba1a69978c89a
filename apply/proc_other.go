//go:build !unix

package apply

import "os/exec"

// ownGroup: process groups are a unix notion; elsewhere the command is
// stopped alone.
func ownGroup(*exec.Cmd) {}

func killGroup(cmd *exec.Cmd) { cmd.Process.Kill() }
