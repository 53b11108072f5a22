package companiontest

import (
	"strings"
	"testing"
)

// Each checker must reject what its program rejects, or a passing matrix
// proves nothing.
func TestNginxRejects(t *testing.T) {
	nginx := Need(t, "nginx")
	conf := func(location string) []byte {
		return []byte("pid /tmp/nginx.pid;\nevents {}\nhttp {\n    include /etc/nginx/mime.types;\n    access_log /dev/stdout;\n    client_body_temp_path /tmp/client_temp;\n" +
			// Every temp path in /tmp: as root, nginx -t creates the missing ones (under /var/lib/nginx by default).
			"    proxy_temp_path /tmp/proxy_temp;\n    fastcgi_temp_path /tmp/fastcgi_temp;\n    uwsgi_temp_path /tmp/uwsgi_temp;\n    scgi_temp_path /tmp/scgi_temp;\n" +
			"    include /etc/nginx/conf.d/*.conf;\n    server {\n        listen 8080;\n        " + location + "\n    }\n}\n")
	}
	extra := map[string][]byte{"conf.d/default.conf": []byte("server {\n    listen 8081;\n}\n")}
	if err := nginxTest(nginx, t.TempDir(), conf(`location ~* "^/main[.-][A-Za-z0-9]{8,20}\.js$" { try_files $uri =404; }`), extra); err != nil {
		t.Errorf("a valid nginx.conf is rejected: %v", err)
	}
	err := nginxTest(nginx, t.TempDir(), conf(`location ~* ^/main[.-][A-Za-z0-9]{8,20}\.js$ { try_files $uri =404; }`), extra)
	if err == nil || !strings.Contains(err.Error(), "unknown directive") {
		t.Errorf("an unquoted regex with {8,20} passes nginx -t: %v", err)
	}
	err = nginxTest(nginx, t.TempDir(), conf(""), map[string][]byte{"conf.d/default.conf": []byte("server {\n    lisen 80;\n}\n")})
	if err == nil {
		t.Error("a server block with an unknown directive passes nginx -t")
	}
}

func TestApacheRejects(t *testing.T) {
	ctl := Need(t, "apache2ctl")
	good := `sed -ri 's/^Listen 80$/Listen 8080/' /etc/apache2/ports.conf && printf '%s\n' 'RedirectMatch 404 ^/(vendor(/|$)|\.(?!well-known/))' > /etc/apache2/conf-available/private-files.conf && a2enconf private-files`
	if err := apacheTest(ctl, t.TempDir(), good, nil); err != nil {
		t.Errorf("a valid step is rejected: %v", err)
	}
	bad := strings.Replace(good, "RedirectMatch 404", "RedirectMatch 404 ^/(", 1)
	if err := apacheTest(ctl, t.TempDir(), bad, nil); err == nil {
		t.Error("a RedirectMatch with a broken regex passes apache2ctl -t")
	}
}

func TestComposeRejects(t *testing.T) {
	dir := t.TempDir()
	if _, err := loadCompose(dir, []byte("services:\n  app:\n    build: .\n    ports:\n      - \"8080:8080\"\n")); err != nil {
		t.Errorf("a valid compose.yaml is rejected: %v", err)
	}
	for _, bad := range []string{
		"services:\n  app:\n    build: .\n    ports: {web: 8080}\n",
		"services:\n  app:\n    build: .\n    healthcheck:\n      test: [\"CMD\"]\n      interval: soon\n",
		"services:\n  app:\n    biuld: .\n",
	} {
		if _, err := loadCompose(dir, []byte(bad)); err == nil {
			t.Errorf("compose-spec's loader accepts:\n%s", bad)
		}
	}
}
