package prompt_test

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt"
)

// recorder is a testing.TB that records failures instead of failing the real
// test, so the Fake's own failures can be asserted.
type recorder struct {
	testing.TB // nil: calling anything not overridden panics
	fatals     []string
	errs       []string
	cleanups   []func()
}

func (r *recorder) Helper() {}

func (r *recorder) Fatalf(format string, args ...any) {
	r.fatals = append(r.fatals, fmt.Sprintf(format, args...))
}

func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

func (r *recorder) Cleanup(f func()) { r.cleanups = append(r.cleanups, f) }

// end runs the cleanups, as the end of a test does.
func (r *recorder) end() {
	for i := len(r.cleanups) - 1; i >= 0; i-- {
		r.cleanups[i]()
	}
	r.cleanups = nil
}

var langs = []string{"python", "node", "go"}

// TestFakeAnswers walks a whole conversation the way a command test would.
func TestFakeAnswers(t *testing.T) {
	f := prompt.NewFake(t)
	f.ExpectSelect("Language?", "node")
	f.ExpectSelect("Variant?", "") // accept the pre-selected one
	f.ExpectSelect("Package manager?", "")
	f.ExpectInputWithDefault("Port?", "8000", "")
	f.ExpectInput("Command?", "gunicorn app:app")
	f.ExpectInputDefault("User?")
	f.ExpectConfirmWithDefault("Write these files?", true, false)

	mustString := func(s string, err error) string {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	got := []string{
		mustString(f.Select("Language?", langs, "python")),
		mustString(f.Select("Variant?", []string{"bookworm", "slim", "alpine"}, "slim")),
		mustString(f.Select("Package manager?", []string{"pip", "uv"}, "poetry")), // not an option: first
		mustString(f.Input("Port?", "8000", nil)),
		mustString(f.Input("Command?", "python app.py", nil)),
		mustString(f.Input("User?", "app", nil)),
	}
	want := []string{"node", "slim", "pip", "8000", "gunicorn app:app", "app"}
	if !slices.Equal(got, want) {
		t.Errorf("answers = %q, want %q", got, want)
	}
	ok, err := f.Confirm("Write these files?", true)
	if err != nil || ok {
		t.Errorf("Confirm = %v, %v; want false, nil", ok, err)
	}

	wantAsked := []string{
		"Language?=python", "Variant?=slim", "Package manager?=poetry", "Port?=8000",
		"Command?=python app.py", "User?=app", "Write these files?=true",
	}
	if asked := f.Asked(); !slices.Equal(asked, wantAsked) {
		t.Errorf("Asked() = %q, want %q", asked, wantAsked)
	}
}

func TestFakeInputValidator(t *testing.T) {
	errPort := errors.New("not a port")
	validate := func(s string) error {
		if s != "8000" {
			return errPort
		}
		return nil
	}
	f := prompt.NewFake(t)
	f.ExpectInput("Port?", "http")
	f.ExpectInputDefault("Port?")

	if _, err := f.Input("Port?", "8000", validate); !errors.Is(err, errPort) {
		t.Errorf("rejected answer: err = %v, want %v", err, errPort)
	}
	if got, err := f.Input("Port?", "8000", validate); err != nil || got != "8000" {
		t.Errorf("accepted default: got %q, %v; want \"8000\", nil", got, err)
	}
}

// TestFakeFailures proves the Fake fails the test when the code under test
// does not ask what the test expects.
func TestFakeFailures(t *testing.T) {
	tests := []struct {
		name   string
		expect func(f *prompt.Fake)
		ask    func(p prompt.Prompter)
		// wantFatal and wantError are substrings of the one failure expected
		// (t.Fatalf while asking, t.Errorf at the end of the test).
		wantFatal, wantError string
	}{
		{
			name:      "wrong kind",
			expect:    func(f *prompt.Fake) { f.ExpectInput("Language?", "go") },
			ask:       func(p prompt.Prompter) { p.Select("Language?", langs, "") },
			wantFatal: `expected Input("Language?"), got Select("Language?")`,
		},
		{
			name: "wrong order",
			expect: func(f *prompt.Fake) {
				f.ExpectSelect("Language?", "go")
				f.ExpectInput("Port?", "80")
			},
			ask: func(p prompt.Prompter) {
				p.Input("Port?", "8000", nil)
			},
			wantFatal: `expected Select("Language?"), got Input("Port?")`,
		},
		{
			name:      "message differs",
			expect:    func(f *prompt.Fake) { f.ExpectConfirm("Write these files?", true) },
			ask:       func(p prompt.Prompter) { p.Confirm("Write the files?", true) },
			wantFatal: `expected Confirm("Write these files?"), got Confirm("Write the files?")`,
		},
		{
			name:      "unknown option label",
			expect:    func(f *prompt.Fake) { f.ExpectSelect("Language?", "cobol") },
			ask:       func(p prompt.Prompter) { p.Select("Language?", langs, "") },
			wantFatal: `answer "cobol" is not among the options`,
		},
		{
			name:      "question not expected",
			expect:    func(f *prompt.Fake) {},
			ask:       func(p prompt.Prompter) { p.Input("Port?", "8000", nil) },
			wantFatal: `unexpected Input("Port?")`,
		},
		{
			name:      "input default differs",
			expect:    func(f *prompt.Fake) { f.ExpectInputWithDefault("Port?", "8000", "") },
			ask:       func(p prompt.Prompter) { p.Input("Port?", "3000", nil) },
			wantFatal: `default is "3000", want "8000"`,
		},
		{
			name:      "select default differs",
			expect:    func(f *prompt.Fake) { f.ExpectSelectWithDefault("Language?", "python", "") },
			ask:       func(p prompt.Prompter) { p.Select("Language?", langs, "node") },
			wantFatal: `default is "node", want "python"`,
		},
		{
			name:      "confirm default differs",
			expect:    func(f *prompt.Fake) { f.ExpectConfirmWithDefault("Write these files?", true, true) },
			ask:       func(p prompt.Prompter) { p.Confirm("Write these files?", false) },
			wantFatal: `default is "false", want "true"`,
		},
		{
			name: "expectations left unused",
			expect: func(f *prompt.Fake) {
				f.ExpectSelect("Language?", "go")
				f.ExpectInput("Port?", "80")
			},
			ask:       func(p prompt.Prompter) { p.Select("Language?", langs, "") },
			wantError: `1 expected question(s) not asked: Input("Port?")`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{}
			f := prompt.NewFake(r)
			tt.expect(f)
			tt.ask(f)
			fatals := r.fatals
			r.end()
			errs := r.errs

			switch {
			case tt.wantFatal == "" && len(fatals) != 0:
				t.Errorf("Fatalf calls = %q, want none", fatals)
			case tt.wantFatal != "" && (len(fatals) != 1 || !strings.Contains(fatals[0], tt.wantFatal)):
				t.Errorf("Fatalf calls = %q, want one containing %q", fatals, tt.wantFatal)
			}
			if tt.wantError == "" {
				return
			}
			if got := strings.Join(errs, "\n"); len(errs) != 1 || !strings.Contains(got, tt.wantError) {
				t.Errorf("Errorf calls at the end = %q, want one containing %q", errs, tt.wantError)
			}
		})
	}
}

// TestFakeVerifyReportsOnce: an explicit Verify and the cleanup do not both
// report the same unused expectation.
func TestFakeVerifyReportsOnce(t *testing.T) {
	r := &recorder{}
	f := prompt.NewFake(r)
	f.ExpectConfirm("Write these files?", true)
	f.Verify()
	r.end()
	if len(r.errs) != 1 {
		t.Errorf("Errorf calls = %q, want exactly one", r.errs)
	}
}

// TestFakeIsPrompter: commands take a Prompter, tests hand them a Fake.
func TestFakeIsPrompter(t *testing.T) {
	var _ prompt.Prompter = prompt.NewFake(t)
}
