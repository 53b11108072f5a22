package detect

import (
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"

	"gopkg.in/yaml.v3"
)

// javaMemoryFlag sizes the heap from the container's memory limit instead
// of the JVM's default quarter of it.
const javaMemoryFlag = "-XX:MaxRAMPercentage=75"

// JavaCommand is the start command of a Java service built by dockgen's
// templates: the artifact layout under /app depends on the framework (a
// fat jar, Quarkus' fast-jar folder, or a plain app's lib/ folder run
// with mainClass).
func JavaCommand(framework, mainClass string) []string {
	switch framework {
	case "quarkus":
		return []string{"java", javaMemoryFlag, "-jar", "/app/quarkus-app/quarkus-run.jar"}
	case "spring-boot", "micronaut":
		return []string{"java", javaMemoryFlag, "-jar", "/app/app.jar"}
	}
	return []string{"java", javaMemoryFlag, "-cp", "/app/lib/*", mainClass}
}

var (
	// javaClassName is a fully qualified class name.
	javaClassName = regexp.MustCompile(`^[A-Za-z_$][\w$]*(\.[A-Za-z_$][\w$]*)*$`)
	// pomMainClass is a <mainClass> anywhere in a pom's plugin settings
	// (maven-jar-plugin's manifest, exec-maven-plugin, shade's transformer).
	pomMainClass = regexp.MustCompile(`<mainClass>\s*([^<\s]+)\s*</mainClass>`)
	// gradleToolchain is a toolchain's languageVersion or Kotlin's jvmToolchain.
	gradleToolchain = regexp.MustCompile(`(?:JavaLanguageVersion\.of|jvmToolchain)\s*\(\s*"?(\d+)"?\s*\)`)
	// gradleCompat is sourceCompatibility/targetCompatibility as a
	// JavaVersion constant, a string or a number.
	gradleCompat = regexp.MustCompile(`(?:source|target)Compatibility\s*=\s*(?:JavaVersion\.VERSION_(\d+(?:_\d+)?)|JavaVersion\.toVersion\(\s*["']?(\d+(?:\.\d+)?)["']?\s*\)|["']?(\d+(?:\.\d+)?)["']?)`)
	// gradleMainClass is the application plugin's main class.
	gradleMainClass = regexp.MustCompile(`mainClass(?:Name)?(?:\.set\s*\(|\s*=)\s*["']([^"']+)["']`)
	// gradleInclude finds include(...) / include '...' in a settings file.
	gradleInclude = regexp.MustCompile(`(?m)^\s*include\s*\(?([^)\n]*)`)
	// gradleQuoted is a single- or double-gradleQuoted string.
	gradleQuoted = regexp.MustCompile(`["']([^"']+)["']`)
	// pomProperty is a ${name} reference in a pom value.
	pomProperty = regexp.MustCompile(`^\$\{([\w.-]+)\}$`)
)

// javaFrameworks are the frameworks dockgen knows, each with the marker
// that names it in a pom (group or artifact prefix) and in a Gradle build
// (plugin id), in the order a tie is broken.
//
// The web libraries after them (javaWebLibraries, java_web.go: Spark,
// Ktor, Javalin, Vert.x, Dropwizard, Helidon) are frameworks too, but
// build as a plain application (their own main class, the application
// plugin or the pom's <mainClass>); gradleDeps are the "group:artifact"
// prefixes that name them in a build file or a version catalog.
var javaFrameworks = append([]javaFramework{
	{name: "spring-boot", mavenMarkers: []string{"org.springframework.boot"}, gradlePlugin: []string{"org.springframework.boot"}},
	{name: "quarkus", mavenMarkers: []string{"io.quarkus"}, gradlePlugin: []string{"io.quarkus"}},
	{name: "micronaut", mavenMarkers: []string{"io.micronaut"}, gradlePlugin: []string{"io.micronaut.application", "io.micronaut.minimal.application"}},
}, javaWebLibraries...)

// javaFramework is one row of javaFrameworks.
type javaFramework struct {
	name         string
	mavenMarkers []string
	gradlePlugin []string
	gradleDeps   []string
	// plain: it builds and runs as a plain application with a main class.
	plain bool
}

