package main

import (
	"strings"
	"testing"
)

// TestProcfileOrder: the Procfile's web: line beats what detection would
// guess, and --cmd beats the Procfile.
func TestProcfileOrder(t *testing.T) {
	dir := copyFixture(t, "python-procfile")
	r := run(t, nil, "init", "--yes", "--stdout", dir)
	if r.code != 0 || !strings.Contains(r.stdout, `CMD ["sh", "-c", "exec gunicorn app:app --bind 0.0.0.0:$PORT --workers 2"]`) || !strings.Contains(r.stdout, "\nENV PORT=8000\n") {
		t.Fatalf("Procfile not used (exit %d):\n%s%s", r.code, r.stdout, r.stderr)
	}
	r = run(t, nil, "init", "--yes", "--stdout", "--cmd", "gunicorn -w 4 app:app", dir)
	if r.code != 0 || !strings.Contains(r.stdout, `CMD ["gunicorn", "-w", "4", "app:app"]`) {
		t.Fatalf("--cmd did not beat the Procfile (exit %d):\n%s%s", r.code, r.stdout, r.stderr)
	}
}
