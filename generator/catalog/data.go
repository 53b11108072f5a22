package catalog

// builtin is written from shared/catalog (official-images at 37079fb,
// 2026-08-21; endoflife.date at a70eca3, EOL dates as of 2026-11-28).
// Lines marked Retired are end-of-life and no longer in the tag list; they
// are kept so that a pinned old version is recognised and warned about.
var builtin = []Stack{
	{
		Language: "python",
		Image:    "python",
		Product:  "python",
		Default:  "3.14",
		Lines: []Line{
			{Version: "3.14", EOL: date("2030-10-31")},
			{Version: "3.13", EOL: date("2029-10-31")},
			{Version: "3.12", EOL: date("2028-10-31")},
			{Version: "3.11", EOL: date("2027-10-31")},
			{Version: "3.10", EOL: date("2026-10-31")},
			{Version: "3.9", EOL: date("2025-10-31"), Retired: true},
			{Version: "3.8", EOL: date("2024-10-07"), Retired: true},
		},
		Variants: []Variant{
			{Name: "slim", Suffix: "slim-trixie", Doc: "Debian 13 trixie, slim (default)"},
			{Name: "alpine", Suffix: "alpine3.24", Doc: "Alpine 3.24, musl: some wheels must compile"},
			{Name: "full", Suffix: "trixie", Doc: "Debian 13 trixie with build tools, for C extensions"},
		},
	},
	{
		Language: "node",
		Image:    "node",
		Product:  "nodejs",
		Default:  "26",
		Lines: []Line{
			{Version: "26", EOL: date("2029-04-30"), LTS: true},
			{Version: "24", EOL: date("2028-04-30"), LTS: true},
			{Version: "22", EOL: date("2027-04-30"), LTS: true},
			{Version: "20", EOL: date("2026-04-30"), LTS: true, Retired: true},
			{Version: "18", EOL: date("2025-04-30"), LTS: true, Retired: true},
		},
		Variants: []Variant{
			{Name: "slim", Suffix: "trixie-slim", Doc: "Debian 13 trixie, slim (default)"},
			{Name: "alpine", Suffix: "alpine3.24", Doc: "Alpine 3.24, musl: amd64 and arm64 only"},
			{Name: "full", Suffix: "trixie", Doc: "Debian 13 trixie with build tools, for native addons"},
		},
	},
	{
		Language: "go",
		Image:    "golang",
		Product:  "go",
		Default:  "1.27",
		Lines: []Line{
			{Version: "1.27"},
			{Version: "1.26"},
			{Version: "1.25", EOL: date("2026-08-19"), Retired: true},
			{Version: "1.24", EOL: date("2026-02-10"), Retired: true},
		},
		// Go variants name the final stage; the build stage is golang on
		// the same OS family.
		Variants: []Variant{
			{Name: "scratch", Suffix: "trixie", Doc: "static binary on scratch (default)"},
			{Name: "alpine", Suffix: "alpine3.24", Doc: "static binary on alpine:3.24, with a shell"},
			{Name: "debian", Suffix: "trixie", Doc: "debian:trixie-slim, for cgo or a full userland"},
		},
	},
}
