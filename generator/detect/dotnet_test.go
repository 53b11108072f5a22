package detect

import (
	"reflect"
	"testing"
)

// dotnetFixtures are the .NET fixture repositories' cases for
// TestDetectFixtures.
var dotnetFixtures = map[string]want{
	"dotnet-aspnet": {
		lang: "dotnet", version: VersionReq{"10.0", true, "src/Contoso.Api/Contoso.Api.csproj"}, pm: "dotnet",
		framework: "aspnetcore", port: 8080, command: []string{"dotnet", "Contoso.Orders.Api.dll"},
		manifests: []string{"global.json", "NuGet.config", "Directory.Packages.props", "src/Contoso.Api/Contoso.Api.csproj", "src/Contoso.Core/Contoso.Core.csproj"},
	},
	"dotnet-console": {
		lang: "dotnet", version: VersionReq{"9.0", true, "QueueWorker.csproj"}, pm: "dotnet",
		command: []string{"dotnet", "QueueWorker.dll"}, manifests: []string{"QueueWorker.csproj", "packages.lock.json"},
	},
	"dotnet-two-apps": {
		lang: "dotnet", version: VersionReq{"9.0", true, "src/Admin/Admin.csproj"}, pm: "dotnet",
		framework: "aspnetcore", port: 8080, command: []string{"dotnet", "Admin.dll"},
		mains:     []string{"src/Admin/Admin.csproj", "src/Storefront/Storefront.csproj"},
		manifests: []string{"src/Admin/Admin.csproj"},
		warnings:  []string{"several application projects (src/Admin/Admin.csproj, src/Storefront/Storefront.csproj); publishing src/Admin/Admin.csproj; pass --main"},
	},
}

const webSdk = `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`

func TestDotnetVersion(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  VersionReq
		warn  string
	}{
		{"TargetFramework", map[string]string{"Api.csproj": webSdk}, VersionReq{"10.0", true, "Api.csproj"}, ""},
		{"TargetFrameworks: the newest", map[string]string{"Tool.csproj": `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFrameworks>net9.0;net8.0;net10.0</TargetFrameworks></PropertyGroup></Project>`}, VersionReq{"10.0", true, "Tool.csproj"}, ""},
		{"platform suffix dropped", map[string]string{"App.csproj": `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0-linux</TargetFramework></PropertyGroup></Project>`}, VersionReq{"8.0", true, "App.csproj"}, ""},
		{"TargetFramework beats global.json", map[string]string{"Api.csproj": webSdk, "global.json": `{"sdk": {"version": "9.0.300"}}`}, VersionReq{"10.0", true, "Api.csproj"}, ""},
		{"global.json pinning a newer SDK than the target: warning", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net8.0</TargetFramework></PropertyGroup></Project>`, "global.json": `{"sdk": {"version": "10.0.100"}}`}, VersionReq{"8.0", true, "Api.csproj"}, "global.json: sdk.version 10.0.100 is newer than the net8.0 the project targets"},
		{"global.json of the same line: no warning", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net9.0</TargetFramework></PropertyGroup></Project>`, "global.json": `{"sdk": {"version": "9.0.300"}}`}, VersionReq{"9.0", true, "Api.csproj"}, ""},
		{"global.json when the project names none", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`, "global.json": `{"sdk": {"version": "9.0.300", "rollForward": "latestMinor"}}`}, VersionReq{"9.0", true, "global.json"}, ""},
		{".NET Framework: warning, then global.json", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net48</TargetFramework></PropertyGroup></Project>`}, VersionReq{}, `target framework "net48" is not .NET 5 or later`},
		{"Directory.Build.props when the project names none", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`, "Directory.Build.props": `<Project><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`, "global.json": `{"sdk": {"version": "9.0.300"}}`}, VersionReq{"10.0", true, "Directory.Build.props"}, ""},
		{"malformed global.json: warning", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"></Project>`, "global.json": `{"sdk": `}, VersionReq{}, "global.json: invalid JSON"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(mapFS(tt.files))
			if got.Language != "dotnet" || got.Version != tt.want {
				t.Errorf("Language %q, Version = %+v, want dotnet %+v", got.Language, got.Version, tt.want)
			}
			checkWarnings(t, got.Warnings, nonEmpty(tt.warn))
			checkEvidence(t, got)
		})
	}
}

