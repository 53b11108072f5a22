package detect

import (
	"fmt"
	"io/fs"
	"regexp"
	"slices"
	"strings"

	shellquote "github.com/kballard/go-shellquote"
)

// procfileStacks are the languages whose image runs the repository's own
// files from WORKDIR, as a buildpack slug does, so a Procfile's web: line
// names programs and paths that exist there. Compiled stacks (go, rust,
// java, dotnet, elixir releases) put their artifact elsewhere than the
// buildpack's bin/ or target/, and PHP runs the image's own Apache, not
// heroku-php-apache2, so their web: line is only reported.
var procfileStacks = []string{"python", "node", "ruby", "bun", "deno"}

// procfileLine is one `type: command` line of a Procfile.
var procfileLine = regexp.MustCompile(`^([A-Za-z0-9_-]+):\s*(.*)$`)

// shellSyntax is what a Procfile command needs a shell for: variables,
// quotes' expansions, operators, redirections, globs, substitutions.
var shellSyntax = regexp.MustCompile(`[$&|;<>*?` + "`" + `(){}~]`)

// portVar is a use of $PORT (or ${PORT}, ${PORT:-5000}) in a command.
var portVar = regexp.MustCompile(`\$(?:PORT\b|\{PORT[}:-])`)

// shellList is an operator that makes a line several commands, where a
// leading exec would cut the rest.
var shellList = regexp.MustCompile(`&&|\|\||[;|&]`)

// devServer names the development server or auto-reload a start command
// runs ("" when none): never what an image runs when a production one was
// detected. Each stack knows its own (nodeDevServer, pythonDevServer).
func devServer(cmd string) string {
	if dev := nodeDevServer(cmd); dev != "" {
		return dev
	}
	return strings.TrimSpace(pythonDevServer.FindString(cmd))
}

// procfilePort is the port a Procfile app listens on when nothing else
// names one: the PORT that heroku local (and foreman before it) gives the
// web process. A convention, not a framework default.
const procfilePort = 5000

// applyProcfile makes a Procfile's web: line the start command: it is
// what the project itself declares for production, so it beats the
// detectors' guesses (an explicit --cmd still beats it, in spec). Heroku
// runs the line with a shell; dockgen keeps exec form and only adds one
// (`sh -c "exec ..."`) when the line needs it, such as for $PORT, which
// then stays overridable at run time (platforms inject PORT). A $PORT makes
// PortEnv true, so the image sets ENV PORT to the EXPOSEd port. The
// release: line is reported, not run: the image starts the web process
// only.
func applyProcfile(fsys fs.FS, f *Facts) {
	const name = "Procfile"
	data, ok := readSource(fsys, name)
	if !ok || f.Language == "" {
		return
	}
	procs := map[string]string{}
	var types []string
	for i, raw := range strings.Split(string(data), "\n") {
		line := strings.TrimSpace(raw)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		m := procfileLine.FindStringSubmatch(line)
		if m == nil {
			f.Warnings = append(f.Warnings, fmt.Sprintf("%s: line %d is not `type: command`; skipped", name, i+1))
			continue
		}
		if _, dup := procs[m[1]]; !dup {
			types = append(types, m[1])
		}
		procs[m[1]] = strings.TrimSpace(m[2])
	}
	if rel := procs["release"]; rel != "" {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: release: %s is not run by the image (it starts the web process); run it as a deploy step, e.g. a one-off container of this image", name, quote(rel)))
	}
	web, hasWeb := procs["web"]
	if !hasWeb {
		if len(types) > 0 {
			f.Warnings = append(f.Warnings, fmt.Sprintf("%s: no web: line (%s); the start command is detected as usual", name, strings.Join(types, ", ")))
		}
		return
	}
	if web == "" {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: the web: line is empty; the start command is detected as usual", name))
		return
	}
	if !slices.Contains(procfileStacks, f.Language) || f.OutputDir != "" {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: web: %s is not used: the %s image runs the built artifact, not the repository's files; pass --cmd to run it otherwise", name, quote(web), f.Language))
		return
	}
	if dev := devServer(web); dev != "" && len(f.Command) > 0 {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: web: %s runs a development server (%s); the image runs the detected %s instead", name, quote(web), dev, quote(strings.Join(f.Command, " "))))
		return
	}
	cmd, how, err := procfileCommand(web)
	if err != nil {
		f.Warnings = append(f.Warnings, fmt.Sprintf("%s: web: %v; the start command is detected as usual", name, err))
		return
	}
	var lost []Candidate
	if len(f.Command) > 0 {
		lost = []Candidate{{Value: strings.Join(f.Command, " "), File: evidenceFile(f, "command"), Reason: evidenceReason(f, "command")}}
	}
	f.Evidence = slices.DeleteFunc(f.Evidence, func(e Evidence) bool { return e.Field == "command" })
	f.Command = cmd
	f.Evidence = append(f.Evidence, Evidence{Field: "command", File: name, Reason: "web: " + web + how,
		Rule: "a Procfile's web: line is the project's own start command: it beats the detected one", Candidates: lost})
	if portVar.MatchString(web) {
		f.PortEnv = true
		f.Evidence = append(f.Evidence, Evidence{Field: "port_env", File: name, Reason: "the web: line reads $PORT"})
		if f.Port == 0 {
			f.Port = procfilePort
			f.Evidence = slices.DeleteFunc(f.Evidence, func(e Evidence) bool { return e.Field == "port" })
			f.Evidence = append(f.Evidence, Evidence{Field: "port", File: name, Reason: fmt.Sprintf("convention: %d, the PORT heroku local gives a Procfile's web process (no file names a port)", procfilePort)})
		}
	}
}

// procfileCommand turns a web: line into exec form: its shell words when it
// is a plain command, else `sh -c` with the line (prefixed with exec when
// it is one command, so the server is PID 1 and gets the stop signal).
// how says which, for the evidence.
func procfileCommand(line string) (cmd []string, how string, err error) {
	if strings.ContainsAny(line, "\r\x00") {
		return nil, "", fmt.Errorf("%s contains a control character", quote(line))
	}
	words, err := shellquote.Split(line)
	if err != nil {
		return nil, "", fmt.Errorf("cannot split %s into words: %v", quote(line), err)
	}
	if len(words) == 0 {
		return nil, "", fmt.Errorf("%s is empty", quote(line))
	}
	if !shellSyntax.MatchString(line) {
		return words, "", nil
	}
	script := line
	if !shellList.MatchString(line) && !strings.HasPrefix(line, "exec ") {
		script = "exec " + line
	}
	return []string{"sh", "-c", script}, " (shell syntax such as $PORT: run with sh -c, as Heroku runs it)", nil
}

func evidenceFile(f *Facts, field string) string {
	if i := evidenceIndex(f, field); i >= 0 {
		return f.Evidence[i].File
	}
	return ""
}

func evidenceReason(f *Facts, field string) string {
	if i := evidenceIndex(f, field); i >= 0 {
		return f.Evidence[i].Reason
	}
	return "detected"
}
