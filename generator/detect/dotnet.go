package detect

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strconv"
	"strings"
)

var (
	// dotnetTFM is a .NET 5+ target framework moniker: net8.0, net10.0,
	// net9.0-windows (the platform suffix is dropped).
	dotnetTFM = regexp.MustCompile(`^net(\d+)\.(\d+)(-[a-z0-9.]+)?$`)
	// slnProject is a project line of a .sln file.
	slnProject = regexp.MustCompile(`(?m)^Project\("\{[0-9A-Fa-f-]+\}"\)\s*=\s*"[^"]*",\s*"([^"]+\.(?:cs|fs|vb)proj)"`)
	// dotnetAssembly is an assembly name that is safe as a file name.
	dotnetAssembly = regexp.MustCompile(`^[A-Za-z0-9_][A-Za-z0-9_. -]*[A-Za-z0-9_]$|^[A-Za-z0-9_]$`)
	// testProjectName is the naming convention of test projects.
	testProjectName = regexp.MustCompile(`(?i)[.](unit|integration|functional|e2e)?tests?$`)
)

// dotnetRootFiles are the build settings restore reads from the root:
// copied with the project files.
var dotnetRootFiles = []string{"global.json", "NuGet.config", "Directory.Build.props",
	"Directory.Build.targets", "Directory.Packages.props"}

// nugetConfigNames are the spellings of NuGet.config restore finds on
// Linux; the first one present is copied (a case-insensitive file system
// would report all of them).
var nugetConfigNames = []string{"NuGet.config", "nuget.config", "NuGet.Config"}

// dotnetSettings records the root build settings that exist.
func dotnetSettings(fsys fs.FS, r *recorder) {
	for _, n := range dotnetRootFiles {
		if n != "NuGet.config" {
			r.manifests(fsys, n)
			continue
		}
		for _, c := range nugetConfigNames {
			if exists(fsys, c) {
				r.manifests(fsys, c)
				break
			}
		}
	}
}

// csproj is the part of an MSBuild project file detection reads.
type csproj struct {
	Sdk  string `xml:"Sdk,attr"`
	Sdks []struct {
		Name string `xml:"Name,attr"`
	} `xml:"Sdk"`
	Props []struct {
		TargetFramework  string `xml:"TargetFramework"`
		TargetFrameworks string `xml:"TargetFrameworks"`
		AssemblyName     string `xml:"AssemblyName"`
		OutputType       string `xml:"OutputType"`
		IsTestProject    string `xml:"IsTestProject"`
	} `xml:"PropertyGroup"`
	Items []struct {
		Packages []struct {
			Include string `xml:"Include,attr"`
		} `xml:"PackageReference"`
		Projects []struct {
			Include string `xml:"Include,attr"`
		} `xml:"ProjectReference"`
	} `xml:"ItemGroup"`
}

// dotnetProject is one project file as detection understands it.
type dotnetProject struct {
	file     string // slash path from the root
	sdk      string
	tfm      string // the newest target framework
	assembly string
	exe      bool // an application, not a library
	test     bool
	refs     []string // referenced project files, slash paths from the root
	packages []string // PackageReference names
}

func (p dotnetProject) web() bool { return p.sdk == "Microsoft.NET.Sdk.Web" }

