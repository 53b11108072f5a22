// Package e2e holds dockgen's end-to-end suite: it generates Dockerfiles with
// the real CLI for small sample apps, builds them with buildah, runs the
// images and checks how they behave.
//
// Every test file carries the build tag e2e, so `go test ./...` compiles only
// this file. Run the suite with:
//
//	bash e2e/setup.sh
//	go test -tags e2e -v -timeout 30m ./e2e/...
//
// The base images are local stand-ins built from a Debian trixie rootfs, not
// the official images: see e2e/README.md for what the suite proves and what it
// does not.
package e2e