// detectJava detects a Maven (pom.xml) or Gradle (build.gradle[.kts],
// settings.gradle[.kts]) project at the root; ok is false without one.
func detectJava(fsys fs.FS) (Facts, bool) {
	gradleFiles := presentFiles(fsys, "settings.gradle.kts", "settings.gradle", "build.gradle.kts", "build.gradle")
	hasPom := exists(fsys, "pom.xml")
	if !hasPom && len(gradleFiles) == 0 {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "java"
	useGradle := len(gradleFiles) > 0 && (!hasPom || exists(fsys, "gradlew") && !exists(fsys, "mvnw"))
	if hasPom && len(gradleFiles) > 0 {
		chosen := "pom.xml (maven)"
		if useGradle {
			chosen = gradleFiles[0] + " (gradle, it has the wrapper)"
		}
		r.warn("pom.xml: both Maven and Gradle builds (pom.xml, %s); using %s; pass --package-manager to choose", gradleFiles[0], chosen)
	}
	if useGradle {
		detectGradle(fsys, r, gradleFiles)
	} else {
		detectMaven(fsys, r)
	}
	javaVersionFiles(fsys, r)
	javaWebCommand(fsys, r)
	javaPort(fsys, r)
	if !javaPlain(r.f.Framework) {
		file := r.f.Evidence[0].File
		for _, e := range r.f.Evidence {
			if e.Field == "framework" {
				file = e.File
			}
		}
		r.f.Command = JavaCommand(r.f.Framework, "")
		r.evidence("command", file, r.f.Framework+" artifact, run with the JRE")
	}
	return r.f, true
}

// presentFiles returns the names that are files in fsys, in order.
func presentFiles(fsys fs.FS, names ...string) []string {
	var out []string
	for _, n := range names {
		if exists(fsys, n) {
			out = append(out, n)
		}
	}
	return out
}

// folderExists reports whether name is a folder in fsys.
func folderExists(fsys fs.FS, name string) bool {
	st, err := fs.Stat(fsys, name)
	return err == nil && st.IsDir()
}

// pomFile is the part of a pom.xml detection reads.
type pomFile struct {
	Parent struct {
		GroupID    string `xml:"groupId"`
		ArtifactID string `xml:"artifactId"`
	} `xml:"parent"`
	Properties struct {
		Entries []struct {
			XMLName xml.Name
			Value   string `xml:",chardata"`
		} `xml:",any"`
	} `xml:"properties"`
	Dependencies []pomArtifact `xml:"dependencies>dependency"`
	Managed      []pomArtifact `xml:"dependencyManagement>dependencies>dependency"`
	Plugins      []struct {
		pomArtifact
		Configuration struct {
			Release string `xml:"release"`
			Source  string `xml:"source"`
		} `xml:"configuration"`
	} `xml:"build>plugins>plugin"`
	Modules []string `xml:"modules>module"`
}

type pomArtifact struct {
	GroupID    string `xml:"groupId"`
	ArtifactID string `xml:"artifactId"`
}

func detectMaven(fsys fs.FS, r *recorder) {
	r.evidence("language", "pom.xml", "pom.xml exists (Maven)")
	r.f.PackageManager = "maven"
	r.manifests(fsys, "pom.xml", "mvnw")
	reason := "pom.xml"
	if exists(fsys, "mvnw") {
		reason = "pom.xml with the Maven wrapper mvnw"
		if folderExists(fsys, ".mvn") {
			r.f.ManifestDirs = append(r.f.ManifestDirs, ".mvn")
		}
	}
	r.evidence("package_manager", "pom.xml", reason)

	data, ok, w := readManifest(fsys, "pom.xml")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return
	}
	var pom pomFile
	if err := xml.Unmarshal(data, &pom); err != nil {
		r.warn("pom.xml: invalid XML: %s", oneLine(err.Error()))
		return
	}
	props := map[string]string{}
	for _, e := range pom.Properties.Entries {
		props[e.XMLName.Local] = strings.TrimSpace(e.Value)
	}
	resolve := func(v string) string {
		if m := pomProperty.FindStringSubmatch(v); m != nil {
			return props[m[1]]
		}
		return v
	}
	// Version: the compiler's release, then java.version (Spring Boot's
	// parent maps it to release), then source.
	var compiler struct{ release, source string }
	for _, p := range pom.Plugins {
		if p.ArtifactID == "maven-compiler-plugin" {
			compiler.release, compiler.source = strings.TrimSpace(p.Configuration.Release), strings.TrimSpace(p.Configuration.Source)
		}
	}
	for _, c := range []struct{ value, what string }{
		{props["maven.compiler.release"], "maven.compiler.release"},
		{compiler.release, "maven-compiler-plugin <release>"},
		{props["java.version"], "java.version"},
		{props["maven.compiler.source"], "maven.compiler.source"},
		{compiler.source, "maven-compiler-plugin <source>"},
	} {
		if v := resolve(c.value); v != "" && javaVersionOK(v) {
			r.f.Version = VersionReq{Raw: v, Pinned: true, Source: "pom.xml"}
			r.evidence("version", "pom.xml", fmt.Sprintf("%s %s", c.what, v))
			break
		}
	}

	// Framework: the parent, a dependency, a managed BOM or a plugin.
	artifacts := append([]pomArtifact{{pom.Parent.GroupID, pom.Parent.ArtifactID}}, pom.Dependencies...)
	artifacts = append(artifacts, pom.Managed...)
	for _, p := range pom.Plugins {
		artifacts = append(artifacts, p.pomArtifact)
	}
	var found []string
	for _, fw := range javaFrameworks {
		for _, a := range artifacts {
			if groupHasPrefix(a.GroupID, fw.mavenMarkers) {
				found = append(found, fw.name)
				r.evidence("framework", "pom.xml", fmt.Sprintf("uses %s:%s", a.GroupID, a.ArtifactID))
				break
			}
		}
	}
	setJavaFramework(r, "pom.xml", found)
	if javaPlain(r.f.Framework) {
		mainClass := props["exec.mainClass"]
		if m := pomMainClass.FindSubmatch(data); mainClass == "" && m != nil {
			mainClass = resolve(string(m[1]))
		}
		setMainClass(r, "pom.xml", mainClass, "<mainClass>", "an exec.mainClass property or a maven-jar-plugin <mainClass>")
	}
	if len(pom.Modules) > 0 {
		r.warn("pom.xml: a multi-module build (%s); dockgen builds the root and copies only its pom.xml before the source, so check the artifact path", strings.Join(pom.Modules, ", "))
	}
}

