package agents

import (
	"fmt"

	"example.com/chatapp/websocket"
)

// run sequences the agent events of one invocation. The first delivery
// error is kept and returned by completed; later events are still
// attempted so the user's UI does not hang on a half-finished run.
type run struct {
	m     *websocket.Manager
	agent string
	err   error
}

func newRun(m *websocket.Manager, agent string) *run {
	return &run{m: m, agent: agent}
}

func (r *run) emit(typ, payload string) {
	if err := r.m.Emit(typ, payload); err != nil && r.err == nil {
		r.err = fmt.Errorf("agents: %s: %s: %w", r.agent, typ, err)
	}
}

func (r *run) started() { r.emit(websocket.AgentStarted, r.agent) }

func (r *run) thinking(thought string) { r.emit(websocket.AgentThinking, thought) }

// tool runs fn between tool_executing and tool_completed. A failing tool
// still completes; its error becomes the tool_completed payload.
func (r *run) tool(name, input string, fn func(string) (string, error)) (string, bool) {
	r.emit(websocket.ToolExecuting, name+": "+input)
	out, err := fn(input)
	if err != nil {
		r.emit(websocket.ToolCompleted, name+" failed: "+err.Error())
		return "", false
	}
	r.emit(websocket.ToolCompleted, out)
	return out, true
}

func (r *run) completed(response string) (string, error) {
	r.emit(websocket.AgentCompleted, response)
	return response, r.err
}
