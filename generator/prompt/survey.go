package prompt

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"github.com/AlecAivazis/survey/v2"
	"github.com/AlecAivazis/survey/v2/terminal"
)

// FileReader is the input stream of a terminal: an *os.File satisfies it.
// It has the shape of survey's terminal.FileReader.
type FileReader interface {
	io.Reader
	Fd() uintptr
}

// FileWriter is the output stream of a terminal: an *os.File satisfies it.
// It has the shape of survey's terminal.FileWriter.
type FileWriter interface {
	io.Writer
	Fd() uintptr
}

// surveyPrompter is the Prompter of a real terminal, backed by survey/v2.
type surveyPrompter struct {
	stdio survey.AskOpt
}

// NewSurvey returns a Prompter that asks on a terminal with survey/v2, reading
// keys from in and drawing the questions on out (errOut gets survey's own
// diagnostics). in and out must be the terminal: survey switches it to raw mode.
//
// Ctrl-D aborts like Ctrl-C: survey reads it as Enter, which would accept
// the default of every question in turn.
func NewSurvey(in FileReader, out FileWriter, errOut io.Writer) Prompter {
	return &surveyPrompter{stdio: survey.WithStdio(eotInterrupts{in}, out, errOut)}
}

// eotInterrupts is a terminal input on which Ctrl-D (EOT, 0x04, in raw
// mode) reads as Ctrl-C (ETX, 0x03), so survey returns its interrupt.
type eotInterrupts struct{ FileReader }

func (r eotInterrupts) Read(p []byte) (int, error) {
	n, err := r.FileReader.Read(p)
	for i := range p[:n] {
		if p[i] == terminal.KeyEndTransmission {
			p[i] = terminal.KeyInterrupt
		}
	}
	return n, err
}

// Select implements Prompter. A def that is not among options pre-selects the first option.
func (p *surveyPrompter) Select(message string, options []string, def string) (string, error) {
	q := &survey.Select{Message: message, Options: options}
	// survey fails on a default it cannot find; the first option is its own default.
	if def != "" && slices.Contains(options, def) {
		q.Default = def
	}
	var answer string
	err := survey.AskOne(q, &answer, p.stdio)
	return answer, convertErr(message, err)
}

// Input implements Prompter. When validate rejects an answer, survey shows the
// error and asks again.
func (p *surveyPrompter) Input(message, def string, validate func(string) error) (string, error) {
	q := &survey.Input{Message: message, Default: def}
	opts := []survey.AskOpt{p.stdio}
	if validate != nil {
		opts = append(opts, survey.WithValidator(func(ans interface{}) error {
			s, ok := ans.(string)
			if !ok {
				return fmt.Errorf("got %T, want a string", ans)
			}
			return validate(s)
		}))
	}
	var answer string
	err := survey.AskOne(q, &answer, opts...)
	return answer, convertErr(message, err)
}

// Confirm implements Prompter.
func (p *surveyPrompter) Confirm(message string, def bool) (bool, error) {
	q := &survey.Confirm{Message: message, Default: def}
	var answer bool
	err := survey.AskOne(q, &answer, p.stdio)
	return answer, convertErr(message, err)
}

// convertErr turns survey's Ctrl-C into ErrInterrupted and names the question
// in any other error.
func convertErr(message string, err error) error {
	switch {
	case err == nil:
		return nil
	case errors.Is(err, terminal.InterruptErr):
		return ErrInterrupted
	default:
		return fmt.Errorf("asking %q: %w", message, err)
	}
}