func detectGradle(fsys fs.FS, r *recorder, files []string) {
	r.evidence("language", files[0], files[0]+" exists (Gradle)")
	r.f.PackageManager = "gradle"
	reason := files[0]
	if exists(fsys, "gradlew") {
		reason += " with the Gradle wrapper gradlew"
	}
	r.evidence("package_manager", files[0], reason)
	r.manifests(fsys, "settings.gradle.kts", "settings.gradle", "build.gradle.kts", "build.gradle", "gradle.properties", "gradlew")
	// The wrapper and version catalog (gradle/), and build logic the
	// settings load before any project is configured.
	for _, d := range []string{"gradle", "buildSrc", "build-logic"} {
		if folderExists(fsys, d) {
			r.f.ManifestDirs = append(r.f.ManifestDirs, d)
		}
	}

	// Build files: the root's, then each included subproject's.
	type buildFile struct{ project, file, src string }
	var builds []buildFile
	for _, name := range []string{"build.gradle.kts", "build.gradle"} {
		if src, ok := readSource(fsys, name); ok {
			builds = append(builds, buildFile{"", name, string(src)})
			break
		}
	}
	for _, p := range gradleSubprojects(fsys) {
		for _, name := range []string{p + "/build.gradle.kts", p + "/build.gradle"} {
			if src, ok := readSource(fsys, name); ok {
				builds = append(builds, buildFile{p, name, string(src)})
				r.manifests(fsys, name)
				break
			}
		}
	}

	// The application: the first build file applying a framework's plugin,
	// else the first applying the application plugin.
	app := -1
	var found []string
	for _, fw := range javaFrameworks {
		for i, b := range builds {
			if id := gradlePluginIn(b.src, fw.gradlePlugin); id != "" {
				found = append(found, fw.name)
				r.evidence("framework", b.file, "applies the "+id+" plugin")
				if app < 0 && !fw.plain {
					app = i
				}
				break
			}
			if dep := gradleDepIn(fsys, b.src, fw.gradleDeps); dep != "" {
				found = append(found, fw.name)
				r.evidence("framework", b.file, "depends on "+dep)
				break
			}
		}
	}
	if app < 0 {
		for i, b := range builds {
			if gradlePluginIn(b.src, []string{"application"}) != "" {
				app = i
				break
			}
		}
	}
	if app < 0 && len(builds) > 0 {
		app = 0
	}
	if app < 0 {
		return
	}
	b := builds[app]
	if b.project != "" {
		r.f.Project = b.project
		r.evidence("entrypoint", b.file, "the application is the subproject :"+strings.ReplaceAll(b.project, "/", ":"))
	}
	setJavaFramework(r, b.file, found)

	// Version: a toolchain, else source/targetCompatibility, in the
	// application's build file, then the root's.
	for _, c := range []buildFile{b, builds[0]} {
		if m := gradleToolchain.FindStringSubmatch(c.src); m != nil {
			r.f.Version = VersionReq{Raw: m[1], Pinned: true, Source: c.file}
			r.evidence("version", c.file, "toolchain "+strings.TrimSpace(m[0]))
			break
		}
		if m := gradleCompat.FindStringSubmatch(c.src); m != nil {
			v := strings.ReplaceAll(m[1], "_", ".") + m[2] + m[3]
			r.f.Version = VersionReq{Raw: v, Pinned: true, Source: c.file}
			r.evidence("version", c.file, strings.TrimSpace(m[0]))
			break
		}
	}

	if javaPlain(r.f.Framework) {
		// The Ktor plugin applies the application plugin itself.
		if gradlePluginIn(b.src, []string{"application", "io.ktor.plugin"}) == "" {
			what := "no framework"
			if r.f.Framework != "" {
				what = r.f.Framework + " builds as a plain application"
			}
			r.warn("%s: %s and no application plugin; dockgen builds with installDist, which needs plugins { application }", b.file, what)
		}
		mainClass := ""
		if m := gradleMainClass.FindStringSubmatch(b.src); m != nil {
			mainClass = m[1]
		}
		setMainClass(r, b.file, mainClass, "application mainClass", "application { mainClass = ... }")
	}
}