// detectDotnet detects a .NET project: a project file at the root, else
// the projects a solution at the root lists, else project files one or two
// folders down (Api/Api.csproj, src/Api/Api.csproj); ok is false without
// one.
func detectDotnet(fsys fs.FS) (Facts, bool) {
	files, from := dotnetProjectFiles(fsys)
	if len(files) == 0 {
		return Facts{}, false
	}
	r := &recorder{}
	r.f.Language = "dotnet"
	r.f.PackageManager = "dotnet"
	var projects []dotnetProject
	for _, f := range files {
		if p, ok := readDotnetProject(fsys, f, r); ok {
			projects = append(projects, p)
		}
	}
	// The application: a web project, else any other executable; never a
	// test project or a library.
	var apps []dotnetProject
	for _, web := range []bool{true, false} {
		for _, p := range projects {
			if !p.test && p.exe && p.web() == web {
				apps = append(apps, p)
			}
		}
	}
	marker := files[0]
	if from != "" {
		marker = from
	}
	r.evidence("language", marker, ".NET project "+files[0])
	r.evidence("package_manager", marker, "dotnet restore and publish")
	if len(apps) == 0 {
		for _, p := range projects {
			if p.sdk == "Microsoft.NET.Sdk.BlazorWebAssembly" {
				r.warn("%s: a standalone Blazor WebAssembly app is a static site (publish writes wwwroot/ for a web server); dockgen has no server for it: host it in an ASP.NET Core project or serve wwwroot/ with nginx", p.file)
			}
		}
		r.warn("%s: no application project (only libraries or tests); pass --main with the project file to publish", marker)
		dotnetSettings(fsys, r)
		return r.f, true
	}
	app := apps[0]
	if len(apps) > 1 {
		for _, a := range apps {
			r.f.Mains = append(r.f.Mains, a.file)
		}
		r.warn("%s: several application projects (%s); publishing %s; pass --main with the project file to publish another",
			marker, strings.Join(r.f.Mains, ", "), app.file)
	}
	r.f.Project, r.f.Assembly = app.file, app.assembly
	r.evidence("entrypoint", app.file, "the project to publish, assembly "+app.assembly)

	tfmFile := app.file
	if app.tfm == "" {
		// The project inherits its target framework from the settings.
		if p, ok := readDotnetProject(fsys, "Directory.Build.props", r); ok && exists(fsys, "Directory.Build.props") {
			app.tfm, tfmFile = p.tfm, "Directory.Build.props"
		}
	}
	if m := dotnetTFM.FindStringSubmatch(app.tfm); m != nil {
		v := m[1] + "." + m[2]
		r.f.Version = VersionReq{Raw: v, Pinned: true, Source: tfmFile}
		r.evidence("version", tfmFile, "TargetFramework "+app.tfm)
		// The build runs in the SDK image of the same line: an SDK that
		// global.json pins from a newer line is not in it.
		if sdk := globalJSONSDK(fsys); sdk != "" {
			if major, _, _ := strings.Cut(sdk, "."); atoiOr0(major) > atoiOr0(m[1]) {
				r.warn("global.json: sdk.version %s is newer than the %s the project targets; the build image (the %s SDK) does not satisfy it: pass --runtime-version %s.0, or align global.json", sdk, app.tfm, v, major)
			}
		}
	} else {
		if app.tfm != "" {
			r.warn("%s: target framework %q is not .NET 5 or later; dockgen's images run .NET 8 and later", app.file, app.tfm)
		}
		dotnetGlobalJSON(fsys, r)
	}
	if app.web() {
		r.f.Framework = "aspnetcore"
		r.evidence("framework", app.file, "Sdk=\"Microsoft.NET.Sdk.Web\" (ASP.NET Core)")
		if file, why := blazorApp(fsys, app); file != "" {
			r.f.Framework = "blazor"
			r.evidence("framework", file, why+": a Blazor web app, served by ASP.NET Core")
		}
		r.f.Port = 8080
		r.evidence("port", app.file, "ASP.NET Core images listen on 8080 (ASPNETCORE_HTTP_PORTS, .NET 8 and later)")
	}
	r.f.Command = []string{"dotnet", app.assembly + ".dll"}
	r.evidence("command", app.file, "runs the published "+app.assembly+".dll")

	// Restore needs the settings at the root, the project and every
	// project it references (transitively), each in its folder.
	dotnetSettings(fsys, r)
	byFile := map[string]dotnetProject{}
	for _, p := range projects {
		byFile[p.file] = p
	}
	queue := []dotnetProject{app}
	for len(queue) > 0 && len(r.f.Manifests) < 64 {
		p := queue[0]
		queue = queue[1:]
		if contains(r.f.Manifests, p.file) {
			continue
		}
		r.manifests(fsys, p.file, path.Join(path.Dir(p.file), "packages.lock.json"))
		for _, ref := range p.refs {
			if q, ok := byFile[ref]; ok {
				queue = append(queue, q)
			} else if q, ok := readDotnetProject(fsys, ref, r); ok {
				byFile[ref] = q
				queue = append(queue, q)
			}
		}
	}
	return r.f, true
}

