package detect

import (
	"os"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
)

var jar = []string{"java", "-XX:MaxRAMPercentage=75", "-jar", "/app/app.jar"}

// javaFixtures are the Java and Kotlin fixture repositories' cases for
// TestDetectFixtures.
var javaFixtures = map[string]want{
	"java-spring-maven": {
		lang: "java", version: VersionReq{"21", true, "pom.xml"}, pm: "maven", framework: "spring-boot",
		port: 8080, command: jar, manifests: []string{"pom.xml", "mvnw"},
	},
	"java-spring-gradle-kotlin": {
		lang: "java", version: VersionReq{"21", true, "build.gradle.kts"}, pm: "gradle", framework: "spring-boot",
		port: 8081, command: jar, manifests: []string{"settings.gradle.kts", "build.gradle.kts", "gradle.properties", "gradlew"},
	},
	"java-quarkus-maven": {
		lang: "java", version: VersionReq{"17", true, "pom.xml"}, pm: "maven", framework: "quarkus", port: 8090,
		command:   []string{"java", "-XX:MaxRAMPercentage=75", "-jar", "/app/quarkus-app/quarkus-run.jar"},
		manifests: []string{"pom.xml"},
	},
	"java-micronaut-gradle": {
		lang: "java", version: VersionReq{"21", true, "build.gradle"}, pm: "gradle", framework: "micronaut",
		port: 8085, command: jar, manifests: []string{"settings.gradle", "build.gradle", "gradle.properties", "gradlew"},
	},
	"java-plain-maven": {
		lang: "java", version: VersionReq{"1.8", true, "pom.xml"}, pm: "maven",
		command:   []string{"java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*", "com.acme.worker.ReportWorker"},
		manifests: []string{"pom.xml"},
	},
	"java-kotlin-gradle-app": {
		lang: "java", version: VersionReq{"17", true, "app/build.gradle.kts"}, pm: "gradle",
		command:   []string{"java", "-XX:MaxRAMPercentage=75", "-cp", "/app/lib/*", "org.example.AppKt"},
		manifests: []string{"settings.gradle.kts", "gradlew", "app/build.gradle.kts", "utilities/build.gradle.kts"},
	},
}

// The wrapper folders and the Gradle application subproject, per fixture.
func TestJavaFixtureLayout(t *testing.T) {
	tests := map[string]struct {
		dirs    []string
		project string
	}{
		"java-spring-maven":         {[]string{".mvn"}, ""},
		"java-spring-gradle-kotlin": {[]string{"gradle"}, ""},
		"java-quarkus-maven":        {nil, ""},
		"java-micronaut-gradle":     {[]string{"gradle"}, ""},
		"java-plain-maven":          {nil, ""},
		"java-kotlin-gradle-app":    {[]string{"gradle"}, "app"},
	}
	for name, tt := range tests {
		got := Detect(os.DirFS(filepath.Join(fixturesDir, name)))
		if !reflect.DeepEqual(got.ManifestDirs, tt.dirs) || got.Project != tt.project {
			t.Errorf("%s: ManifestDirs %v, Project %q; want %v, %q", name, got.ManifestDirs, got.Project, tt.dirs, tt.project)
		}
	}
}

const pomHead = `<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>`

