package prompt_test

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/prompt/ptytest"
)

// Keys as a terminal sends them.
const (
	arrowDown = "\x1b[B"
	ctrlC     = "\x03"
)

var languages = []string{"python", "node", "go"}

func validPort(s string) error {
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return errors.New("the port must be a number from 1 to 65535")
	}
	return nil
}

// TestSurvey asks real survey questions on a pseudo-terminal and answers them
// with keys, as a user would.
func TestSurvey(t *testing.T) {
	tests := []struct {
		name string
		ask  func(prompt.Prompter) (any, error)
		// keys waits for the question and types the answer.
		keys func(c *ptytest.Console)
		want any
		// wantErr, when set, is the error the question must return.
		wantErr error
		// wantScreen is on the screen once the question is answered.
		wantScreen string
	}{
		{
			name: "select: Enter takes the pre-selected default",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "node")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Language?")
				c.ExpectString("> node") // the cursor starts on the default
				c.SendLine("")
			},
			want:       "node",
			wantScreen: "? Language? node",
		},
		{
			name: "select: no default pre-selects the first option",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("> python")
				c.SendLine("")
			},
			want: "python",
		},
		{
			name: "select: a default that is not an option pre-selects the first",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "cobol")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("> python")
				c.SendLine("")
			},
			want: "python",
		},
		{
			name: "select: arrow down then Enter takes the next option",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "node")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("> node")
				c.Send(arrowDown)
				c.ExpectString("> go") // redrawn with the cursor moved
				c.SendLine("")
			},
			want:       "go",
			wantScreen: "? Language? go",
		},
		{
			name: "select: Ctrl-C is ErrInterrupted",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("> python")
				c.ExpectRawMode() // else the terminal, not survey, gets Ctrl-C
				c.Send(ctrlC)
			},
			wantErr: prompt.ErrInterrupted,
		},
		{
			// survey reads Ctrl-D as Enter; dockgen makes it abort.
			name: "select: Ctrl-D is ErrInterrupted, not the default",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Select("Language?", languages, "")
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("> python")
				c.ExpectRawMode()
				c.Send("\x04")
			},
			wantErr: prompt.ErrInterrupted,
		},
		{
			name: "input: Ctrl-D is ErrInterrupted, not the default",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Input("Port?", "8000", nil)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Port? (8000)")
				c.ExpectRawMode()
				c.Send("\x04")
			},
			wantErr: prompt.ErrInterrupted,
		},
		{
			name: "input: Enter accepts the pre-filled default",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Input("Port?", "8000", nil)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Port? (8000)")
				c.SendLine("")
			},
			want:       "8000",
			wantScreen: "? Port? 8000",
		},
		{
			name: "input: typed text replaces the default",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Input("Port?", "8000", nil)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Port? (8000)")
				c.SendLine("3000")
			},
			want:       "3000",
			wantScreen: "? Port? 3000",
		},
		{
			name: "input: a rejected answer is asked again",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Input("Port?", "8000", validPort)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Port? (8000)")
				c.SendLine("http")
				c.ExpectString("Sorry, your reply was invalid: the port must be a number from 1 to 65535")
				c.ExpectString("Port? (8000)") // asked again, default still there
				c.SendLine("8080")
			},
			want:       "8080",
			wantScreen: "? Port? 8080",
		},
		{
			name: "input: Ctrl-C is ErrInterrupted",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Input("Port?", "8000", nil)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Port? (8000)")
				c.Send("80")
				c.ExpectRawMode()
				c.Send(ctrlC)
			},
			wantErr: prompt.ErrInterrupted,
		},
		{
			name: "confirm: Enter takes default yes",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Confirm("Write these files?", true)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Write these files? (Y/n)")
				c.SendLine("")
			},
			want:       true,
			wantScreen: "? Write these files? Yes",
		},
		{
			name: "confirm: Enter takes default no",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Confirm("Write these files?", false)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Write these files? (y/N)")
				c.SendLine("")
			},
			want:       false,
			wantScreen: "? Write these files? No",
		},
		{
			name: "confirm: y overrides default no",
			ask: func(p prompt.Prompter) (any, error) {
				return p.Confirm("Write these files?", false)
			},
			keys: func(c *ptytest.Console) {
				c.ExpectString("Write these files? (y/N)")
				c.SendLine("y")
			},
			want:       true,
			wantScreen: "? Write these files? Yes",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			c := ptytest.New(t)
			c.SetTimeout(5 * time.Second)
			p := prompt.NewSurvey(c.Tty(), c.Tty(), c.Tty())

			var answer any
			wait := c.Start(func() error {
				var err error
				answer, err = tt.ask(p)
				return err
			})

			tt.keys(c)

			err := wait()
			if tt.wantErr != nil {
				if !errors.Is(err, tt.wantErr) {
					t.Fatalf("err = %v, want %v", err, tt.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("err = %v; screen:\n%s", err, c.Screen())
			}
			if answer != tt.want {
				t.Errorf("answer = %#v, want %#v", answer, tt.want)
			}
			if tt.wantScreen != "" {
				c.ExpectString(tt.wantScreen)
			}
		})
	}
}
