package catalog

import (
	"context"
	"github.com/dockgen/dockgen/generator/catalog/registrytest"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// testRegistry is registrytest.New: the in-memory registry with an index
// pushed under each tag.
func testRegistry(t *testing.T, tags ...string) (string, map[string]string) {
	t.Helper()
	return registrytest.New(t, tags...)
}

func TestPin(t *testing.T) {
	host, digests := testRegistry(t, "golang:1.27-trixie", "alpine:3.24", "python:3.14-slim-trixie", "python:latest")
	r := Resolver{Registry: host}
	df := "# syntax=docker/dockerfile:1\n" +
		"FROM --platform=$BUILDPLATFORM golang:1.27-trixie AS build\n" +
		"RUN go build\n" +
		"FROM build AS test\n" +
		"FROM scratch AS empty\n" +
		"FROM docker.io/library/python:3.14-slim-trixie@sha256:" + strings.Repeat("0", 64) + " AS py\n" +
		"FROM python\n" +
		"FROM alpine:3.24\n" +
		"COPY --from=build /out /app\n"
	out, pins, err := Pin(context.Background(), []byte(df), r.Digest)
	if err != nil {
		t.Fatal(err)
	}
	want := "# syntax=docker/dockerfile:1\n" +
		"FROM --platform=$BUILDPLATFORM golang:1.27-trixie@" + digests["golang:1.27-trixie"] + " AS build\n" +
		"RUN go build\n" +
		"FROM build AS test\n" +
		"FROM scratch AS empty\n" +
		"FROM docker.io/library/python:3.14-slim-trixie@" + digests["python:3.14-slim-trixie"] + " AS py\n" +
		"FROM python:latest@" + digests["python:latest"] + "\n" +
		"FROM alpine:3.24@" + digests["alpine:3.24"] + "\n" +
		"COPY --from=build /out /app\n"
	if string(out) != want {
		t.Errorf("pinned:\n%s\nwant:\n%s", out, want)
	}
	if len(pins) != 4 || pins[0].Line != 2 || pins[3].Line != 8 {
		t.Errorf("pins %+v", pins)
	}
	// Pinning again re-resolves to the same digests: nothing changes.
	again, _, err := Pin(context.Background(), out, r.Digest)
	if err != nil || string(again) != want {
		t.Errorf("pinning twice: %v\n%s", err, again)
	}
}

func TestPinFails(t *testing.T) {
	host, _ := testRegistry(t, "python:3.14-slim-trixie")
	dead := httptest.NewServer(nil)
	dead.Close()
	tests := []struct {
		name, registry, dockerfile, want string
	}{
		{"unknown tag", host, "FROM python:3.14-slim-trixie\nFROM node:26-trixie-slim\n", "line 2: node:26-trixie-slim:"},
		{"no registry", strings.TrimPrefix(dead.URL, "http://"), "FROM python:3.14-slim-trixie\n", "connection refused"},
		{"build argument", host, "ARG V=3.14\nFROM python:${V}-slim-trixie\n", "line 2: FROM python:${V}-slim-trixie names a build argument"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			out, _, err := Pin(context.Background(), []byte(tt.dockerfile), Resolver{Registry: tt.registry}.Digest)
			if err == nil || !strings.Contains(err.Error(), tt.want) || out != nil {
				t.Errorf("err %v (want %q), out %q", err, tt.want, out)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("error is not one line: %q", err)
			}
			if time.Since(start) > 3*time.Second {
				t.Errorf("took %s", time.Since(start))
			}
		})
	}
}