func TestJavaVersion(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  VersionReq
	}{
		{"pom java.version", map[string]string{"pom.xml": pomHead + `<properties><java.version>17</java.version></properties></project>`}, VersionReq{"17", true, "pom.xml"}},
		{"pom maven.compiler.release beats java.version", map[string]string{"pom.xml": pomHead + `<properties><java.version>17</java.version><maven.compiler.release>21</maven.compiler.release></properties></project>`}, VersionReq{"21", true, "pom.xml"}},
		{"pom release through a property", map[string]string{"pom.xml": pomHead + `<properties><jdk>21</jdk><maven.compiler.release>${jdk}</maven.compiler.release></properties></project>`}, VersionReq{"21", true, "pom.xml"}},
		{"pom compiler plugin release", map[string]string{"pom.xml": pomHead + `<build><plugins><plugin><artifactId>maven-compiler-plugin</artifactId><configuration><release>11</release></configuration></plugin></plugins></build></project>`}, VersionReq{"11", true, "pom.xml"}},
		{"pom maven.compiler.source 1.8", map[string]string{"pom.xml": pomHead + `<properties><maven.compiler.source>1.8</maven.compiler.source></properties></project>`}, VersionReq{"1.8", true, "pom.xml"}},
		{"pom java.version beats source", map[string]string{"pom.xml": pomHead + `<properties><maven.compiler.source>11</maven.compiler.source><java.version>17</java.version></properties></project>`}, VersionReq{"17", true, "pom.xml"}},
		{"gradle toolchain", map[string]string{"build.gradle.kts": "java {\n  toolchain {\n    languageVersion = JavaLanguageVersion.of(21)\n  }\n}\n"}, VersionReq{"21", true, "build.gradle.kts"}},
		{"gradle groovy toolchain", map[string]string{"build.gradle": "java { toolchain { languageVersion.set(JavaLanguageVersion.of(17)) } }\n"}, VersionReq{"17", true, "build.gradle"}},
		{"kotlin jvmToolchain", map[string]string{"build.gradle.kts": "kotlin {\n  jvmToolchain(25)\n}\n"}, VersionReq{"25", true, "build.gradle.kts"}},
		{"gradle sourceCompatibility constant", map[string]string{"build.gradle": "sourceCompatibility = JavaVersion.VERSION_1_8\n"}, VersionReq{"1.8", true, "build.gradle"}},
		{"gradle sourceCompatibility string", map[string]string{"build.gradle": "java {\n  sourceCompatibility = '17'\n}\n"}, VersionReq{"17", true, "build.gradle"}},
		{"gradle toolchain beats sourceCompatibility", map[string]string{"build.gradle": "sourceCompatibility = '11'\njava { toolchain { languageVersion = JavaLanguageVersion.of(21) } }\n"}, VersionReq{"21", true, "build.gradle"}},
		{".sdkmanrc when the build names none", map[string]string{"pom.xml": pomHead + `</project>`, ".sdkmanrc": "# sdk env\njava=21.0.4-tem\n"}, VersionReq{"21.0.4", true, ".sdkmanrc"}},
		{"the build beats .sdkmanrc", map[string]string{"pom.xml": pomHead + `<properties><java.version>17</java.version></properties></project>`, ".sdkmanrc": "java=21.0.4-tem\n"}, VersionReq{"17", true, "pom.xml"}},
		{".java-version", map[string]string{"build.gradle": "plugins { id 'java' }\n", ".java-version": "temurin-17.0.12\n"}, VersionReq{"17.0.12", true, ".java-version"}},
		{".sdkmanrc beats .java-version", map[string]string{"build.gradle": "", ".sdkmanrc": "java=25-tem\n", ".java-version": "21\n"}, VersionReq{"25", true, ".sdkmanrc"}},
		{"none", map[string]string{"pom.xml": pomHead + `</project>`}, VersionReq{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(mapFS(tt.files))
			if got.Language != "java" || got.Version != tt.want {
				t.Errorf("Language %q, Version = %+v, want java %+v", got.Language, got.Version, tt.want)
			}
			checkEvidence(t, got)
		})
	}
}

