package detect

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"
)

// javaWebLibraries are the JVM web frameworks that are libraries: the app
// has its own main class and builds as a plain application. Each decides
// the port (its default, or a call in the code); see javaWebPort.
var javaWebLibraries = []javaFramework{
	{name: "ktor", mavenMarkers: []string{"io.ktor"}, gradlePlugin: []string{"io.ktor.plugin"}, gradleDeps: []string{"io.ktor:ktor-server"}, plain: true},
	{name: "spark", mavenMarkers: []string{"com.sparkjava"}, gradleDeps: []string{"com.sparkjava:spark-core", "com.sparkjava:spark-kotlin"}, plain: true},
	{name: "javalin", mavenMarkers: []string{"io.javalin"}, gradleDeps: []string{"io.javalin:javalin"}, plain: true},
	{name: "dropwizard", mavenMarkers: []string{"io.dropwizard"}, gradleDeps: []string{"io.dropwizard:dropwizard-core"}, plain: true},
	{name: "helidon", mavenMarkers: []string{"io.helidon"}, gradleDeps: []string{"io.helidon.webserver:", "io.helidon.microprofile", "io.helidon.microprofile.bundles:"}, plain: true},
	{name: "vertx", mavenMarkers: []string{"io.vertx"}, gradleDeps: []string{"io.vertx:vertx-web", "io.vertx:vertx-core"}, plain: true},
}

// javaPlain reports whether framework builds as a plain application ("",
// or a web library of javaWebLibraries).
func javaPlain(framework string) bool {
	if framework == "" {
		return true
	}
	for _, fw := range javaWebLibraries {
		if fw.name == framework {
			return true
		}
	}
	return false
}

// gradleDepIn returns the first of deps ("group:artifact" prefixes) that
// the build script names, or that gradle/libs.versions.toml (the version
// catalog the script's libs.* accessors read) names; "" when none.
func gradleDepIn(fsys fs.FS, src string, deps []string) string {
	catalog, _ := readSource(fsys, "gradle/libs.versions.toml")
	for _, dep := range deps {
		if strings.Contains(src, `"`+dep) || strings.Contains(src, `'`+dep) {
			return dep
		}
		group, artifact, _ := strings.Cut(dep, ":")
		if strings.Contains(string(catalog), `"`+dep) || artifact != "" && strings.Contains(string(catalog), `group = "`+group+`"`) && strings.Contains(string(catalog), `name = "`+artifact) {
			return dep + " (gradle/libs.versions.toml)"
		}
	}
	return ""
}

// javaWebPorts are, per web library, the call that sets the port in code
// and the port it listens on without one: its documented default, or
// (default false) only the convention of its project generator, which
// detect then labels as one.
var javaWebPorts = map[string]struct {
	code    *regexp.Regexp
	port    int
	isDflt  bool
	whose   string
	configs []string // src/main/resources files with a port key
}{
	// Spark: port(4567) before the routes; 4567 without it.
	"spark": {regexp.MustCompile(`\bport\s*\(\s*(\d{2,5})\s*\)`), 4567, true, "Spark", nil},
	// Javalin: .start(7070) or .start("0.0.0.0", 7070); start() is 8080.
	"javalin": {regexp.MustCompile(`\.start\(\s*(?:"[^"]*"\s*,\s*)?(\d{2,5})\s*\)`), 8080, true, "Javalin", nil},
	// Ktor: embeddedServer(Netty, port = 8080), or EngineMain with
	// ktor.deployment.port in application.conf/yaml. embeddedServer has a
	// port argument, so 8080 is the project generator's.
	"ktor": {regexp.MustCompile(`\bport\s*=\s*(\d{2,5})\b`), 8080, false, "Ktor's project generator", []string{"application.conf", "application.yaml"}},
	// Vert.x: createHttpServer()...listen(8888); no default.
	"vertx": {regexp.MustCompile(`\.listen\(\s*(\d{2,5})\b`), 8888, false, "the Vert.x starter", nil},
	// Dropwizard: the application connector on 8080 (admin 8081); the
	// image runs without the app's config file, so its defaults apply.
	"dropwizard": {nil, 8080, true, "Dropwizard", nil},
	// Helidon: server.port in application.yaml or microprofile-config.properties.
	"helidon": {nil, 8080, false, "Helidon's project starter", []string{"application.yaml", "microprofile-config.properties"}},
}