// dotnetProjectFiles lists the project files to consider and the solution
// they came from ("" when none).
func dotnetProjectFiles(fsys fs.FS) (files []string, from string) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, ""
	}
	var slns []string
	for _, e := range entries {
		switch n := e.Name(); {
		case e.IsDir():
		case isProjectFile(n):
			files = append(files, n)
		case strings.HasSuffix(n, ".sln") || strings.HasSuffix(n, ".slnx"):
			slns = append(slns, n)
		}
	}
	if len(files) > 0 {
		return files, ""
	}
	for _, sln := range slns {
		src, ok := readSource(fsys, sln)
		if !ok {
			continue
		}
		var paths []string
		if strings.HasSuffix(sln, ".slnx") {
			for _, m := range regexp.MustCompile(`<Project\s+Path="([^"]+)"`).FindAllSubmatch(src, -1) {
				paths = append(paths, string(m[1]))
			}
		} else {
			for _, m := range slnProject.FindAllSubmatch(src, -1) {
				paths = append(paths, string(m[1]))
			}
		}
		for _, p := range paths {
			p = path.Clean(strings.ReplaceAll(p, `\`, "/"))
			if isProjectFile(p) && !strings.HasPrefix(p, "../") && exists(fsys, p) && !contains(files, p) {
				files = append(files, p)
			}
		}
		if len(files) > 0 {
			return files, sln
		}
	}
	// No solution: Api/Api.csproj or src/Api/Api.csproj.
	for _, dir := range []string{".", "src"} {
		subs, err := fs.ReadDir(fsys, dir)
		if err != nil {
			continue
		}
		for _, d := range subs {
			if !d.IsDir() || skipDir(d.Name()) || dir == "." && d.Name() == "src" {
				continue
			}
			sub := path.Join(dir, d.Name())
			inner, err := fs.ReadDir(fsys, sub)
			if err != nil {
				continue
			}
			for _, e := range inner {
				if !e.IsDir() && isProjectFile(e.Name()) && len(files) < 64 {
					files = append(files, path.Join(sub, e.Name()))
				}
			}
		}
	}
	return files, ""
}

func isProjectFile(name string) bool {
	return strings.HasSuffix(name, ".csproj") || strings.HasSuffix(name, ".fsproj") || strings.HasSuffix(name, ".vbproj")
}

// readDotnetProject parses one project file; problems are warnings naming it.
func readDotnetProject(fsys fs.FS, file string, r *recorder) (dotnetProject, bool) {
	data, ok, w := readManifest(fsys, file)
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return dotnetProject{}, false
	}
	var x csproj
	if err := xml.Unmarshal(data, &x); err != nil {
		r.warn("%s: invalid XML: %s", file, oneLine(err.Error()))
		return dotnetProject{}, false
	}
	base := path.Base(file)
	name := strings.TrimSuffix(base, path.Ext(base))
	p := dotnetProject{file: file, sdk: strings.TrimSpace(x.Sdk), assembly: name}
	if p.sdk == "" && len(x.Sdks) > 0 {
		p.sdk = x.Sdks[0].Name
	}
	// An SDK may carry a version: Microsoft.NET.Sdk.Web/8.0.0.
	p.sdk, _, _ = strings.Cut(p.sdk, "/")
	outputType := ""
	var tfms []string
	for _, pg := range x.Props {
		if v := strings.TrimSpace(pg.TargetFramework); v != "" {
			tfms = append(tfms, v)
		}
		for _, v := range strings.Split(pg.TargetFrameworks, ";") {
			if v = strings.TrimSpace(v); v != "" {
				tfms = append(tfms, v)
			}
		}
		if v := strings.TrimSpace(pg.AssemblyName); v != "" {
			if dotnetAssembly.MatchString(v) {
				p.assembly = v
			} else if !strings.Contains(v, "$(") {
				r.warn("%s: AssemblyName %q is not a plain file name; using %s", file, v, name)
			}
		}
		if v := strings.TrimSpace(pg.OutputType); v != "" {
			outputType = strings.ToLower(v)
		}
		if strings.EqualFold(strings.TrimSpace(pg.IsTestProject), "true") {
			p.test = true
		}
	}
	p.tfm = newestTFM(tfms)
	for _, ig := range x.Items {
		for _, pr := range ig.Packages {
			p.packages = append(p.packages, pr.Include)
			if pr.Include == "Microsoft.NET.Test.Sdk" {
				p.test = true
			}
		}
		for _, ref := range ig.Projects {
			ref := path.Clean(path.Join(path.Dir(file), strings.ReplaceAll(ref.Include, `\`, "/")))
			if !strings.HasPrefix(ref, "../") && isProjectFile(ref) {
				p.refs = append(p.refs, ref)
			}
		}
	}
	if testProjectName.MatchString(name) {
		p.test = true
	}
	if !dotnetAssembly.MatchString(p.assembly) {
		r.warn("%s: the project name %q is not a plain file name; pass --cmd", file, p.assembly)
		p.assembly = "app"
	}
	switch {
	case outputType == "exe" || outputType == "winexe":
		p.exe = true
	case outputType == "" && (p.sdk == "Microsoft.NET.Sdk.Web" || p.sdk == "Microsoft.NET.Sdk.Worker"):
		p.exe = true
	}
	return p, true
}

// newestTFM is the newest net<MAJOR>.<MINOR> of tfms, else the first.
func newestTFM(tfms []string) string {
	best, bestV := "", -1
	for _, t := range tfms {
		if m := dotnetTFM.FindStringSubmatch(t); m != nil {
			major, _ := strconv.Atoi(m[1])
			minor, _ := strconv.Atoi(m[2])
			if v := major*100 + minor; v > bestV {
				best, bestV = t, v
			}
		}
	}
	if best == "" && len(tfms) > 0 {
		return tfms[0]
	}
	return best
}

// dotnetGlobalJSON reads the SDK version global.json pins, when the
// project names no target framework dockgen can use.
func dotnetGlobalJSON(fsys fs.FS, r *recorder) {
	data, ok, w := readManifest(fsys, "global.json")
	if w != "" {
		r.warn("%s", w)
	}
	if !ok {
		return
	}
	var g struct {
		SDK struct {
			Version string `json:"version"`
		} `json:"sdk"`
	}
	if err := json.Unmarshal(data, &g); err != nil {
		r.warn("global.json: invalid JSON: %s", jsonReason(data, err))
		return
	}
	v := strings.TrimSpace(g.SDK.Version)
	parts := strings.Split(v, ".")
	if len(parts) < 2 || slices.Contains(parts[:2], "") {
		return
	}
	line := parts[0] + "." + parts[1]
	r.f.Version = VersionReq{Raw: line, Pinned: true, Source: "global.json"}
	r.evidence("version", "global.json", fmt.Sprintf("sdk.version %s (the %s SDK)", v, line))
}

// globalJSONSDK is the SDK version global.json pins, "" when none (or
// when it cannot be read: dotnetGlobalJSON reports that).
func globalJSONSDK(fsys fs.FS) string {
	data, ok, _ := readManifest(fsys, "global.json")
	if !ok {
		return ""
	}
	var g struct {
		SDK struct {
			Version string `json:"version"`
		} `json:"sdk"`
	}
	if json.Unmarshal(data, &g) != nil {
		return ""
	}
	return strings.TrimSpace(g.SDK.Version)
}

func atoiOr0(s string) int {
	n, _ := strconv.Atoi(s)
	return n
}

// blazorRazor finds a Blazor web app's component registration in its
// startup code: AddRazorComponents (.NET 8's Blazor Web App) or
// AddServerSideBlazor (Blazor Server).
var blazorRazor = regexp.MustCompile(`\.Add(?:RazorComponents|ServerSideBlazor)\(`)

// blazorApp reports where an ASP.NET Core project shows it is a Blazor
// web app: the Blazor WebAssembly server package, or Program.cs
// registering Razor components; "" when it is not one.
func blazorApp(fsys fs.FS, app dotnetProject) (file, why string) {
	for _, pkg := range app.packages {
		if pkg == "Microsoft.AspNetCore.Components.WebAssembly.Server" {
			return app.file, "references " + pkg
		}
	}
	program := path.Join(path.Dir(app.file), "Program.cs")
	if src, ok := readSource(fsys, program); ok {
		if m := blazorRazor.Find(src); m != nil {
			return program, "calls " + strings.TrimPrefix(strings.TrimSuffix(string(m), "("), ".")
		}
	}
	return "", ""
}
