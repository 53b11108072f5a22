package detect

import (
	"bufio"
	"bytes"
	"io/fs"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
)

// rubyMarkers make a repository a Ruby one, checked in this order; the
// first found is the language evidence.
var rubyMarkers = []string{"Gemfile", "Gemfile.lock", "config.ru"}

var (
	// gemLine is a `gem "name"` line of a Gemfile.
	gemLine = regexp.MustCompile(`^gem\s*\(?\s*["']([A-Za-z0-9_.-]+)["']`)
	// rubyLine is the Gemfile's `ruby` directive; the arguments follow.
	rubyLine = regexp.MustCompile(`^ruby\s*\(?\s*(.*)$`)
	// quotedArg is one leading quoted argument, and the separator after it.
	quotedArg = regexp.MustCompile(`^["']([^"']*)["']\s*,?\s*`)
	// groupLine opens a `group :development, :test do` block.
	groupLine = regexp.MustCompile(`^group\b(.*)\bdo\s*(\|.*\|)?$`)
	// blockOpen is any other line that opens a do ... end block.
	blockOpen = regexp.MustCompile(`\bdo\s*(\|[^|]*\|)?$`)
	// lockRuby is Gemfile.lock's RUBY VERSION entry: "ruby 3.3.5p100".
	lockRuby = regexp.MustCompile(`^ruby\s+([0-9]+\.[0-9]+(?:\.[0-9]+)?)`)
	// exactRuby is a version with no operator: a pin.
	exactRuby = regexp.MustCompile(`^[0-9]+\.[0-9]+(\.[0-9]+)?$`)
)

// gemfile is what detection reads from a Gemfile.
type gemfile struct {
	ruby     []string // the `ruby` directive's version arguments
	rubyFile bool     // ruby file: ".ruby-version"
	gems     []string // gems outside development and test groups
}

// parseGemfile reads a Gemfile line by line: Gemfiles are Ruby, so this
// reads the conventional forms (`ruby "3.3.5"`, `gem "rails", "~> 8.0"`,
// `group :development, :test do ... end`) and ignores everything else.
func parseGemfile(data []byte) gemfile {
	var g gemfile
	var stack []bool // for each open block: does it exclude its gems?
	excluded := func() bool {
		for _, e := range stack {
			if e {
				return true
			}
		}
		return false
	}
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if i := strings.Index(line, " #"); i >= 0 {
			line = strings.TrimSpace(line[:i])
		}
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case line == "end":
			if len(stack) > 0 {
				stack = stack[:len(stack)-1]
			}
		case groupLine.MatchString(line):
			groups := groupLine.FindStringSubmatch(line)[1]
			stack = append(stack, !strings.Contains(groups, ":production") && !strings.Contains(groups, ":default"))
		case blockOpen.MatchString(line):
			stack = append(stack, false)
		case gemLine.MatchString(line):
			if !excluded() && !strings.Contains(line, "group:") && !strings.Contains(line, ":group =>") {
				g.gems = append(g.gems, strings.ToLower(gemLine.FindStringSubmatch(line)[1]))
			}
		case rubyLine.MatchString(line):
			args := rubyLine.FindStringSubmatch(line)[1]
			if strings.HasPrefix(args, "file:") || strings.HasPrefix(args, ":file") {
				g.rubyFile = true
				continue
			}
			for {
				m := quotedArg.FindStringSubmatch(args)
				if m == nil {
					break
				}
				g.ruby = append(g.ruby, strings.TrimSpace(m[1]))
				args = args[len(m[0]):]
			}
		}
	}
	return g
}

// gemfileLock is what detection reads from Gemfile.lock.
type gemfileLock struct {
	ruby      string   // RUBY VERSION, "3.3.5"
	specs     []string // every locked gem
	platforms []string
}

// parseGemfileLock reads the sections of Gemfile.lock detection needs.
func parseGemfileLock(data []byte) gemfileLock {
	var l gemfileLock
	section := ""
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		raw := sc.Text()
		if raw != "" && raw[0] != ' ' {
			section = strings.TrimSpace(raw)
			continue
		}
		line := strings.TrimSpace(raw)
		switch {
		case line == "":
		case section == "RUBY VERSION":
			if m := lockRuby.FindStringSubmatch(line); m != nil {
				l.ruby = m[1]
			}
		case section == "PLATFORMS":
			l.platforms = append(l.platforms, line)
		case (section == "GEM" || section == "GIT" || section == "PATH") && strings.HasPrefix(raw, "    ") && !strings.HasPrefix(raw, "      "):
			name, _, _ := strings.Cut(line, " ")
			l.specs = append(l.specs, strings.ToLower(name))
		}
	}
	return l
}

