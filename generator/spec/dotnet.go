package spec

import (
	"path"
	"regexp"
	"slices"
	"strings"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/detect"
)

var dotnetStack = Stack{
	Language:        "dotnet",
	PackageManagers: []string{"dotnet"},
	// Blazor web apps are ASP.NET Core apps: the same images and port.
	Frameworks:   []string{"aspnetcore", "blazor"},
	NewManifests: map[string][]string{"dotnet": {"App.csproj"}},
	// ASP.NET Core's images listen on 8080 (ASPNETCORE_HTTP_PORTS) since
	// .NET 8; a console app or worker serves nothing.
	DefaultPort: func(framework string) int {
		if framework == "aspnetcore" || framework == "blazor" {
			return 8080
		}
		return 0
	},
	DefaultCommand: func(s Spec) []string { return []string{"dotnet", s.Assembly + ".dll"} },
	// Microsoft's SDK image builds; a web app runs on aspnet (the
	// variant's final image), anything else on the smaller runtime.
	Images: func(stack *catalog.Stack, s Spec, v catalog.Variant) (string, string) {
		build := stack.BuildRef(s.Version, v, "")
		if s.Framework == "aspnetcore" || s.Framework == "blazor" {
			return stack.RuntimeRef(s.Version, v), build
		}
		return stack.Ref(s.Version, v), build
	},
	// The project to publish: detected, or --main; its assembly names the
	// dll the ENTRYPOINT runs.
	Prepare: func(s *Spec, a Answers) error {
		from := s.Project
		if main := strings.TrimPrefix(a.Main, "./"); main != "" && main != s.Project {
			// Another project than detection's: its assembly is its name.
			s.Project, s.Assembly, from = main, "", "--main"
			if !slices.Contains(s.Manifests, s.Project) {
				s.Manifests = append(slices.Clone(s.Manifests), s.Project)
			}
		}
		if s.Project == "" {
			// A new service, or a repository without an application
			// project: the first project file among the manifests.
			for _, m := range s.Manifests {
				if dotnetProjectFile.MatchString(m) {
					s.Project = m
					break
				}
			}
			from = "--main"
		}
		if s.Project == "" {
			return errf("--main", "no .NET project to publish; pass --main with the project file (src/Api/Api.csproj)")
		}
		if !dotnetProjectFile.MatchString(s.Project) {
			return errf(from, "project %q: use a .csproj, .fsproj or .vbproj path of letters, digits, '.', '_', '-' and '/'", s.Project)
		}
		if s.Assembly == "" {
			base := path.Base(s.Project)
			s.Assembly = strings.TrimSuffix(base, path.Ext(base))
		}
		if !dotnetAssembly.MatchString(s.Assembly) {
			return errf(from, "assembly name %q: use letters, digits, '.', '_' and '-'", s.Assembly)
		}
		return nil
	},
	Shapes: func(string) []detect.Facts {
		return []detect.Facts{
			{Manifests: []string{"Api.csproj"}, Project: "Api.csproj", Assembly: "Api"},
			// A project named with a space (Visual Studio's "My App"): JSON-form COPY, quoted in RUN.
			{Manifests: []string{"My App.csproj"}, Project: "My App.csproj", Assembly: "My App"},
			{
				Manifests: []string{"global.json", "NuGet.config", "Directory.Packages.props", "src/Shop.Api/Shop.Api.csproj", "src/Shop.Core/Shop.Core.csproj"},
				Project:   "src/Shop.Api/Shop.Api.csproj", Assembly: "Contoso.Shop.Api",
			},
		}
	},
}

var (
	// dotnetProjectFile is a project file's slash path.
	dotnetProjectFile = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9._ -]*(/[A-Za-z0-9_][A-Za-z0-9._ -]*)*\.(cs|fs|vb)proj$`)
	// dotnetAssembly is an assembly name that is safe as a file name.
	dotnetAssembly = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_. -]*[A-Za-z0-9_]$|^[A-Za-z0-9_]$`)
)