// gradleSubprojects lists the subproject folders settings.gradle[.kts]
// includes ("app", "libs/core"), at most 32.
func gradleSubprojects(fsys fs.FS) []string {
	var src []byte
	for _, name := range []string{"settings.gradle.kts", "settings.gradle"} {
		if s, ok := readSource(fsys, name); ok {
			src = s
			break
		}
	}
	var out []string
	for _, m := range gradleInclude.FindAllSubmatch(src, -1) {
		for _, q := range gradleQuoted.FindAllSubmatch(m[1], -1) {
			p := strings.ReplaceAll(strings.Trim(string(q[1]), ":"), ":", "/")
			if p != "" && safeRelDir.MatchString(p) && !contains(out, p) && len(out) < 32 {
				out = append(out, p)
			}
		}
	}
	return out
}

// safeRelDir is a slash path of plain names, safe to copy.
var safeRelDir = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`)

// gradlePluginIn returns the first of ids the build script applies, in a
// plugins block (id("x"), id 'x', a bare `application`) or with apply
// plugin; "" when none.
func gradlePluginIn(src string, ids []string) string {
	for _, id := range ids {
		q := regexp.QuoteMeta(id)
		re := regexp.MustCompile(`(?m)(?:\bid\s*\(?\s*["']` + q + `["']|apply\s*\(?\s*plugin\s*[:=]\s*["']` + q + `["']|^\s*` + q + `\s*$|^\s*` + "`" + q + "`" + `\s*$)`)
		if re.MatchString(src) {
			return id
		}
	}
	return ""
}

func groupHasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if s == p || strings.HasPrefix(s, p+".") || strings.HasPrefix(s, p+"-") {
			return true
		}
	}
	return false
}

// setJavaFramework records the framework found; several is an ambiguity
// resolved by javaFrameworks' order.
func setJavaFramework(r *recorder, file string, found []string) {
	if len(found) == 0 {
		return
	}
	// A web library beside Spring Boot, Quarkus or Micronaut is one of
	// its dependencies, not a second framework.
	if !javaPlain(found[0]) {
		found = slices.DeleteFunc(found, javaPlain)
	}
	r.f.Framework = found[0]
	if len(found) > 1 {
		r.warn("%s: several frameworks (%s); using %s; pass --framework to choose", file, strings.Join(found, ", "), found[0])
	}
}

// setMainClass records a plain app's main class and its start command,
// or warns that there is none to run.
func setMainClass(r *recorder, file, mainClass, what, hint string) {
	switch {
	case mainClass == "":
		r.warn("%s: no framework and no main class found; set %s, or pass --cmd", file, hint)
	case !javaClassName.MatchString(mainClass):
		r.warn("%s: main class %q is not a class name; pass --cmd", file, mainClass)
	default:
		r.f.Command = JavaCommand("", mainClass)
		r.evidence("command", file, what+" "+mainClass)
	}
}

