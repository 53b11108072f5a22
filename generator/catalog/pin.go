package catalog

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"strings"
	"syscall"
	"time"

	"github.com/distribution/reference"
	"github.com/google/go-containerregistry/pkg/authn"
	"github.com/google/go-containerregistry/pkg/name"
	"github.com/google/go-containerregistry/pkg/v1/remote"
	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// PinTimeout bounds all the registry lookups of one Pin.
const PinTimeout = 10 * time.Second

// Resolver looks up the digest an image tag points to, anonymously, with
// go-containerregistry: for a multi-platform image, the digest of its
// index, which pins every platform at once.
type Resolver struct {
	// Registry, when set, replaces Docker Hub (docker.io) in references:
	// "host:port" of a mirror or a test registry; "http://host" for one
	// without TLS. Other registries are asked directly.
	Registry string
	// Transport carries the requests; nil for one with short timeouts.
	Transport http.RoundTripper
}

// Digest returns the digest ("sha256:...") that ref's tag points to now.
func (r Resolver) Digest(ctx context.Context, ref string) (string, error) {
	tag, err := name.NewTag(ref)
	if err != nil {
		return "", fmt.Errorf("%s: %w", ref, err)
	}
	if r.Registry != "" && tag.RegistryStr() == name.DefaultRegistry {
		host, insecure := strings.CutPrefix(r.Registry, "http://")
		host = strings.TrimSuffix(strings.TrimPrefix(host, "https://"), "/")
		var opts []name.Option
		if insecure {
			opts = append(opts, name.Insecure)
		}
		if tag, err = name.NewTag(host+"/"+tag.RepositoryStr()+":"+tag.TagStr(), opts...); err != nil {
			return "", fmt.Errorf("registry %q: %w", r.Registry, err)
		}
	}
	tr := r.Transport
	if tr == nil {
		tr = &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: 3 * time.Second}).DialContext,
			TLSHandshakeTimeout:   5 * time.Second,
			ResponseHeaderTimeout: 8 * time.Second,
		}
	}
	desc, err := remote.Head(tag,
		remote.WithContext(ctx),
		remote.WithAuth(authn.Anonymous),
		remote.WithTransport(tr),
		// Fail fast: no registry reachable is an answer, not a reason to wait.
		remote.WithRetryPredicate(func(error) bool { return false }),
	)
	if err != nil {
		return "", fmt.Errorf("%s: %s", ref, registryReason(tag.RegistryStr(), err))
	}
	return desc.Digest.String(), nil
}

// registryReason says in a few words why a registry lookup failed.
func registryReason(registry string, err error) string {
	var dnsErr *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return "cannot reach registry " + registry + ": connection refused"
	case errors.As(err, &dnsErr):
		return "cannot reach registry " + registry + ": " + dnsErr.Err + " for " + dnsErr.Name
	case errors.Is(err, context.DeadlineExceeded):
		return "registry " + registry + " did not answer in time"
	}
	return oneLine(err.Error())
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// Pinned is one FROM reference that Pin resolved.
type Pinned struct {
	Line     int
	From, To string
}

// Pin resolves the image of every FROM in the Dockerfile dt to its current
// digest and returns the Dockerfile with each written as
// image:tag@sha256:..., keeping the tag for readers. scratch and
// references to earlier stages are left alone; a reference that is already
// pinned is resolved again (so pinning again updates the digests), unless
// it has a digest and no tag. A FROM that names a build argument cannot be
// pinned and is an error. Either every FROM resolves or Pin returns an
// error and no content: it never half-pins.
func Pin(ctx context.Context, dt []byte, digest func(ctx context.Context, ref string) (string, error)) ([]byte, []Pinned, error) {
	res, err := parser.Parse(bytes.NewReader(dt))
	if err != nil {
		return nil, nil, fmt.Errorf("parse: %w", err)
	}
	lines := bytes.SplitAfter(dt, []byte("\n"))
	stages := map[string]bool{}
	var pins []Pinned
	pending := "" // the previous FROM's stage name: known from the next FROM on
	for _, n := range res.AST.Children {
		if !strings.EqualFold(n.Value, "from") || n.Next == nil {
			continue
		}
		if pending != "" {
			stages[pending], pending = true, ""
		}
		base := n.Next.Value
		if as := n.Next.Next; as != nil && strings.EqualFold(as.Value, "as") && as.Next != nil {
			pending = strings.ToLower(as.Next.Value)
		}
		if base == "scratch" || stages[strings.ToLower(base)] {
			continue
		}
		if strings.Contains(base, "$") {
			return nil, nil, fmt.Errorf("line %d: FROM %s names a build argument; pin that image by hand", n.StartLine, base)
		}
		named, err := reference.ParseNormalizedNamed(base)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %q is not an image reference: %w", n.StartLine, base, err)
		}
		tagged, hasTag := named.(reference.Tagged)
		_, hasDigest := named.(reference.Digested)
		if hasDigest && !hasTag {
			continue
		}
		// Keep the name as written (python, not docker.io/library/python).
		written := base
		if i := strings.Index(written, "@"); i >= 0 {
			written = written[:i]
		}
		tag := "latest"
		if hasTag {
			tag = tagged.Tag()
		} else {
			written += ":latest"
		}
		d, err := digest(ctx, reference.FamiliarName(named)+":"+tag)
		if err != nil {
			return nil, nil, fmt.Errorf("line %d: %w", n.StartLine, err)
		}
		to := written + "@" + d
		if !replaceWord(lines, n.StartLine, n.EndLine, base, to) {
			return nil, nil, fmt.Errorf("line %d: cannot find %s to replace", n.StartLine, base)
		}
		pins = append(pins, Pinned{Line: n.StartLine, From: base, To: to})
	}
	return bytes.Join(lines, nil), pins, nil
}

// replaceWord replaces the first whitespace-delimited word equal to old,
// after the instruction keyword, in lines start..end (1-based).
func replaceWord(lines [][]byte, start, end int, old, new string) bool {
	for i := start - 1; i < end && i < len(lines); i++ {
		line := string(lines[i])
		from := 0
		if i == start-1 {
			// Skip the FROM keyword itself.
			trimmed := strings.TrimLeft(line, " \t")
			from = len(line) - len(trimmed) + len("FROM")
		}
		for pos := from; pos < len(line); {
			j := strings.Index(line[pos:], old)
			if j < 0 {
				break
			}
			j += pos
			k := j + len(old)
			if isSpace(line, j-1) && (k == len(line) || isSpace(line, k)) {
				lines[i] = []byte(line[:j] + new + line[k:])
				return true
			}
			pos = j + 1
		}
	}
	return false
}

func isSpace(s string, i int) bool {
	return i >= 0 && i < len(s) && strings.ContainsRune(" \t\r\n\\", rune(s[i]))
}
