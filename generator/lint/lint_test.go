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