// detectRuby detects a Bundler project; ok is false when no Ruby marker
// exists.
func detectRuby(fsys fs.FS) (Facts, bool) {
	marker := firstExisting(fsys, rubyMarkers)
	if marker == "" {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "ruby"
	r.evidence("language", marker, marker+" exists")

	var gf gemfile
	if data, ok, w := readManifest(fsys, "Gemfile"); ok {
		gf = parseGemfile(data)
	} else if w != "" {
		r.warn("%s", w)
	}
	var lock gemfileLock
	hasLock := false
	if data, ok, w := readManifest(fsys, "Gemfile.lock"); ok {
		lock, hasLock = parseGemfileLock(data), true
	} else if w != "" {
		r.warn("%s", w)
	}
	if exists(fsys, "Gemfile") {
		r.f.PackageManager = "bundler"
		r.evidence("package_manager", "Gemfile", "Bundler's Gemfile")
		r.manifests(fsys, "Gemfile", "Gemfile.lock")
		if !hasLock {
			r.warn("Gemfile: no Gemfile.lock; commit one so builds install the same gems every time")
		}
	}
	if hasLock && len(lock.platforms) > 0 && !slices.ContainsFunc(lock.platforms, func(p string) bool { return p == "ruby" || strings.Contains(p, "linux") }) {
		r.warn("Gemfile.lock: PLATFORMS (%s) has no Linux platform, so a deployment install fails in the image; run bundle lock --add-platform x86_64-linux aarch64-linux",
			strings.Join(lock.platforms, ", "))
	}
	rubyVersion(fsys, r, gf, lock)

	deps := map[string]bool{}
	for _, g := range gf.gems {
		deps[g] = true
	}
	if len(gf.gems) == 0 {
		// No Gemfile to tell runtime gems apart: the locked ones.
		for _, g := range lock.specs {
			deps[g] = true
		}
	}
	r.f.Dependencies = sortedSet(deps)
	has := func(g string) bool { return deps[g] || contains(lock.specs, g) }
	depFile := "Gemfile"
	if len(gf.gems) == 0 {
		depFile = "Gemfile.lock"
	}

	switch {
	case has("rails") || has("railties") || exists(fsys, "config/application.rb") && exists(fsys, "bin/rails"):
		rubyRails(fsys, r, has, depFile)
	case has("sinatra"):
		r.f.Framework = "sinatra"
		r.evidence("framework", depFile, "depends on sinatra")
		r.f.Port = 4567
		r.evidence("port", depFile, "Sinatra's default port 4567")
		if exists(fsys, "config.ru") {
			r.f.Command = rackCommand(has, 4567)
			r.evidence("command", "config.ru", "a Rack app: served from config.ru")
			break
		}
		for _, f := range []string{"app.rb", "main.rb", "server.rb", "application.rb"} {
			if exists(fsys, f) {
				r.f.Command = []string{"bundle", "exec", "ruby", f, "-o", "0.0.0.0", "-p", "4567"}
				r.evidence("command", f, "the Sinatra app file")
				break
			}
		}
	case has("hanami"):
		rubyHanami(fsys, r, has, depFile)
	case has("roda") && exists(fsys, "config.ru"):
		r.f.Framework = "roda"
		r.evidence("framework", depFile, "depends on roda")
		r.f.Port = 9292
		r.evidence("port", "config.ru", "Roda has no port of its own; rackup's default 9292 (a Rack convention)")
		r.f.Command = rackCommand(has, 9292)
		r.evidence("command", "config.ru", "a Rack app: served from config.ru")
	case exists(fsys, "config.ru"):
		r.f.Port = 9292
		r.evidence("port", "config.ru", "a Rack app; rackup's default port 9292")
		r.f.Command = rackCommand(has, 9292)
		r.evidence("command", "config.ru", "a Rack app: served from config.ru")
	}
	return r.f, true
}

// rubyRails fills in a Rails app: port 3000, bin/rails server, and whether
// assets:precompile has work to do.
func rubyRails(fsys fs.FS, r *recorder, has func(string) bool, depFile string) {
	r.f.Framework = "rails"
	r.evidence("framework", depFile, "depends on rails")
	r.f.Port = 3000
	r.evidence("port", depFile, "Rails' default port 3000")
	if exists(fsys, "bin/rails") {
		r.f.Command = []string{"./bin/rails", "server", "-b", "0.0.0.0"}
		r.evidence("command", "bin/rails", "bin/rails server")
	} else {
		r.f.Command = []string{"bundle", "exec", "rails", "server", "-b", "0.0.0.0"}
		r.evidence("command", depFile, "no bin/rails: bundle exec rails server")
	}
	if st, err := fs.Stat(fsys, "app/assets"); err == nil && st.IsDir() {
		r.f.Assets = true
		r.evidence("assets", "app/assets", "app/assets exists: assets:precompile")
	}
	for _, g := range []string{"jsbundling-rails", "cssbundling-rails"} {
		if has(g) {
			r.f.Assets = true
			r.evidence("assets", depFile, "depends on "+g+": assets:precompile builds with Node")
		}
	}
	if exists(fsys, "package.json") {
		r.f.Assets = true
		r.evidence("assets", "package.json", "a JavaScript bundler builds the assets")
		for _, m := range []string{"package.json", "package-lock.json", "yarn.lock"} {
			if exists(fsys, m) {
				r.f.AssetManifests = append(r.f.AssetManifests, m)
			}
		}
		for _, m := range []string{"bun.lock", "bun.lockb", "pnpm-lock.yaml"} {
			if exists(fsys, m) {
				r.warn("%s: the Rails image installs JavaScript packages with npm or Yarn; %s is not used", m, m)
			}
		}
	}
}

// rubyHanami fills in a Hanami 2 app: Puma with the app's config/puma.rb
// (which binds HANAMI_PORT, 2300 by default, Hanami's port), else
// config.ru served on 2300.
func rubyHanami(fsys fs.FS, r *recorder, has func(string) bool, depFile string) {
	r.f.Framework = "hanami"
	r.evidence("framework", depFile, "depends on hanami")
	r.f.Port = 2300
	r.evidence("port", depFile, "Hanami's default port 2300")
	switch {
	case exists(fsys, "config/puma.rb") && has("puma"):
		r.f.Command = []string{"bundle", "exec", "puma", "-C", "config/puma.rb"}
		r.evidence("command", "config/puma.rb", "Puma with the app's config (hanami server runs the same in development)")
	case exists(fsys, "config.ru"):
		r.f.Command = rackCommand(has, 2300)
		r.evidence("command", "config.ru", "a Rack app: served from config.ru")
	default:
		r.warn("%s: hanami is a dependency but there is no config.ru; pass --cmd to set the start command", depFile)
	}
}

// rackCommand serves config.ru: with rackup when the bundle has it (Rack 3
// moved it to its own gem), else with Puma directly, else rackup (Rack 2).
func rackCommand(has func(string) bool, port int) []string {
	p := strconv.Itoa(port)
	if has("puma") && !has("rackup") {
		return []string{"bundle", "exec", "puma", "-b", "tcp://0.0.0.0:" + p, "config.ru"}
	}
	return []string{"bundle", "exec", "rackup", "-o", "0.0.0.0", "-p", p}
}

// rubyVersion sets the version requirement: .ruby-version, then the
// Gemfile's ruby directive, then Gemfile.lock's RUBY VERSION.
func rubyVersion(fsys fs.FS, r *recorder, gf gemfile, lock gemfileLock) {
	set := func(raw string, pinned bool, source, reason string) {
		r.f.Version = VersionReq{Raw: raw, Pinned: pinned, Source: source}
		r.evidence("version", source, reason)
	}
	if data, ok := readSource(fsys, ".ruby-version"); ok {
		if v := strings.TrimPrefix(firstLine(data), "ruby-"); v != "" {
			if strings.Contains(v, "jruby") || strings.Contains(v, "truffleruby") {
				r.warn(".ruby-version: %q is not CRuby; the ruby image runs CRuby", v)
			} else {
				set(v, true, ".ruby-version", ".ruby-version pins "+quote(v))
				return
			}
		}
	}
	if len(gf.ruby) > 0 {
		raw := strings.Join(gf.ruby, ", ")
		pinned := len(gf.ruby) == 1 && exactRuby.MatchString(gf.ruby[0])
		set(raw, pinned, "Gemfile", "ruby "+quote(raw))
		return
	}
	if lock.ruby != "" {
		set(lock.ruby, true, "Gemfile.lock", "RUBY VERSION ruby "+lock.ruby)
	}
}

// sortedSet returns the keys of a set in order, nil when empty.
func sortedSet(m map[string]bool) []string {
	if len(m) == 0 {
		return nil
	}
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
