package apply

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"time"
)

// BenchmarkApplyRollback112 applies a 112-file phase (no verification
// commands: the cost measured is canonize's own — snapshots, fsynced
// journal records, atomic writes) and rolls it back.
func BenchmarkApplyRollback112(b *testing.B) {
	root := b.TempDir()
	var files []FileChange
	for i := range 112 {
		rel := fmt.Sprintf("pkg%02d/file%03d.go", i%12, i)
		before := []byte(fmt.Sprintf("package pkg%02d\n\nimport \"example.com/chatapp/websocket\"\n\nvar m%d = websocket.GetWebSocketManagerFactory().Create(nil, \"u%d\")\n", i%12, i, i))
		after := []byte(fmt.Sprintf("package pkg%02d\n\nimport \"example.com/chatapp/websocket\"\n\nvar m%d = websocket.NewWebSocketManager(nil, \"u%d\")\n", i%12, i, i))
		abs := filepath.Join(root, rel)
		os.MkdirAll(filepath.Dir(abs), 0o755)
		if err := os.WriteFile(abs, before, 0o644); err != nil {
			b.Fatal(err)
		}
		files = append(files, FileChange{Path: rel, Before: before, After: after, Mode: 0o644})
	}
	order := Order{Phases: []Phase{{Number: 1, Name: "production", Files: files}}}
	var applyT, rollbackT time.Duration
	b.ResetTimer()
	for range b.N {
		t0 := time.Now()
		if _, err := Apply(Options{Root: root, Order: order, Phase: 1, Stdout: os.Stdout, Stderr: os.Stderr}); err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		if _, err := Rollback(RollbackOptions{Root: root, Phase: 1}); err != nil {
			b.Fatal(err)
		}
		applyT += t1.Sub(t0)
		rollbackT += time.Since(t1)
	}
	b.ReportMetric(float64(applyT.Milliseconds())/float64(b.N), "apply-ms/op")
	b.ReportMetric(float64(rollbackT.Milliseconds())/float64(b.N), "rollback-ms/op")
}
