package detect

import (
	"io/fs"
	"path"
	"strconv"
	"strings"
)

// nginxConfigs are where repositories keep the nginx configuration their
// image runs with, in precedence order: the root, then the folders real
// projects use (nginx/, conf/, config/, docker/, deploy/, .nginx/).
var nginxConfigs = func() []string {
	var out []string
	for _, dir := range []string{".", "nginx", "nginx/conf.d", "conf", "config", "config/nginx", "docker", "docker/nginx", "deploy", "deploy/nginx", ".nginx"} {
		for _, name := range []string{"nginx.conf", "default.conf"} {
			out = append(out, path.Join(dir, name))
		}
	}
	return out
}()

// dockgenNginxMark is in every nginx.conf dockgen writes, so a re-run does
// not take dockgen's own file for the repository's.
const dockgenNginxMark = "Written by dockgen."

// nginxConf is what dockgen needs to know of an nginx configuration.
type nginxConf struct {
	// main is true for a whole nginx.conf (events {} or http {} at the top
	// level); false for server {} blocks, which go in conf.d/.
	main bool
	// server is true when a server {} block is at the top level.
	server bool
	// listens are the ports of the listen directives, in order.
	listens []int
	// root is the first server's root directive, "" when none.
	root string
	// pid is the main context's pid directive, "" when none.
	pid string
	// temps are the *_temp_path directives' paths.
	temps []string
	// user is true when the main context has a user directive.
	user bool
}

// parseNginx reads the structure of an nginx configuration: which blocks
// are at the top level, and the directives that decide whether nginx can
// run as an unprivileged user. It tokenizes as nginx does (words, quoted
// strings, ';', '{', '}', '#' comments); it is not a validator.
func parseNginx(src []byte) nginxConf {
	var c nginxConf
	var stack []string // enclosing block names
	var words []string
	serverSeen := false
	end := func(block bool) {
		if len(words) == 0 {
			return
		}
		name, args := words[0], words[1:]
		depth := len(stack)
		inServer := depth > 0 && stack[len(stack)-1] == "server"
		switch {
		case block && depth == 0 && (name == "http" || name == "events"):
			c.main = true
		case block && depth == 0 && name == "server":
			c.server = true
		case !block && name == "listen" && len(args) > 0:
			addr := args[0]
			if i := strings.LastIndex(addr, ":"); i >= 0 {
				addr = addr[i+1:]
			}
			if p, err := strconv.Atoi(addr); err == nil && p > 0 && p < 65536 {
				c.listens = append(c.listens, p)
			}
		case !block && name == "root" && inServer && !serverSeen && c.root == "" && len(args) > 0:
			c.root = args[0]
		case !block && name == "pid" && depth == 0 && len(args) > 0:
			c.pid = args[0]
		case !block && name == "user" && depth == 0:
			c.user = true
		case !block && strings.HasSuffix(name, "_temp_path") && len(args) > 0:
			c.temps = append(c.temps, args[0])
		}
		if block {
			stack = append(stack, name)
		}
		words = words[:0]
	}
	s := string(src)
	for i := 0; i < len(s); {
		ch := s[i]
		switch {
		case ch == '#':
			for i < len(s) && s[i] != '\n' {
				i++
			}
		case ch == ' ' || ch == '\t' || ch == '\n' || ch == '\r':
			i++
		case ch == ';':
			end(false)
			i++
		case ch == '{':
			end(true)
			i++
		case ch == '}':
			words = words[:0]
			if n := len(stack); n > 0 {
				if stack[n-1] == "server" {
					serverSeen = true
				}
				stack = stack[:n-1]
			}
			i++
		case ch == '"' || ch == '\'':
			j := i + 1
			for j < len(s) && s[j] != ch {
				if s[j] == '\\' {
					j++
				}
				j++
			}
			words = append(words, s[min(i+1, len(s)):min(j, len(s))])
			i = j + 1
		default:
			j := i
			for j < len(s) && !strings.ContainsRune(" \t\r\n;{}\"'", rune(s[j])) {
				j++
			}
			words = append(words, s[i:j])
			i = j
		}
	}
	return c
}

