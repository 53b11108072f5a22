package detect

import (
	"io/fs"
	"strings"
)

// entrypointScripts are the entrypoint scripts repositories ship for their
// image, in precedence order: the names Docker's own images and Rails
// (bin/docker-entrypoint) use, at the root and in docker/ or scripts/.
var entrypointScripts = []string{
	"docker-entrypoint.sh", "entrypoint.sh", "bin/docker-entrypoint",
	"docker/docker-entrypoint.sh", "docker/entrypoint.sh",
	"scripts/docker-entrypoint.sh", "scripts/entrypoint.sh",
}

// caddyfiles are where a repository keeps a Caddy configuration.
var caddyfiles = []string{"Caddyfile", "caddy/Caddyfile", "docker/Caddyfile"}

// ownFiles finds the files a repository ships for its own container, for
// every language: an entrypoint script, which becomes the image's
// ENTRYPOINT, and a Caddyfile, which dockgen leaves alone and says so.
// (nginx configurations are the static stack's: nginxOwnConfig.)
func ownFiles(fsys fs.FS, f *Facts) {
	if f.Language == "" {
		return
	}
	r := &recorder{f: *f}
	if name := firstExisting(fsys, entrypointScripts); name != "" {
		src, _ := readSource(fsys, name)
		shebang, _, _ := strings.Cut(string(src), "\n")
		switch {
		case !strings.HasPrefix(shebang, "#!"):
			r.warn("%s: an entrypoint script without a #! line cannot be exec'd; not used as the ENTRYPOINT (add #!/bin/sh)", name)
		default:
			interp := strings.Join(strings.Fields(strings.TrimPrefix(shebang, "#!")), " ")
			r.f.EntrypointScript, r.f.EntrypointShell = name, interp
			r.evidence("entrypoint_script", name, "the repository's entrypoint script ("+interp+"): the image's ENTRYPOINT, with the start command as its arguments")
		}
	}
	if name := firstExisting(fsys, caddyfiles); name != "" {
		r.evidence("caddyfile", name, "a Caddy configuration: not used")
		r.warn("%s: dockgen's image does not run Caddy, so this configuration is not applied (the file is left as it is; the image serves with %s)", name, server(r.f.Language))
	}
	*f = r.f
}

// server names what a language's image serves with, for messages.
func server(language string) string {
	switch language {
	case "static":
		return "nginx"
	case "php":
		return "Apache or PHP-FPM"
	}
	return "the app's own server"
}
