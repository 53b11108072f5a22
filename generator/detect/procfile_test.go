package detect

import (
	"reflect"
	"strings"
	"testing"
	"testing/fstest"
)

func TestProcfileCommand(t *testing.T) {
	for _, tc := range []struct {
		line string
		want []string
	}{
		{"gunicorn app:app --workers 2", []string{"gunicorn", "app:app", "--workers", "2"}},
		{`node server.js --title "my app"`, []string{"node", "server.js", "--title", "my app"}},
		// $PORT needs a shell; exec keeps the server PID 1.
		{"gunicorn app:app --bind 0.0.0.0:$PORT", []string{"sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT"}},
		{"exec puma -p ${PORT:-3000}", []string{"sh", "-c", "exec puma -p ${PORT:-3000}"}},
		// Several commands: no exec, it would cut the rest.
		{"python manage.py collectstatic --noinput && gunicorn p.wsgi", []string{"sh", "-c", "python manage.py collectstatic --noinput && gunicorn p.wsgi"}},
	} {
		got, _, err := procfileCommand(tc.line)
		if err != nil || !reflect.DeepEqual(got, tc.want) {
			t.Errorf("procfileCommand(%q) = %q, %v; want %q", tc.line, got, err, tc.want)
		}
	}
	if _, _, err := procfileCommand(`gunicorn "app:app`); err == nil {
		t.Error("an unterminated quote is not an error")
	}
}

func TestProcfile(t *testing.T) {
	flask := []string{"requirements.txt", "flask\ngunicorn\n", "app.py", "from flask import Flask\napp = Flask(__name__)\n"}
	with := func(procfile string, kv ...string) fstest.MapFS {
		return files(append(kv, "Procfile", procfile)...)
	}
	for _, tc := range []struct {
		name    string
		files   fstest.MapFS
		cmd     []string
		port    int
		portEnv bool
		warn    string
	}{
		{"web line beats the detected gunicorn command", with("web: gunicorn app:app --workers 3\n", flask...),
			[]string{"gunicorn", "app:app", "--workers", "3"}, 8000, false, ""},
		{"$PORT: sh -c, PortEnv, the detected port kept", with("release: flask db upgrade\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\n", flask...),
			[]string{"sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT"}, 8000, true, `Procfile: release: "flask db upgrade" is not run by the image`},
		{"$PORT with no port anywhere: the heroku local convention", with("web: python bot.py --port $PORT", "requirements.txt", "requests\n", "bot.py", "print(1)\n"),
			[]string{"sh", "-c", "exec python bot.py --port $PORT"}, 5000, true, ""},
		{"node: any stack that runs its files", with("web: node src/index.js\n", "package.json", `{"name":"x","dependencies":{"express":"^4"}}`, "src/index.js", ""),
			[]string{"node", "src/index.js"}, 0, false, ""},
		{"no web line: detected as usual", with("worker: celery -A app worker\n", flask...),
			nil, 8000, false, "Procfile: no web: line (worker)"},
		{"a compiled stack: reported, not used", with("web: bin/server\n", "go.mod", "module x\n\ngo 1.23\n", "main.go", "package main\nfunc main() {}\n"),
			nil, 0, false, `Procfile: web: "bin/server" is not used`},
		{"a development server in the web line: the detected server instead", with("web: flask run --host 0.0.0.0 --reload\n", flask...),
			nil, 8000, false, `Procfile: web: "flask run --host 0.0.0.0 --reload" runs a development server (flask run); the image runs the detected "gunicorn --bind 0.0.0.0:8000 app:app" instead`},
		// Node's own list of development servers applies to a web: line too.
		{"a node development server in the web line: the detected command instead", with("web: vite --host\n", "package.json", `{"name":"x","scripts":{"start":"node server.js"},"dependencies":{"express":"^5"}}`, "server.js", "require('express')().listen(3000)\n"),
			nil, 3000, false, `Procfile: web: "vite --host" runs a development server (vite); the image runs the detected "node server.js" instead`},
		{"bad line: a warning naming the file", with("web gunicorn app:app\n", flask...),
			nil, 8000, false, "Procfile: line 1 is not `type: command`"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := Detect(tc.files)
			if tc.cmd != nil && !reflect.DeepEqual(f.Command, tc.cmd) {
				t.Errorf("Command = %q, want %q", f.Command, tc.cmd)
			}
			if tc.cmd == nil && evidenceFile(&f, "command") == "Procfile" {
				t.Errorf("Command %q came from the Procfile", f.Command)
			}
			if tc.cmd != nil && evidenceFile(&f, "command") != "Procfile" {
				t.Errorf("command evidence is %q, want Procfile", evidenceFile(&f, "command"))
			}
			if tc.port != 0 && f.Port != tc.port {
				t.Errorf("Port = %d, want %d", f.Port, tc.port)
			}
			if f.PortEnv != tc.portEnv {
				t.Errorf("PortEnv = %v, want %v", f.PortEnv, tc.portEnv)
			}
			if tc.warn != "" && !strings.Contains(strings.Join(f.Warnings, "\n"), tc.warn) {
				t.Errorf("warnings %q lack %q", f.Warnings, tc.warn)
			}
			checkEvidence(t, f)
		})
	}
}
