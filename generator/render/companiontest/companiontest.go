// Package companiontest checks the companion files dockgen renders beside a
// Dockerfile with the programs that read them: nginx.conf with `nginx -t`,
// the Apache configuration a php Dockerfile writes with `apache2ctl -t`,
// compose.yaml with compose-spec's own loader and its schema validation.
// A file that fails its program is a test failure, like a lint finding.
//
// A missing program (nginx, apache2ctl) skips the check on a developer's
// machine, but fails it when the environment says CI=true: CI installs them
// (.ci/run), so a check that silently skips there would prove nothing.
package companiontest

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/compose-spec/compose-go/v2/loader"
	"github.com/compose-spec/compose-go/v2/types"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Need returns the path of program, or skips the test (fails it under
// CI=true) when it is not installed.
func Need(t testing.TB, program string) string {
	t.Helper()
	p, err := exec.LookPath(program)
	if err == nil {
		return p
	}
	for _, dir := range []string{"/usr/sbin", "/usr/local/sbin", "/sbin"} {
		if p := filepath.Join(dir, program); isExecutable(p) {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s is not installed: CI must install it (.ci/run) to check the files dockgen writes", program)
	}
	t.Skipf("%s is not installed; skipping its check (CI installs it)", program)
	return ""
}

func isExecutable(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir() && st.Mode()&0o111 != 0
}

// mimeTypes is what a temp prefix gets when the machine has no
// /etc/nginx/mime.types of its own.
const mimeTypes = "types {\n    text/html html;\n    text/css css;\n    application/javascript js;\n}\n"

// Nginx runs `nginx -t` on conf, a main nginx.conf. Every absolute path
// under /etc/nginx/ and /tmp/ in it is moved into a temp prefix, so the
// test neither needs root nor touches the machine's files: the prefix has
// mime.types (the machine's, or a small one) and the files of extra, keyed
// by their path under /etc/nginx/ ("conf.d/default.conf").
func Nginx(t testing.TB, conf []byte, extra map[string][]byte) {
	t.Helper()
	if err := nginxTest(Need(t, "nginx"), t.TempDir(), conf, extra); err != nil {
		t.Errorf("%v\n--- nginx.conf\n%s", err, conf)
	}
}

func nginxTest(nginx, prefix string, conf []byte, extra map[string][]byte) error {
	etc := filepath.Join(prefix, "etc", "nginx")
	if err := os.MkdirAll(filepath.Join(prefix, "tmp"), 0o755); err != nil {
		return err
	}
	mime, err := os.ReadFile("/etc/nginx/mime.types")
	if err != nil {
		mime = []byte(mimeTypes)
	}
	files := map[string][]byte{"mime.types": mime}
	for name, data := range extra {
		files[name] = data
	}
	for name, data := range files {
		p := filepath.Join(etc, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, relocate(data, prefix), 0o644); err != nil {
			return err
		}
	}
	main := filepath.Join(prefix, "nginx.conf")
	if err := os.WriteFile(main, relocate(conf, prefix), 0o644); err != nil {
		return err
	}
	if out, err := run(nginx, nil, "-t", "-q", "-e", "stderr", "-p", prefix+"/", "-c", main); err != nil {
		return fmt.Errorf("nginx -t rejects the nginx.conf: %v\n%s", err, out)
	}
	return nil
}

func relocate(conf []byte, prefix string) []byte {
	r := strings.NewReplacer("/etc/nginx/", prefix+"/etc/nginx/", "/tmp/", prefix+"/tmp/")
	return []byte(r.Replace(string(conf)))
}

// Apache runs step, the shell command of a php Dockerfile's RUN that
// edits /etc/apache2/ports.conf (ApacheStep: moving the port and the
// document root, writing private-files.conf, enabling modules), on a copy
// of the machine's Debian Apache configuration, then `apache2ctl -t` on the
// result. env holds the ENV values the configuration names
// (APACHE_DOCUMENT_ROOT).
func Apache(t testing.TB, step string, env map[string]string) {
	t.Helper()
	ctl := Need(t, "apache2ctl")
	if _, err := os.Stat("/etc/apache2/apache2.conf"); err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("no /etc/apache2/apache2.conf to check the Apache configuration against: %v", err)
		}
		t.Skipf("no /etc/apache2 configuration: %v", err)
	}
	if err := apacheTest(ctl, t.TempDir(), step, env); err != nil {
		t.Error(err)
	}
}

