package catalog

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"time"
)

// HubURL is Docker Hub's API, where `dockgen images --refresh` reads tags.
const HubURL = "https://hub.docker.com"

// maxHubPages bounds one image's refresh. Tags come newest-updated first,
// and the official images rebuild every maintained tag often, so the first
// pages hold every line still published; the long tail is old patch tags.
const maxHubPages = 10

var libraryName = regexp.MustCompile(`^[a-z0-9]+([._-][a-z0-9]+)*$`)

// hubPage is one page of Docker Hub's tag list.
type hubPage struct {
	Next    *string `json:"next"`
	Results []struct {
		Name   string `json:"name"`
		Images []struct {
			Architecture string  `json:"architecture"`
			Variant      *string `json:"variant"`
			OS           string  `json:"os"`
		} `json:"images"`
	} `json:"results"`
}

// FetchTags reads the published tags of library/<image> from Docker Hub's
// API at base (HubURL, or a test server that speaks the same JSON),
// following "next" links on the same host. Only Linux images are kept, with
// their bashbrew architectures.
func FetchTags(ctx context.Context, client *http.Client, base, image string, now time.Time) (TagList, error) {
	if !libraryName.MatchString(image) {
		return TagList{}, fmt.Errorf("%q is not a library image name", image)
	}
	start, err := url.Parse(base)
	if err != nil || start.Host == "" {
		return TagList{}, fmt.Errorf("docker hub url %q is not an absolute URL", base)
	}
	start = start.JoinPath("v2", "namespaces", "library", "repositories", image, "tags")
	start.RawQuery = "page_size=100&ordering=last_updated"
	list := TagList{Image: image, Source: start.String(), Fetched: now.UTC()}
	next := start.String()
	for page := 0; next != "" && page < maxHubPages; page++ {
		u, err := url.Parse(next)
		if err != nil || u.Host != start.Host {
			return TagList{}, fmt.Errorf("docker hub: next page %q is not on %s", next, start.Host)
		}
		p, err := getPage(ctx, client, u.String())
		if err != nil {
			return TagList{}, err
		}
		for _, r := range p.Results {
			t := Tag{Name: r.Name}
			for _, img := range r.Images {
				variant := ""
				if img.Variant != nil {
					variant = *img.Variant
				}
				if a := bashbrewArch(img.OS, img.Architecture, variant); a != "" && !slices.Contains(t.Architectures, a) {
					t.Architectures = append(t.Architectures, a)
				}
			}
			if len(t.Architectures) > 0 {
				slices.Sort(t.Architectures)
				list.Tags = append(list.Tags, t)
			}
		}
		next = ""
		if p.Next != nil {
			next = *p.Next
		}
	}
	slices.SortFunc(list.Tags, func(a, b Tag) int { return strings.Compare(a.Name, b.Name) })
	return list, nil
}

func getPage(ctx context.Context, client *http.Client, u string) (hubPage, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return hubPage{}, err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return hubPage{}, fmt.Errorf("docker hub: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return hubPage{}, fmt.Errorf("docker hub: GET %s: %s", u, resp.Status)
	}
	var p hubPage
	if err := json.NewDecoder(io.LimitReader(resp.Body, 32<<20)).Decode(&p); err != nil {
		return hubPage{}, fmt.Errorf("docker hub: GET %s: %w", u, err)
	}
	return p, nil
}
