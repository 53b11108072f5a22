package detect

import (
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"strings"

	"gopkg.in/yaml.v3"
)

// nodeBuildScripts are the build scripts, preferred first: one the project
// keeps for container or production builds beats plain "build".
var nodeBuildScripts = []string{"build:docker", "docker:build", "build-docker", "build:container", "build:prod", "build:production", "build"}

// containerTool finds a script that runs a container tool itself
// ("docker:build": "docker build -t app ."): that builds an image, not the
// app, and cannot run inside one.
var containerTool = regexp.MustCompile(`(?:^|[\s;&|])(?:sudo\s+)?(?:docker|docker-compose|podman|buildah|nerdctl)\b`)

// safeScriptName is a script name that can stand in a RUN line unquoted.
var safeScriptName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9:._-]*$`)

// nodeBuildScript sets BuildScript and BuildScriptName: the first of
// nodeBuildScripts that package.json has and that builds the app.
func nodeBuildScript(r *recorder, pkg packageJSON) {
	var skipped []Candidate
	for _, name := range nodeBuildScripts {
		script, ok := pkg.Scripts[name]
		if !ok {
			continue
		}
		if containerTool.MatchString(script) {
			skipped = append(skipped, Candidate{Value: name, File: "package.json", Reason: fmt.Sprintf("scripts[%q] = %s runs a container tool", name, quote(script))})
			continue
		}
		r.f.BuildScript, r.f.BuildScriptName = true, name
		reason := fmt.Sprintf("scripts[%q] = %s", name, quote(script))
		if name != "build" {
			if _, ok := pkg.Scripts["build"]; ok {
				reason += `, the project's container/production build, beats scripts["build"]`
			}
		}
		r.evidence("build", "package.json", reason)
		if len(skipped) > 0 {
			i := len(r.f.Evidence) - 1
			r.f.Evidence[i].Candidates = skipped
			r.f.Evidence[i].Rule = "a script that runs docker itself cannot build inside the image"
		}
		return
	}
}

// pnpmLockMajors maps pnpm-lock.yaml's lockfileVersion to the pnpm major
// that installs it. Lockfile 9.0 is written by pnpm 9, 10, 11 and 12;
// pnpm 10 is the one that installs every such lockfile here: pnpm 9
// rejects the settings-only pnpm-workspace.yaml that pnpm 10 and later
// write ("packages field missing or empty"), pnpm 11 fails on dependency
// build scripts it was not told to allow (strictDepBuilds defaults to
// true: ERR_PNPM_IGNORED_BUILDS) and needs Node.js 22.13 or later, and
// pnpm 12 is a native glibc binary (no Alpine). pnpm 10 warns about such
// build scripts instead and runs on Node.js 18 and later.
var pnpmLockMajors = map[string]string{"9.0": "10", "6.0": "8", "6.1": "8", "5.4": "7", "5.3": "6"}

// yarnRelease is a Yarn release file: .yarn/releases/yarn-4.5.0.cjs.
var yarnRelease = regexp.MustCompile(`^yarn-(\d+\.\d+\.\d+(?:-[0-9A-Za-z.]+)?)\.c?js$`)

// nodeToolVersion sets the package manager's version when package.json
// has no packageManager: pnpm's major from pnpm-lock.yaml's
// lockfileVersion, Yarn's version from the release .yarnrc.yml's yarnPath
// names (or the one file in .yarn/releases), whose folder is then copied
// with the manifests (yarn runs that file).
func nodeToolVersion(fsys fs.FS, r *recorder, manager string) {
	switch manager {
	case "pnpm":
		data, ok, _ := readManifest(fsys, "pnpm-lock.yaml")
		if !ok {
			return
		}
		var lock struct {
			LockfileVersion any `yaml:"lockfileVersion"`
		}
		if err := yaml.Unmarshal(data, &lock); err != nil {
			r.warn("pnpm-lock.yaml: not read: %s", oneLine(err.Error()))
			return
		}
		v := strings.TrimSpace(fmt.Sprint(lock.LockfileVersion))
		if !strings.Contains(v, ".") {
			v += ".0" // lockfileVersion: 5.4 may be a number, and 6 is 6.0
		}
		major, ok := pnpmLockMajors[v]
		if !ok {
			if lock.LockfileVersion != nil {
				r.warn("pnpm-lock.yaml: lockfileVersion %s is not one dockgen knows; installing the current pnpm (set packageManager in package.json to choose)", quote(v))
			}
			return
		}
		r.f.PackageManagerVersion = major
		r.f.PackageManagerVersionSource = fmt.Sprintf("pnpm-lock.yaml lockfileVersion '%s'", v)
		r.evidence("package_manager_version", "pnpm-lock.yaml", fmt.Sprintf("lockfileVersion '%s' is installed by pnpm %s", v, major))
	case "yarn":
		release := ""
		if data, ok, _ := readManifest(fsys, ".yarnrc.yml"); ok {
			var rc struct {
				YarnPath string `yaml:"yarnPath"`
			}
			if err := yaml.Unmarshal(data, &rc); err != nil {
				r.warn(".yarnrc.yml: not read: %s", oneLine(err.Error()))
			}
			if p := path.Clean(strings.TrimPrefix(rc.YarnPath, "./")); rc.YarnPath != "" {
				if !exists(fsys, p) || !fs.ValidPath(p) {
					r.warn(".yarnrc.yml: yarnPath %s does not exist; yarn will fail to start", quote(rc.YarnPath))
					return
				}
				release = p
			}
		}
		if release == "" {
			entries, _ := fs.ReadDir(fsys, ".yarn/releases")
			var found []string
			for _, e := range entries {
				if !e.IsDir() && yarnRelease.MatchString(e.Name()) {
					found = append(found, ".yarn/releases/"+e.Name())
				}
			}
			if len(found) != 1 {
				return
			}
			release = found[0]
		}
		m := yarnRelease.FindStringSubmatch(path.Base(release))
		if m == nil {
			return
		}
		r.f.PackageManagerVersion = m[1]
		r.f.PackageManagerVersionSource = release
		r.evidence("package_manager_version", release, "the Yarn release the repository carries")
		if dir := path.Dir(release); safePath.MatchString(dir) {
			r.f.ManifestDirs = append(r.f.ManifestDirs, dir)
		}
	}
}

// safePath is a relative path that can stand in a COPY line unquoted.
var safePath = regexp.MustCompile(`^[A-Za-z0-9._][A-Za-z0-9._/-]*$`)
