package spec

import (
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

func TestJavaSpec(t *testing.T) {
	cat := catalog.Default()
	maven := detect.Facts{Language: "java", PackageManager: "maven", Framework: "spring-boot", Manifests: []string{"pom.xml"}}
	mvnw := detect.Facts{Language: "java", PackageManager: "maven", Manifests: []string{"pom.xml", "mvnw"}, ManifestDirs: []string{".mvn"}}
	gradle := detect.Facts{Language: "java", PackageManager: "gradle", Manifests: []string{"settings.gradle.kts", "build.gradle.kts"},
		Version: detect.VersionReq{Raw: "11", Pinned: true, Source: "build.gradle.kts"}}
	tests := []struct {
		name        string
		facts       detect.Facts
		answers     Answers
		base, build string
		warn, err   string
	}{
		{"maven without a wrapper: the maven image", maven, Answers{}, "eclipse-temurin:25-jre-noble", "maven:3.9-eclipse-temurin-25-noble", "", ""},
		{"the wrapper: the JDK image", mvnw, Answers{Version: "21"}, "eclipse-temurin:21-jre-noble", "eclipse-temurin:21-jdk-noble", "", ""},
		{"gradle on 11 without a wrapper: gradle's JDK 17", gradle, Answers{}, "eclipse-temurin:11-jre-noble", "gradle:9.7-jdk17-noble", "gradle 9 runs on JDK 17", ""},
		{"gradle on 21", gradle, Answers{Version: "21"}, "eclipse-temurin:21-jre-noble", "gradle:9.7-jdk21-noble", "", ""},
		{"a wrapper folder with shell characters", detect.Facts{Language: "java", PackageManager: "maven", Manifests: []string{"pom.xml"}, ManifestDirs: []string{".mvn;x"}}, Answers{}, "", "", "", "folder name"},
		{"a subproject with shell characters", detect.Facts{Language: "java", PackageManager: "gradle", Manifests: []string{"build.gradle"}, Project: "app$(x)"}, Answers{}, "", "", "", "subproject"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s, warns, err := Build(tt.facts, tt.answers, cat, dotnetNow)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if s.BaseImage != tt.base || s.BuildImage != tt.build {
				t.Errorf("base %s build %s, want %s %s", s.BaseImage, s.BuildImage, tt.base, tt.build)
			}
			got := strings.Join(warns, "\n")
			if (tt.warn == "") != (got == "") || !strings.Contains(got, tt.warn) {
				t.Errorf("warnings %q, want %q", warns, tt.warn)
			}
		})
	}
}