func TestDotnetProject(t *testing.T) {
	lib := `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`
	tests := []struct {
		name      string
		files     map[string]string
		project   string
		assembly  string
		framework string
		manifests []string
		warn      string
	}{
		{"root web project", map[string]string{"Api.csproj": webSdk}, "Api.csproj", "Api", "aspnetcore", []string{"Api.csproj"}, ""},
		{"AssemblyName", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework><AssemblyName>Shop.Web</AssemblyName></PropertyGroup></Project>`}, "Api.csproj", "Shop.Web", "aspnetcore", []string{"Api.csproj"}, ""},
		{"AssemblyName with an MSBuild property: the file name", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><AssemblyName>$(MSBuildProjectName)</AssemblyName></PropertyGroup></Project>`}, "Api.csproj", "Api", "aspnetcore", []string{"Api.csproj"}, ""},
		{"worker SDK: an app, no framework", map[string]string{"Jobs.csproj": `<Project Sdk="Microsoft.NET.Sdk.Worker"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`}, "Jobs.csproj", "Jobs", "", []string{"Jobs.csproj"}, ""},
		{"F# console", map[string]string{"Cli.fsproj": `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`}, "Cli.fsproj", "Cli", "", []string{"Cli.fsproj"}, ""},
		{"src/ layout, test projects skipped, references copied", map[string]string{
			"src/Web/Web.csproj":             `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup><ItemGroup><ProjectReference Include="..\Data\Data.csproj" /></ItemGroup></Project>`,
			"src/Data/Data.csproj":           lib,
			"src/Web.Tests/Web.Tests.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup><TargetFramework>net10.0</TargetFramework></PropertyGroup></Project>`,
			"Directory.Build.props":          "<Project></Project>",
			"nuget.config":                   "<configuration />",
		}, "src/Web/Web.csproj", "Web", "aspnetcore", []string{"nuget.config", "Directory.Build.props", "src/Web/Web.csproj", "src/Data/Data.csproj"}, ""},
		{"a solution's projects", map[string]string{
			"App.sln":            "Project(\"{FAE04EC0-301F-11D3-BF4B-00C04F79EFBC}\") = \"Api\", \"Api\\Api.csproj\", \"{11111111-1111-1111-1111-111111111111}\"\nEndProject\n",
			"Api/Api.csproj":     webSdk,
			"Other/Other.csproj": webSdk,
		}, "Api/Api.csproj", "Api", "aspnetcore", []string{"Api/Api.csproj"}, ""},
		{"an .slnx solution", map[string]string{
			"App.slnx":           `<Solution><Folder Name="/src/"><Project Path="src/Api/Api.csproj" /></Folder></Solution>`,
			"src/Api/Api.csproj": webSdk,
		}, "src/Api/Api.csproj", "Api", "aspnetcore", []string{"src/Api/Api.csproj"}, ""},
		{"a web project beats a console one", map[string]string{
			"src/Cli/Cli.csproj": `<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType></PropertyGroup></Project>`,
			"src/Web/Web.csproj": webSdk,
		}, "src/Web/Web.csproj", "Web", "aspnetcore", []string{"src/Web/Web.csproj"}, "several application projects"},
		{"only a library: warning", map[string]string{"Lib.csproj": lib}, "", "", "", nil, "no application project"},
		{"malformed project: warning", map[string]string{"Api.csproj": `<Project Sdk="Microsoft.NET.Sdk.Web"><PropertyGroup>`}, "", "", "", nil, "Api.csproj: invalid XML"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Detect(mapFS(tt.files))
			if got.Language != "dotnet" || got.Project != tt.project || got.Assembly != tt.assembly || got.Framework != tt.framework || !reflect.DeepEqual(got.Manifests, tt.manifests) {
				t.Errorf("got %q project %q assembly %q framework %q manifests %v; want %q %q %q %v",
					got.Language, got.Project, got.Assembly, got.Framework, got.Manifests, tt.project, tt.assembly, tt.framework, tt.manifests)
			}
			checkWarnings(t, got.Warnings, nonEmpty(tt.warn))
			checkEvidence(t, got)
		})
	}
}

// A .NET service beside a frontend's package.json is the .NET one.
func TestDotnetBesideNode(t *testing.T) {
	got := Detect(mapFS(map[string]string{"Api.csproj": webSdk, "package.json": `{"scripts": {"build": "vite build"}}`}))
	if got.Language != "dotnet" {
		t.Errorf("language %q, want dotnet", got.Language)
	}
}

func nonEmpty(s string) []string {
	if s == "" {
		return nil
	}
	return []string{s}
}
