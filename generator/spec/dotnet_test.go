package spec

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var dotnetNow = time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC)

func TestDotnetSpec(t *testing.T) {
	cat := catalog.Default()
	web := detect.Facts{Language: "dotnet", PackageManager: "dotnet", Framework: "aspnetcore", Port: 8080,
		Version: detect.VersionReq{Raw: "10.0", Pinned: true, Source: "src/Web/Web.csproj"},
		Command: []string{"dotnet", "Shop.Web.dll"}, Manifests: []string{"src/Web/Web.csproj"},
		Project: "src/Web/Web.csproj", Assembly: "Shop.Web", Mains: []string{"src/Web/Web.csproj", "src/Cli/Cli.csproj"}}
	console := detect.Facts{Language: "dotnet", PackageManager: "dotnet", Command: []string{"dotnet", "Cli.dll"},
		Manifests: []string{"Cli.csproj"}, Project: "Cli.csproj", Assembly: "Cli"}
	tests := []struct {
		name         string
		facts        detect.Facts
		answers      Answers
		base, build  string
		project, cmd string
		err          string
	}{
		{"web: aspnet", web, Answers{}, "mcr.microsoft.com/dotnet/aspnet:10.0-noble", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "src/Web/Web.csproj", "dotnet Shop.Web.dll", ""},
		{"console: runtime", console, Answers{}, "mcr.microsoft.com/dotnet/runtime:10.0-noble", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "Cli.csproj", "dotnet Cli.dll", ""},
		{"chiseled", web, Answers{Variant: "chiseled"}, "mcr.microsoft.com/dotnet/aspnet:10.0-noble-chiseled", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "src/Web/Web.csproj", "dotnet Shop.Web.dll", ""},
		{"--main picks another project and its dll", web, Answers{Main: "src/Cli/Cli.csproj"}, "mcr.microsoft.com/dotnet/aspnet:10.0-noble", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "src/Cli/Cli.csproj", "dotnet Cli.dll", ""},
		{"--main naming the detected project keeps its AssemblyName", web, Answers{Main: "src/Web/Web.csproj"}, "mcr.microsoft.com/dotnet/aspnet:10.0-noble", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "src/Web/Web.csproj", "dotnet Shop.Web.dll", ""},
		{"a new service", detect.Facts{}, Answers{Language: "dotnet"}, "mcr.microsoft.com/dotnet/runtime:10.0-noble", "mcr.microsoft.com/dotnet/sdk:10.0-noble", "App.csproj", "dotnet App.dll", ""},
		{"--main with shell characters", web, Answers{Main: "src/x;rm -rf.csproj"}, "", "", "", "", "--main: project"},
		{"--main that is no project file", web, Answers{Main: "src/Web"}, "", "", "", "", "--main: project"},
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
			if s.BaseImage != tt.base || s.BuildImage != tt.build || s.Project != tt.project || strings.Join(s.Command, " ") != tt.cmd {
				t.Errorf("base %s build %s project %s cmd %v", s.BaseImage, s.BuildImage, s.Project, s.Command)
			}
			if strings.Join(s.Command, " ") != "dotnet "+s.Assembly+".dll" {
				t.Errorf("command %v does not run the assembly %s", s.Command, s.Assembly)
			}
			if !slices.Contains(s.Manifests, s.Project) {
				t.Errorf("the project %s is not among the manifests %v", s.Project, s.Manifests)
			}
			if !slices.ContainsFunc(warns, func(w string) bool { return strings.Contains(w, "no Docker Official Image") }) {
				t.Errorf("no vendor warning: %q", warns)
			}
		})
	}
}
