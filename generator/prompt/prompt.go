// Package prompt asks the user the questions dockgen cannot answer by itself.
//
// The rest of dockgen knows only the Prompter interface. NewSurvey adapts
// github.com/AlecAivazis/survey/v2 to it for a real terminal; Fake stands in
// for it in command tests, expecting questions in order.
package prompt

import "errors"

// ErrInterrupted is returned by a Prompter when the user presses Ctrl-C at a
// question, so the CLI can stop without writing anything and exit cleanly.
var ErrInterrupted = errors.New("interrupted")

// Prompter asks the user questions. Implementations: Survey (a terminal) and Fake (tests).
type Prompter interface {
	// Select asks to pick one of options; def is the pre-selected option ("" = first). Returns the chosen option.
	Select(message string, options []string, def string) (string, error)
	// Input asks for free text pre-filled with def; Enter accepts def. validate may be nil; when it returns an error the question is asked again (Survey) / the error is returned (Fake).
	Input(message, def string, validate func(string) error) (string, error)
	// Confirm asks yes/no with default def.
	Confirm(message string, def bool) (bool, error)
}
