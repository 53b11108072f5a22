// Package registrytest runs go-containerregistry's in-memory registry for
// tests of digest pinning. Only tests import it.
package registrytest

import (
	"io"
	"log"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/registry"
	"github.com/google/go-containerregistry/pkg/v1/random"
	"github.com/google/go-containerregistry/pkg/v1/remote"
)

// New starts the registry with a random multi-platform index pushed under
// each library/ tag ("golang:1.27-trixie"), stops it when the test ends,
// and returns its host:port and the index digest of each tag.
func New(t testing.TB, tags ...string) (string, map[string]string) {
	t.Helper()
	srv := httptest.NewServer(registry.New(registry.Logger(log.New(io.Discard, "", 0))))
	t.Cleanup(srv.Close)
	host := strings.TrimPrefix(srv.URL, "http://")
	digests := map[string]string{}
	for _, tag := range tags {
		idx, err := random.Index(64, 1, 2)
		if err != nil {
			t.Fatal(err)
		}
		ref, err := name.NewTag(host + "/library/" + tag)
		if err != nil {
			t.Fatal(err)
		}
		if err := remote.WriteIndex(ref, idx); err != nil {
			t.Fatal(err)
		}
		d, _ := idx.Digest()
		digests[tag] = d.String()
	}
	return host, digests
}