func TestJavaBuildAndFramework(t *testing.T) {
	tests := []struct {
		name      string
		files     map[string]string
		pm, fw    string
		port      int
		manifests []string
		warn      string
	}{
		{"maven spring boot parent", map[string]string{"pom.xml": pomHead + `<parent><groupId>org.springframework.boot</groupId><artifactId>spring-boot-starter-parent</artifactId></parent></project>`}, "maven", "spring-boot", 8080, []string{"pom.xml"}, ""},
		{"maven quarkus dependency, port from properties", map[string]string{"pom.xml": pomHead + `<dependencies><dependency><groupId>io.quarkus</groupId><artifactId>quarkus-rest</artifactId></dependency></dependencies></project>`, "src/main/resources/application.properties": "quarkus.http.port = 9000\n"}, "maven", "quarkus", 9000, []string{"pom.xml"}, ""},
		{"maven micronaut parent", map[string]string{"pom.xml": pomHead + `<parent><groupId>io.micronaut.platform</groupId><artifactId>micronaut-parent</artifactId></parent></project>`}, "maven", "micronaut", 8080, []string{"pom.xml"}, ""},
		{"spring boot port placeholder in yaml", map[string]string{"pom.xml": pomHead + `<parent><groupId>org.springframework.boot</groupId></parent></project>`, "src/main/resources/application.yaml": "server:\n  port: ${PORT:9191}\n"}, "maven", "spring-boot", 9191, []string{"pom.xml"}, ""},
		{"spring boot flat yaml key", map[string]string{"pom.xml": pomHead + `<parent><groupId>org.springframework.boot</groupId></parent></project>`, "src/main/resources/application.yml": "server.port: 7070\n"}, "maven", "spring-boot", 7070, []string{"pom.xml"}, ""},
		{"gradle groovy spring boot", map[string]string{"build.gradle": "plugins {\n  id 'java'\n  id 'org.springframework.boot' version '3.5.6'\n}\n", "settings.gradle": "rootProject.name = 'x'\n"}, "gradle", "spring-boot", 8080, []string{"settings.gradle", "build.gradle"}, ""},
		{"gradle apply plugin quarkus", map[string]string{"build.gradle": "apply plugin: 'io.quarkus'\n"}, "gradle", "quarkus", 8080, []string{"build.gradle"}, ""},
		{"gradle subproject framework", map[string]string{"settings.gradle.kts": "include(\":api\", \":core\")\n", "build.gradle.kts": "", "api/build.gradle.kts": "plugins { id(\"io.micronaut.application\") }\n", "core/build.gradle.kts": "plugins { `java-library` }\n", "api/src/main/resources/application.properties": "micronaut.server.port=8181\n"}, "gradle", "micronaut", 8181, []string{"settings.gradle.kts", "build.gradle.kts", "api/build.gradle.kts", "core/build.gradle.kts"}, ""},
		{"pom and gradle: maven unless only gradle has a wrapper", map[string]string{"pom.xml": pomHead + `</project>`, "build.gradle": "", "gradlew": ""}, "gradle", "", 0, []string{"build.gradle", "gradlew"}, "both Maven and Gradle builds"},
		{"pom and gradle without wrappers: maven", map[string]string{"pom.xml": pomHead + `<properties><exec.mainClass>a.Main</exec.mainClass></properties></project>`, "build.gradle": ""}, "maven", "", 0, []string{"pom.xml"}, "both Maven and Gradle builds"},
		{"two frameworks: warning", map[string]string{"pom.xml": pomHead + `<parent><groupId>org.springframework.boot</groupId></parent><dependencies><dependency><groupId>io.micronaut</groupId><artifactId>micronaut-core</artifactId></dependency></dependencies></project>`}, "maven", "spring-boot", 8080, []string{"pom.xml"}, "several frameworks (spring-boot, micronaut)"},
		{"plain maven without main class: warning", map[string]string{"pom.xml": pomHead + `</project>`}, "maven", "", 0, []string{"pom.xml"}, "no main class found"},
		{"plain gradle without application plugin: warning", map[string]string{"build.gradle": "plugins { id 'java' }\n"}, "gradle", "", 0, []string{"build.gradle"}, "no application plugin"},
		{"malformed pom: warning", map[string]string{"pom.xml": "<project><parent>"}, "maven", "", 0, []string{"pom.xml"}, "pom.xml: invalid XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(mapFS(tt.files))
			if got.PackageManager != tt.pm || got.Framework != tt.fw || got.Port != tt.port || !reflect.DeepEqual(got.Manifests, tt.manifests) {
				t.Errorf("got pm %q framework %q port %d manifests %v; want %q %q %d %v", got.PackageManager, got.Framework, got.Port, got.Manifests, tt.pm, tt.fw, tt.port, tt.manifests)
			}
			if tt.warn == "" {
				checkWarnings(t, got.Warnings, nil)
			} else {
				checkWarnings(t, got.Warnings, []string{tt.warn})
			}
			checkEvidence(t, got)
		})
	}
}

// mapFS builds a MapFS from a map of path to content.
func mapFS(m map[string]string) fstest.MapFS {
	out := fstest.MapFS{}
	for k, v := range m {
		out[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return out
}
