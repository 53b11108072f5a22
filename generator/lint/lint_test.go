package lint

import (
	"context"
	"strconv"
	"strings"
	"testing"
)

func TestDockerfileFindings(t *testing.T) {
	tests := []struct {
		name, df string
		want     []string // "LINE Rule"
	}{
		{"clean", "# syntax=docker/dockerfile:1\nFROM python:3.14-slim-trixie\nCMD [\"python\"]\n", nil},
		{"shell-form CMD", "FROM python:3.14-slim-trixie\nCMD python app.py\n", []string{"2 JSONArgsRecommended"}},
		{"casing and legacy ENV", "FROM alpine:3.24 AS Build\nENV A b\n", []string{"1 StageNameCasing", "2 LegacyKeyValueFormat"}},
		{"parse error", "FROM scratch\nFOO bar\n", []string{"2 BuildError"}},
		{"undefined variable", "FROM alpine:3.24\nRUN echo $NOPE\nCOPY $MISSING /x\n", []string{"3 UndefinedVar"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fs, err := Dockerfile(context.Background(), "Dockerfile", []byte(tt.df))
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, f := range fs {
				got = append(got, strconv.Itoa(f.Line)+" "+f.Rule)
			}
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("findings = %q, want %q", got, tt.want)
			}
		})
	}
}

// BenchmarkDockerfile measures BuildKit's parser and lint rules on a
// typical two-stage Dockerfile.
func BenchmarkDockerfile(b *testing.B) {
	df := []byte("# syntax=docker/dockerfile:1\nFROM golang:1.27-trixie AS build\nWORKDIR /src\nCOPY go.mod go.sum ./\n" +
		"RUN --mount=type=cache,target=/go/pkg/mod go mod download\nCOPY . .\nRUN CGO_ENABLED=0 go build -o /out/app .\n" +
		"FROM scratch\nCOPY --from=build /out/app /usr/local/bin/app\nUSER 65532:65532\nEXPOSE 8080\nENTRYPOINT [\"/usr/local/bin/app\"]\n")
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Dockerfile(context.Background(), "Dockerfile", df); err != nil {
			b.Fatal(err)
		}
	}
}