func apacheTest(ctl, dir, step string, env map[string]string) error {
	confdir := filepath.Join(dir, "apache2")
	if out, err := run("cp", nil, "-a", "/etc/apache2", confdir); err != nil {
		return fmt.Errorf("copy /etc/apache2: %v\n%s", err, out)
	}
	// apache2ctl sources the copy's envvars, which sets the run, lock and
	// log folders unconditionally (and apache2ctl creates them): point them
	// at dir, so nothing lands in /var/run or /var/lock.
	for _, d := range []string{"run", "lock", "log"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o755); err != nil {
			return err
		}
	}
	f, err := os.OpenFile(filepath.Join(confdir, "envvars"), os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		return err
	}
	_, err = fmt.Fprintf(f, "\nexport APACHE_RUN_DIR=%s APACHE_LOCK_DIR=%s APACHE_LOG_DIR=%s\n",
		filepath.Join(dir, "run"), filepath.Join(dir, "lock"), filepath.Join(dir, "log"))
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return err
	}
	vars := []string{"APACHE_CONFDIR=" + confdir,
		// a2enconf and a2enmod keep their markers here: not /var/lib/apache2.
		"APACHE_STATE_DIRECTORY=" + filepath.Join(dir, "state")}
	for k, v := range env {
		vars = append(vars, k+"="+v)
	}
	script := strings.ReplaceAll(step, "/etc/apache2", confdir)
	if out, err := run("sh", vars, "-ec", script); err != nil {
		return fmt.Errorf("the Dockerfile's Apache step fails on Debian's configuration: %v\n%s\n--- step\n%s", err, out, step)
	}
	out, err := run(ctl, vars, "-t")
	if err != nil || !bytes.Contains(out, []byte("Syntax OK")) {
		return fmt.Errorf("apache2ctl -t rejects the configuration the Dockerfile writes: %v\n%s\n--- step\n%s", err, out, step)
	}
	return nil
}

// ApacheStep is the shell command of the RUN instruction of dockerfile
// that edits /etc/apache2/ports.conf, "" when there is none.
func ApacheStep(dockerfile []byte) (string, error) {
	res, err := parser.Parse(bytes.NewReader(dockerfile))
	if err != nil {
		return "", err
	}
	for _, n := range res.AST.Children {
		if !strings.EqualFold(n.Value, "run") || n.Next == nil {
			continue
		}
		var words []string
		for a := n.Next; a != nil; a = a.Next {
			words = append(words, a.Value)
		}
		cmd := strings.Join(words, " ")
		if strings.Contains(cmd, "/etc/apache2/ports.conf") {
			return cmd, nil
		}
	}
	return "", nil
}

// Compose loads compose.yaml with compose-spec's loader, schema validation
// on, as `docker compose config` would, in dir (the repository).
func Compose(t testing.TB, dir string, data []byte) *types.Project {
	t.Helper()
	p, err := loadCompose(dir, data)
	if err != nil {
		t.Errorf("%v\n%s", err, data)
	}
	return p
}

func loadCompose(dir string, data []byte) (*types.Project, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	p, err := loader.LoadWithContext(ctx, types.ConfigDetails{
		WorkingDir:  dir,
		ConfigFiles: []types.ConfigFile{{Filename: filepath.Join(dir, "compose.yaml"), Content: data}},
		Environment: types.Mapping{},
	}, func(o *loader.Options) { o.SetProjectName("dockgen-test", true) })
	if err != nil {
		return nil, fmt.Errorf("compose-spec's loader rejects compose.yaml: %v", err)
	}
	return p, nil
}

func run(program string, env []string, args ...string) ([]byte, error) {
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, program, args...)
	cmd.Env = append(os.Environ(), env...)
	return cmd.CombinedOutput()
}
