package agents

import (
	"context"
	"errors"
	"strconv"
	"strings"

	"example.com/chatapp/websocket"
)

// Calculator evaluates "a op b" with integer operands.
type Calculator struct{}

func (Calculator) Name() string { return "calculator" }

func (c Calculator) Run(ctx context.Context, userID, prompt string) (string, error) {
	m := websocket.NewWebSocketManager(ctx, userID)
	defer m.Close()

	r := newRun(m, c.Name())
	r.started()
	r.thinking("parsing " + strconv.Quote(prompt))
	out, ok := r.tool("calc", prompt, evalArithmetic)
	if !ok {
		return r.completed("I can only do a+b, a-b, a*b and a/b.")
	}
	return r.completed(out)
}

func evalArithmetic(expr string) (string, error) {
	expr = strings.ReplaceAll(expr, " ", "")
	for _, op := range "+-*/" {
		i := strings.LastIndexByte(expr, byte(op))
		if i <= 0 {
			continue
		}
		a, errA := strconv.Atoi(expr[:i])
		b, errB := strconv.Atoi(expr[i+1:])
		if errA != nil || errB != nil {
			continue
		}
		switch op {
		case '+':
			return strconv.Itoa(a + b), nil
		case '-':
			return strconv.Itoa(a - b), nil
		case '*':
			return strconv.Itoa(a * b), nil
		case '/':
			if b == 0 {
				return "", errors.New("division by zero")
			}
			return strconv.Itoa(a / b), nil
		}
	}
	return "", errors.New("not an expression: " + expr)
}
