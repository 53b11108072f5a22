package detect

import (
	"slices"
	"strings"
	"testing"
)

func TestParseNginx(t *testing.T) {
	tests := []struct {
		name, src    string
		main, server bool
		listens      []int
		root, pid    string
	}{
		{"whole nginx.conf", "user nginx;\npid /var/run/nginx.pid;\nevents {}\nhttp {\n  server {\n    listen 80;\n    root /var/www;\n  }\n}\n", true, false, []int{80}, "/var/www", "/var/run/nginx.pid"},
		{"server block", "# a comment { with a brace\nserver {\n  listen [::]:8080 default_server;\n  location / { root /srv/a; }\n}\nserver { listen 8443; root /srv/b; }\n", false, true, []int{8080, 8443}, "", ""},
		{"first server's root only", "server { root /srv/first; listen 127.0.0.1:9000; }\nserver { root /srv/second; }\n", false, true, []int{9000}, "/srv/first", ""},
		{"quoted regex with braces", "server {\n  listen 8080;\n  location ~* \"^/x{8,20}$\" { return 404; }\n  root /srv;\n}\n", false, true, []int{8080}, "/srv", ""},
		{"a snippet", "location / { try_files $uri /index.html; }\n", false, false, nil, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := parseNginx([]byte(tt.src))
			if c.main != tt.main || c.server != tt.server || !slices.Equal(c.listens, tt.listens) || c.root != tt.root || c.pid != tt.pid {
				t.Errorf("main, server, listens, root, pid = %v, %v, %v, %q, %q; want %v, %v, %v, %q, %q",
					c.main, c.server, c.listens, c.root, c.pid, tt.main, tt.server, tt.listens, tt.root, tt.pid)
			}
		})
	}
}

func TestOwnFiles(t *testing.T) {
	html := func(more ...string) []string { return append([]string{"index.html", "<h1>x</h1>"}, more...) }
	tests := []struct {
		name        string
		files       []string
		config      string
		kind        string
		port        int
		pid         bool
		root        string
		entrypoint  string
		warnContain []string
	}{
		{name: "no own files", files: html(), port: 8080},
		{name: "dockgen's own nginx.conf is not the repository's", files: html("nginx.conf", "# Written by dockgen.\nevents {}\nhttp {}\n"), port: 8080},
		{name: "a whole nginx.conf without pid: the command sets one", files: html("nginx.conf", "events {}\nhttp {\n client_body_temp_path /tmp/a;\n server { listen 8080; }\n}\n"),
			config: "nginx.conf", kind: "main", port: 8080, pid: true},
		{name: "a whole nginx.conf written for root", files: html("nginx.conf", "user nginx;\npid /run/nginx.pid;\nevents {}\nhttp { server { listen 80; root /srv/www; } }\n"),
			config: "nginx.conf", kind: "main", port: 80, root: "/srv/www",
			warnContain: []string{"listen 80", "user directive is ignored", "pid /run/nginx.pid"}},
		{name: "a server block in nginx/", files: html("nginx/default.conf", "server { listen 8081; }\n"), config: "nginx/default.conf", kind: "server", port: 8081},
		{name: "the root wins over folders", files: html("default.conf", "server { listen 8082; }\n", "conf/nginx.conf", "server { listen 9; }\n"), config: "default.conf", kind: "server", port: 8082},
		{name: "no listen: 80, with a warning", files: html("nginx.conf", "server { root /srv; }\n"), config: "nginx.conf", kind: "server", port: 80, root: "/srv", warnContain: []string{"no listen directive"}},
		{name: "a snippet is not used", files: html("nginx.conf", "location / { }\n"), port: 8080, warnContain: []string{"neither http {} nor server {}"}},
		{name: "an entrypoint script", files: html("docker-entrypoint.sh", "#!/bin/sh\nexec \"$@\"\n"), port: 8080, entrypoint: "docker-entrypoint.sh"},
		{name: "rails' bin/docker-entrypoint", files: html("bin/docker-entrypoint", "#!/bin/bash -e\nexec \"${@}\"\n"), port: 8080, entrypoint: "bin/docker-entrypoint"},
		{name: "a script without #! is not exec'd", files: html("entrypoint.sh", "exec \"$@\"\n"), port: 8080, warnContain: []string{"without a #! line"}},
		{name: "a Caddyfile is left alone, said so", files: html("Caddyfile", ":80 {\n}\n"), port: 8080, warnContain: []string{"Caddyfile: dockgen's image does not run Caddy", "serves with nginx"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(guard(t, files(tt.files...)))
			if got.Language != "static" || got.NginxConfig != tt.config || got.NginxConfigKind != tt.kind || got.Port != tt.port || got.NginxPid != tt.pid ||
				got.SiteRoot != tt.root || got.EntrypointScript != tt.entrypoint {
				t.Errorf("language, config, kind, port, pid, root, entrypoint = %q, %q, %q, %d, %v, %q, %q; want static, %q, %q, %d, %v, %q, %q",
					got.Language, got.NginxConfig, got.NginxConfigKind, got.Port, got.NginxPid, got.SiteRoot, got.EntrypointScript,
					tt.config, tt.kind, tt.port, tt.pid, tt.root, tt.entrypoint)
			}
			if len(tt.warnContain) == 0 && len(got.Warnings) > 0 {
				t.Errorf("warnings %q, want none", got.Warnings)
			}
			for _, w := range tt.warnContain {
				if !slices.ContainsFunc(got.Warnings, func(g string) bool { return strings.Contains(g, w) }) {
					t.Errorf("no warning contains %q: %q", w, got.Warnings)
				}
			}
			checkEvidence(t, got)
		})
	}
}