// nginxOwnConfig finds the repository's own nginx configuration for a
// static site: the first of nginxConfigs that dockgen did not write, read
// to know whether it is a whole nginx.conf or server blocks, its port and
// its root, with warnings for what an unprivileged nginx cannot do.
func nginxOwnConfig(fsys fs.FS, r *recorder) {
	var found []string
	for _, name := range nginxConfigs {
		src, ok := readSource(fsys, name)
		if !ok || strings.Contains(string(src), dockgenNginxMark) {
			continue
		}
		found = append(found, name)
	}
	if len(found) == 0 {
		return
	}
	name := found[0]
	src, _ := readSource(fsys, name)
	c := parseNginx(src)
	var kind, reason string
	switch {
	case c.main:
		kind, reason = "main", "the repository's own nginx.conf (events/http at the top level): copied to /etc/nginx/nginx.conf"
	case c.server:
		kind, reason = "server", "the repository's own server block: copied to /etc/nginx/conf.d/default.conf, included by dockgen's nginx.conf"
	default:
		r.warn("%s: neither http {} nor server {} at the top level; dockgen does not know where it goes and does not use it", name)
		return
	}
	r.f.NginxConfig, r.f.NginxConfigKind = name, kind
	r.evidence("nginx_config", name, reason)
	for _, other := range found[1:] {
		last := &r.f.Evidence[len(r.f.Evidence)-1]
		last.Rule = "the first of nginx.conf, default.conf, then nginx/, conf/, config/, docker/, deploy/"
		last.Candidates = append(last.Candidates, Candidate{File: other, Reason: other + " exists too; not used"})
	}
	r.drop("port") // nginx listens where the repository's file says
	if len(c.listens) > 0 {
		r.f.Port = c.listens[0]
		r.evidence("port", name, "listen "+strconv.Itoa(c.listens[0]))
		for _, p := range c.listens {
			if p < 1024 {
				r.warn("%s: listen %d: the unprivileged user nginx can bind a port below 1024 only where the container runtime allows it (Docker 20.10+ does; Kubernetes and rootless runtimes may not): listen on 8080 to be safe", name, p)
				break
			}
		}
	} else {
		r.f.Port = 80
		r.evidence("port", name, "no listen directive: nginx listens on 80")
		r.warn("%s: no listen directive, so nginx listens on 80, which the unprivileged user nginx can bind only where the container runtime allows it: add `listen 8080;`", name)
	}
	if c.root != "" {
		if strings.HasPrefix(c.root, "/") && !strings.ContainsAny(c.root, "$ \t") {
			r.f.SiteRoot = path.Clean(c.root)
			r.evidence("output", name, "root "+r.f.SiteRoot+": the site is copied there")
		} else {
			r.warn("%s: root %s is not a fixed absolute path; the site is copied to /usr/share/nginx/html", name, quote(c.root))
		}
	}
	if kind == "main" {
		if c.user {
			r.warn("%s: the user directive is ignored: the image runs nginx as its unprivileged user nginx", name)
		}
		var fix []string
		if c.pid != "" && !strings.HasPrefix(c.pid, "/tmp/") {
			fix = append(fix, "pid "+c.pid)
		}
		for _, t := range c.temps {
			if !strings.HasPrefix(t, "/tmp/") {
				fix = append(fix, t)
			}
		}
		if len(c.temps) == 0 {
			fix = append(fix, "the default temp paths (no *_temp_path)")
		}
		if len(fix) > 0 {
			r.warn("%s: the unprivileged user nginx can write only /tmp, so nginx stops at start on %s: put them under /tmp (pid /tmp/nginx.pid; client_body_temp_path, proxy_temp_path, fastcgi_temp_path, uwsgi_temp_path, scgi_temp_path /tmp/...)", name, strings.Join(fix, ", "))
		}
		if c.pid == "" {
			r.f.NginxPid = true
			r.evidence("command", name, "no pid directive: the command sets pid /tmp/nginx.pid, which the user nginx may write")
		}
	}
}