var (
	// hoconPort is port = 8080 in Ktor's application.conf (HOCON).
	hoconPort = regexp.MustCompile(`(?m)^\s*port\s*[=:]\s*(\d{2,5})\b`)
)

// javaWebPort sets the port of a JVM web library: from the main class's
// source, then the library's config files, then its default (or a
// convention, said so).
func javaWebPort(fsys fs.FS, r *recorder) {
	w, ok := javaWebPorts[r.f.Framework]
	if !ok {
		return
	}
	if w.code != nil {
		for _, f := range javaMainSources(fsys, r) {
			if src, ok := readSource(fsys, f); ok {
				if p := firstPort(src, w.code); p != 0 {
					r.f.Port = p
					r.evidence("port", f, fmt.Sprintf("%s listens on %d", r.f.Framework, p))
					return
				}
			}
		}
	}
	res := path.Join(r.f.Project, "src/main/resources")
	for _, name := range w.configs {
		file := path.Join(res, name)
		src, ok := readSource(fsys, file)
		if !ok {
			continue
		}
		v := ""
		switch {
		case strings.HasSuffix(name, ".yaml"):
			v = yamlValue(src, map[string]string{"ktor": "ktor.deployment.port"}[r.f.Framework])
			if r.f.Framework == "helidon" {
				v = yamlValue(src, "server.port")
			}
		case strings.HasSuffix(name, ".properties"):
			v = propertiesValue(src, "server.port")
		default:
			if m := hoconPort.FindSubmatch(src); m != nil {
				v = string(m[1])
			}
		}
		if p := parsePort(v); p != 0 {
			r.f.Port = p
			r.evidence("port", file, fmt.Sprintf("port %d", p))
			return
		}
	}
	r.f.Port = w.port
	if w.isDflt {
		r.evidence("port", r.f.Evidence[0].File, fmt.Sprintf("%s listens on %d by default", w.whose, w.port))
	} else {
		r.evidence("port", r.f.Evidence[0].File, fmt.Sprintf("no port in the code or config; %d is a convention (%s), not a %s default", w.port, w.whose, r.f.Framework))
	}
}

// javaMainSources are the source files of the main class (Java, or Kotlin
// with its Kt suffix), then Ktor's conventional Application.kt.
func javaMainSources(fsys fs.FS, r *recorder) []string {
	var out []string
	base := path.Join(r.f.Project, "src/main")
	if n := len(r.f.Command); n > 0 {
		cls := r.f.Command[n-1]
		if r.f.Framework == "dropwizard" && n > 1 {
			cls = r.f.Command[n-2]
		}
		if javaClassName.MatchString(cls) {
			p := strings.ReplaceAll(cls, ".", "/")
			out = append(out, path.Join(base, "java", p+".java"), path.Join(base, "kotlin", p+".kt"), path.Join(base, "kotlin", strings.TrimSuffix(p, "Kt")+".kt"))
		}
	}
	return append(out, path.Join(base, "kotlin/Application.kt"))
}

// javaWebCommand finishes a web library's start command: Dropwizard's
// main class takes the server command (and a config file, which is not
// in the image: its defaults apply).
func javaWebCommand(fsys fs.FS, r *recorder) {
	if r.f.Framework != "dropwizard" || r.f.Command == nil {
		return
	}
	r.f.Command = append(r.f.Command, "server")
	r.evidence("command", r.f.Evidence[0].File, "a Dropwizard application runs its server command")
	for _, f := range []string{"config.yml", "config.yaml"} {
		if exists(fsys, f) {
			r.warn("%s: the image runs `server` without it (Dropwizard's defaults); to use it, copy it into the final stage and pass --cmd with `server %s`", f, f)
		}
	}
}

// JavaDefaultPort is the port a JVM framework listens on when nothing
// sets one: 8080 for Spring Boot, Quarkus and Micronaut, a web library's
// default or convention (javaWebPorts), 0 for a plain application.
func JavaDefaultPort(framework string) int {
	if w, ok := javaWebPorts[framework]; ok {
		return w.port
	}
	if framework == "" {
		return 0
	}
	return 8080
}
