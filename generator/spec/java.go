package spec

import (
	"regexp"
	"slices"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var javaStack = Stack{
	Language:        "java",
	PackageManagers: []string{"maven", "gradle"},
	Frameworks:      []string{"spring-boot", "quarkus", "micronaut", "ktor", "spark", "javalin", "dropwizard", "helidon", "vertx"},
	NewManifests: map[string][]string{
		"maven":  {"pom.xml"},
		"gradle": {"settings.gradle.kts", "build.gradle.kts"},
	},
	// Spring Boot, Quarkus and Micronaut serve HTTP on 8080, the web
	// libraries on their own default; a plain app may serve nothing.
	DefaultPort:    detect.JavaDefaultPort,
	DefaultCommand: func(s Spec) []string { return detect.JavaCommand(s.Framework, "Main") },
	// The JRE runs what the JDK built. A project with its own wrapper
	// builds with it on the plain JDK image (the wrapper pins the tool's
	// version); otherwise in the maven or gradle image of the same line.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		pm := s.PackageManager
		if javaWrapper(s) {
			pm = ""
		}
		return stack.RuntimeRef(s.Version, v), stack.BuildRef(s.Version, v, pm)
	},
	Prepare: func(s *Spec, a Answers) error {
		for _, d := range s.ManifestDirs {
			if !manifestPath.MatchString(d) {
				return errf(d, "folder name has characters a Dockerfile cannot carry safely")
			}
		}
		if s.Project != "" && (s.PackageManager != "gradle" || !gradleProject.MatchString(s.Project)) {
			return errf("settings.gradle", "subproject %q: use a path of letters, digits, '.', '_' and '-'", s.Project)
		}
		return nil
	},
	Warn: func(s Spec, a Answers) []string {
		if s.PackageManager == "gradle" && !javaWrapper(s) && (s.Version == "8" || s.Version == "11") {
			return []string{"gradle 9 runs on JDK 17 and later: Java " + s.Version + " is compiled by gradle's JDK 17 and run on the Java " + s.Version + " JRE; add the Gradle wrapper (gradlew) to build with Java " + s.Version + " itself"}
		}
		return nil
	},
	Shapes: func(pm string) []detect.Facts {
		if pm == "gradle" {
			return []detect.Facts{
				{Manifests: []string{"settings.gradle.kts", "build.gradle.kts"}},
				{Manifests: []string{"settings.gradle", "build.gradle", "gradle.properties", "gradlew"}, ManifestDirs: []string{"gradle"}},
				{Manifests: []string{"settings.gradle.kts", "gradlew", "app/build.gradle.kts"}, ManifestDirs: []string{"gradle", "buildSrc"}, Project: "app"},
			}
		}
		return []detect.Facts{
			{Manifests: []string{"pom.xml"}},
			{Manifests: []string{"pom.xml", "mvnw"}, ManifestDirs: []string{".mvn"}},
		}
	},
}

// gradleProject is a Gradle subproject's folder ("app", "services/api").
var gradleProject = regexp.MustCompile(`^[A-Za-z0-9_-][A-Za-z0-9._-]*(/[A-Za-z0-9_-][A-Za-z0-9._-]*)*$`)

// javaWrapper reports whether the project builds with its own wrapper.
func javaWrapper(s Spec) bool {
	wrapper := map[string]string{"maven": "mvnw", "gradle": "gradlew"}[s.PackageManager]
	return slices.Contains(s.Manifests, wrapper)
}