// javaVersionOK reports whether v looks like a Java release ("21",
// "1.8", "17.0.2").
func javaVersionOK(v string) bool {
	return v != "" && strings.Trim(v, "0123456789.") == "" && v[0] != '.'
}

var sdkmanJava = regexp.MustCompile(`(?m)^\s*java\s*=\s*([0-9][0-9.]*)`)
var javaVersionFile = regexp.MustCompile(`([0-9]+(?:\.[0-9]+)*)`)

// javaVersionFiles reads the version managers' files (.sdkmanrc, jenv's
// .java-version) when the build names no Java release.
func javaVersionFiles(fsys fs.FS, r *recorder) {
	if r.f.Version.Raw != "" {
		return
	}
	if src, ok := readSource(fsys, ".sdkmanrc"); ok {
		if m := sdkmanJava.FindSubmatch(src); m != nil {
			v := strings.TrimSuffix(string(m[1]), ".")
			r.f.Version = VersionReq{Raw: v, Pinned: true, Source: ".sdkmanrc"}
			r.evidence("version", ".sdkmanrc", "java="+v)
			return
		}
	}
	if src, ok := readSource(fsys, ".java-version"); ok {
		if m := javaVersionFile.FindString(firstLine(src)); m != "" {
			r.f.Version = VersionReq{Raw: m, Pinned: true, Source: ".java-version"}
			r.evidence("version", ".java-version", quote(firstLine(src)))
		}
	}
}

// javaPort reads the framework's configured HTTP port from
// src/main/resources/application.{properties,yml,yaml}; a framework
// without one listens on 8080.
func javaPort(fsys fs.FS, r *recorder) {
	if r.f.Framework == "" {
		return
	}
	if javaPlain(r.f.Framework) {
		javaWebPort(fsys, r)
		return
	}
	keys := map[string]string{"spring-boot": "server.port", "quarkus": "quarkus.http.port", "micronaut": "micronaut.server.port"}
	key := keys[r.f.Framework]
	dir := path.Join(r.f.Project, "src/main/resources")
	for _, name := range []string{"application.properties", "application.yml", "application.yaml"} {
		file := path.Join(dir, name)
		src, ok := readSource(fsys, file)
		if !ok {
			continue
		}
		var v string
		if strings.HasSuffix(name, ".properties") {
			v = propertiesValue(src, key)
		} else {
			v = yamlValue(src, key)
		}
		// A placeholder such as ${PORT:8081} listens on its default.
		if m := regexp.MustCompile(`^\$\{[\w.]+:(\d+)\}$`).FindStringSubmatch(v); m != nil {
			v = m[1]
		}
		if p := parsePort(v); p != 0 {
			r.f.Port = p
			r.evidence("port", file, key+"="+v)
			return
		}
	}
	r.f.Port = 8080
	r.evidence("port", r.f.Evidence[0].File, r.f.Framework+" listens on 8080 by default")
}

// propertiesValue returns a key's value in a .properties file, "" when
// absent (the last assignment wins, as in java.util.Properties).
func propertiesValue(src []byte, key string) string {
	v := ""
	for _, line := range strings.Split(string(src), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' || line[0] == '!' {
			continue
		}
		i := strings.IndexAny(line, "=:")
		if i < 0 {
			continue
		}
		if strings.TrimSpace(line[:i]) == key {
			v = strings.TrimSpace(line[i+1:])
		}
	}
	return v
}

// yamlValue returns the scalar at a dotted key in a YAML document, nested
// (server: port:) or flat ("server.port":); "" when absent.
func yamlValue(src []byte, key string) string {
	var doc map[string]any
	if yaml.Unmarshal(src, &doc) != nil {
		return ""
	}
	parts := strings.Split(key, ".")
	var walk func(m map[string]any, parts []string) string
	walk = func(m map[string]any, parts []string) string {
		for i := len(parts); i >= 1; i-- {
			v, ok := m[strings.Join(parts[:i], ".")]
			if !ok {
				continue
			}
			if i == len(parts) {
				return fmt.Sprint(v)
			}
			if sub, ok := v.(map[string]any); ok {
				if s := walk(sub, parts[i:]); s != "" {
					return s
				}
			}
		}
		return ""
	}
	return walk(doc, parts)
}
