package prompt

import (
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// errFake is returned after the Fake has reported a mismatch, for test
// doubles of testing.TB whose Fatalf does not stop the goroutine.
var errFake = errors.New("prompt.Fake: unexpected question")

// kind names a Prompter method in the Fake's messages.
type kind string

const (
	kindSelect  kind = "Select"
	kindInput   kind = "Input"
	kindConfirm kind = "Confirm"
)

// expectation is one question a Fake expects, with its answer.
type expectation struct {
	kind    kind
	message string
	// answer is the option or text to answer; "" accepts the default.
	answer string
	// confirm is the answer of a Confirm.
	confirm bool
	// wantDefault, when set, is what the default passed by the code must be
	// (formatted like Asked: the text, or "true"/"false").
	wantDefault *string
}

func (e expectation) String() string {
	s := fmt.Sprintf("%s(%q)", e.kind, e.message)
	if e.wantDefault != nil {
		s += fmt.Sprintf(" with default %q", *e.wantDefault)
	}
	return s
}

// Fake is a Prompter for tests: the test registers the questions it expects,
// in order and by exact message, with their answers. A question that is not
// the next one expected, or an answer that is not among the options, fails
// the test with t.Fatalf; expectations left unused when the test ends fail it
// too. Fake is safe for concurrent use, but questions are matched in the
// order they arrive.
//
//	f := prompt.NewFake(t)
//	f.ExpectSelect("Language?", "python")
//	f.ExpectInputWithDefault("Port?", "8000", "") // the code must pre-fill 8000; accept it
//	f.ExpectConfirm("Write these files?", true)
type Fake struct {
	t       testing.TB
	mu      sync.Mutex
	expects []expectation
	asked   []string
}

var _ Prompter = (*Fake)(nil)

// NewFake returns a Fake that reports to t and, when the test ends, fails it
// if expectations remain unused (see Verify).
func NewFake(t testing.TB) *Fake {
	f := &Fake{t: t}
	t.Cleanup(f.Verify)
	return f
}

// ExpectSelect expects Select(message, ...) next and answers it with the option
// labelled answer; "" accepts the default (def, or the first option). The test
// fails if answer is not among the options the code offers.
func (f *Fake) ExpectSelect(message, answer string) {
	f.add(expectation{kind: kindSelect, message: message, answer: answer})
}

// ExpectSelectWithDefault is ExpectSelect that also fails the test unless the
// code pre-selects wantDefault (the def it passes; "" means none).
func (f *Fake) ExpectSelectWithDefault(message, wantDefault, answer string) {
	f.add(expectation{kind: kindSelect, message: message, answer: answer, wantDefault: &wantDefault})
}

// ExpectInput expects Input(message, ...) next and answers it with answer;
// "" accepts the default the code passes, as Enter does on a terminal.
func (f *Fake) ExpectInput(message, answer string) {
	f.add(expectation{kind: kindInput, message: message, answer: answer})
}

// ExpectInputDefault expects Input(message, ...) next and accepts its default.
func (f *Fake) ExpectInputDefault(message string) {
	f.ExpectInput(message, "")
}

// ExpectInputWithDefault is ExpectInput that also fails the test unless the
// code pre-fills the answer with wantDefault. Pre-filled defaults are what a
// user sees first, so assert them.
func (f *Fake) ExpectInputWithDefault(message, wantDefault, answer string) {
	f.add(expectation{kind: kindInput, message: message, answer: answer, wantDefault: &wantDefault})
}

// ExpectConfirm expects Confirm(message, ...) next and answers it with answer.
func (f *Fake) ExpectConfirm(message string, answer bool) {
	f.add(expectation{kind: kindConfirm, message: message, confirm: answer})
}

// ExpectConfirmWithDefault is ExpectConfirm that also fails the test unless the
// code's default is wantDefault.
func (f *Fake) ExpectConfirmWithDefault(message string, wantDefault, answer bool) {
	d := strconv.FormatBool(wantDefault)
	f.add(expectation{kind: kindConfirm, message: message, confirm: answer, wantDefault: &d})
}

// Asked returns the questions asked so far, in order, as "message=default"
// (the default is the def argument: text, option label, or true/false).
func (f *Fake) Asked() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.asked)
}

// Verify fails the test (t.Errorf) if expectations remain unused, naming
// them, and forgets them so they are reported once. NewFake registers it
// with t.Cleanup; call it earlier to check at a given point.
func (f *Fake) Verify() {
	f.mu.Lock()
	left := f.expects
	f.expects = nil
	f.mu.Unlock()
	if len(left) == 0 {
		return
	}
	names := make([]string, len(left))
	for i, e := range left {
		names[i] = e.String()
	}
	f.t.Helper()
	f.t.Errorf("prompt.Fake: %d expected question(s) not asked: %s", len(left), strings.Join(names, ", "))
}

func (f *Fake) add(e expectation) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.expects = append(f.expects, e)
}

// next records the question and pops the expectation it must match. It
// reports a mismatch with t.Fatalf and then returns false.
func (f *Fake) next(k kind, message, def string) (expectation, bool) {
	f.t.Helper()
	f.mu.Lock()
	f.asked = append(f.asked, message+"="+def)
	if len(f.expects) == 0 {
		f.mu.Unlock()
		f.t.Fatalf("prompt.Fake: unexpected %s(%q) (default %q): no more questions expected", k, message, def)
		return expectation{}, false
	}
	e := f.expects[0]
	f.expects = f.expects[1:]
	f.mu.Unlock()

	if e.kind != k || e.message != message {
		f.t.Fatalf("prompt.Fake: expected %s, got %s(%q)", e, k, message)
		return expectation{}, false
	}
	if e.wantDefault != nil && *e.wantDefault != def {
		f.t.Fatalf("prompt.Fake: %s(%q): default is %q, want %q", k, message, def, *e.wantDefault)
		return expectation{}, false
	}
	return e, true
}

// Select implements Prompter with the next expectation.
func (f *Fake) Select(message string, options []string, def string) (string, error) {
	f.t.Helper()
	e, ok := f.next(kindSelect, message, def)
	if !ok {
		return "", errFake
	}
	answer := e.answer
	if answer == "" {
		// What survey pre-selects: def when it is an option, else the first one.
		answer = def
		if !slices.Contains(options, def) && len(options) > 0 {
			answer = options[0]
		}
	}
	if !slices.Contains(options, answer) {
		f.t.Fatalf("prompt.Fake: Select(%q): answer %q is not among the options %q", message, answer, options)
		return "", errFake
	}
	return answer, nil
}

// Input implements Prompter with the next expectation. The answer goes
// through validate, and its error is returned as is.
func (f *Fake) Input(message, def string, validate func(string) error) (string, error) {
	f.t.Helper()
	e, ok := f.next(kindInput, message, def)
	if !ok {
		return "", errFake
	}
	answer := e.answer
	if answer == "" {
		answer = def
	}
	if validate != nil {
		if err := validate(answer); err != nil {
			return "", err
		}
	}
	return answer, nil
}

// Confirm implements Prompter with the next expectation.
func (f *Fake) Confirm(message string, def bool) (bool, error) {
	f.t.Helper()
	e, ok := f.next(kindConfirm, message, strconv.FormatBool(def))
	if !ok {
		return false, errFake
	}
	return e.confirm, nil
}
