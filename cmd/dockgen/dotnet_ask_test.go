package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dockgen/dockgen/generator/prompt"
	"github.com/dockgen/dockgen/generator/spec"
)

// Two ASP.NET Core projects: init asks which to publish (the detected one
// is the default), and the answer decides the restore, the publish, the
// dll the ENTRYPOINT runs and the recorded --main.
func TestInitAsksWhichDotnetProject(t *testing.T) {
	dir := copyFixture(t, "dotnet-two-apps")
	f := prompt.NewFake(t)
	f.ExpectSelect(spec.QLanguage+" (detected from src/Admin/Admin.csproj)", "dotnet")
	f.ExpectInputDefault(spec.QVersion + " (detected from src/Admin/Admin.csproj)")
	f.ExpectSelect(spec.QVariant, "")
	f.ExpectSelect(spec.QFramework+" (detected from src/Admin/Admin.csproj)", "aspnetcore")
	f.ExpectSelectWithDefault(spec.QProject, "src/Admin/Admin.csproj", "src/Storefront/Storefront.csproj")
	f.ExpectInputDefault(spec.QPort + " (detected from src/Admin/Admin.csproj)")
	f.ExpectInputWithDefault(spec.QCommand, "dotnet Storefront.dll", "")
	r := run(t, f, "init", dir)
	if r.code != 0 {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{"COPY src/Storefront/Storefront.csproj src/Storefront/\n", "dotnet restore src/Storefront/Storefront.csproj\n",
		"dotnet publish src/Storefront/Storefront.csproj ", `ENTRYPOINT ["dotnet", "Storefront.dll"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
	if rec := readFile(t, filepath.Join(dir, ".dockgen.yaml")); !strings.Contains(rec, "main: src/Storefront/Storefront.csproj\n") {
		t.Errorf(".dockgen.yaml does not record the choice:\n%s", rec)
	}
}

// A project named with a space ("My App.csproj", Visual Studio's default
// style) was a dead end: the warning said pass --cmd, and --cmd failed too.
// Now it renders: COPY in JSON form, the path quoted in RUN, the dll in
// exec form, and BuildKit's checks pass (init lints what it writes).
func TestInitDotnetProjectWithASpace(t *testing.T) {
	dir := copyFixture(t, "dotnet-console")
	if err := os.Rename(filepath.Join(dir, "QueueWorker.csproj"), filepath.Join(dir, "My App.csproj")); err != nil {
		t.Fatal(err)
	}
	r := run(t, nil, "init", "--yes", dir)
	if r.code != 0 || strings.Contains(r.stderr, "pass --cmd") {
		t.Fatalf("exit %d: %s", r.code, r.stderr)
	}
	df := readFile(t, filepath.Join(dir, "Dockerfile"))
	for _, want := range []string{`COPY ["My App.csproj", "packages.lock.json", "./"]`, "dotnet restore 'My App.csproj'", "dotnet publish 'My App.csproj' ", `ENTRYPOINT ["dotnet", "My App.dll"]`} {
		if !strings.Contains(df, want) {
			t.Errorf("Dockerfile lacks %q:\n%s", want, df)
		}
	}
}
