package main

import (
	"github.com/spf13/cobra"
)

func newInitCmd() *cobra.Command {
	cmd := &cobra.Command{
		Use:   "init PKG...",
		Short: "Write a starting spec from the deprecated API of packages",
		Args:  cobra.MinimumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return &exitCode{2, errNotYet}
		},
	}
	return cmd
}
