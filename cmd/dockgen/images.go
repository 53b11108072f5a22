package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/dockgen/dockgen/generator/catalog"
	"github.com/dockgen/dockgen/generator/output"
	"github.com/spf13/cobra"
)

// refreshTimeout bounds one `images --refresh`; each request has the HTTP
// client's own, shorter timeout.
const refreshTimeout = 60 * time.Second

// officialImageDeps fills the Deps of images and pin from the environment:
// DOCKGEN_HUB_URL, DOCKGEN_CACHE_DIR, DOCKGEN_REGISTRY. The tag cache, when
// there is one, is laid over the embedded catalog.
func officialImageDeps(d *Deps, getenv func(string) string) {
	d.HubURL = catalog.HubURL
	if u := getenv("DOCKGEN_HUB_URL"); u != "" {
		d.HubURL = u
	}
	d.CacheDir = getenv("DOCKGEN_CACHE_DIR")
	if d.CacheDir == "" {
		if dir, err := os.UserCacheDir(); err == nil {
			d.CacheDir = filepath.Join(dir, "dockgen")
		}
	}
	d.HTTP = &http.Client{Timeout: 10 * time.Second}
	d.Registry = getenv("DOCKGEN_REGISTRY")
	lists, _ := readTagCache(d.CacheDir, d.Catalog)
	if len(lists) > 0 {
		d.Catalog = d.Catalog.WithTags(lists...)
	}
}

// tagCacheFile is the cache file of one image's refreshed tags.
func tagCacheFile(image string) string { return "tags-" + image + ".json" }

// readTagCache reads the refreshed tag lists of the catalog's images from
// dir. A missing file is no list; an unreadable one is skipped with a
// warning, so a damaged cache never stops dockgen.
func readTagCache(dir string, cat *catalog.Catalog) ([]catalog.TagList, []string) {
	if dir == "" {
		return nil, nil
	}
	var lists []catalog.TagList
	var warns []string
	for _, image := range cat.Images() {
		name := filepath.Join(dir, tagCacheFile(image))
		b, err := os.ReadFile(name)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err == nil {
			var l catalog.TagList
			if l, err = catalog.ParseTagList(b); err == nil && l.Image == image {
				lists = append(lists, l)
				continue
			} else if err == nil {
				err = fmt.Errorf("it lists %s", l.Image)
			}
		}
		warns = append(warns, fmt.Sprintf("tag cache %s ignored: %v; run dockgen images --refresh", name, err))
	}
	return lists, warns
}

type imagesOptions struct {
	Language string
	JSON     bool
	Refresh  bool
}

func newImagesCmd(d Deps) *cobra.Command {
	var o imagesOptions
	cmd := &cobra.Command{
		Use:   "images [LANGUAGE]",
		Short: "List the official base images dockgen uses: lines, variants, architectures, defaults, EOL",
		Long: `images lists the Docker Official Images dockgen builds on, from its embedded
catalog: for each language the release lines with their support status today,
the variants with their OS and architectures, the defaults, and the fixed
final-stage images.

--refresh fetches the current tags from Docker Hub into a cache
($DOCKGEN_CACHE_DIR, else the user cache directory) that is laid over the
embedded data: newly published lines and architectures are added, the
defaults never change. Without --refresh, no network is used.`,
		Example: `  dockgen images
  dockgen images node --json
  dockgen images --refresh`,
		Args: maxArgs(1),
		ValidArgsFunction: func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
			return d.Catalog.Languages(), cobra.ShellCompDirectiveNoFileComp
		},
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				o.Language = args[0]
			}
			return runImages(cmd.Context(), o, d)
		},
	}
	cmd.Flags().BoolVar(&o.JSON, "json", false, "print the catalog as JSON")
	cmd.Flags().BoolVar(&o.Refresh, "refresh", false, "fetch current tags from Docker Hub into the tag cache first")
	return cmd
}

func runImages(ctx context.Context, o imagesOptions, d Deps) error {
	if ctx == nil {
		ctx = context.Background()
	}
	cat := d.Catalog
	var stacks []*catalog.Stack
	for _, lang := range cat.Languages() {
		s, _ := cat.Stack(lang)
		if o.Language == "" || o.Language == s.Language || o.Language == s.Image {
			stacks = append(stacks, s)
		}
	}
	if len(stacks) == 0 {
		return usageError{fmt.Errorf("%q is not in the catalog; use one of %s", o.Language, strings.Join(cat.Languages(), ", "))}
	}
	if o.Refresh {
		lists, err := refreshTags(ctx, d)
		if err != nil {
			return err
		}
		cat = cat.WithTags(lists...)
	} else if _, warns := readTagCache(d.CacheDir, cat); len(warns) > 0 {
		for _, w := range warns {
			fmt.Fprintln(d.Streams.ErrOut, "warning: "+w)
		}
	}
	// Re-read the stacks: a refresh may have added lines.
	for i, s := range stacks {
		stacks[i], _ = cat.Stack(s.Language)
	}
	view := imagesView(cat, stacks, d.Now())
	if o.JSON {
		enc := json.NewEncoder(d.Streams.Out)
		enc.SetEscapeHTML(false)
		enc.SetIndent("", "  ")
		return enc.Encode(view)
	}
	printImages(d.Streams.Out, view)
	return nil
}

// refreshTags fetches every catalog image's tags from Docker Hub and
// replaces the cache files, all or nothing: on any error the cache is left
// as it was.
func refreshTags(ctx context.Context, d Deps) ([]catalog.TagList, error) {
	if d.CacheDir == "" {
		return nil, errors.New("no cache directory for the tag cache; set DOCKGEN_CACHE_DIR")
	}
	client := d.HTTP
	if client == nil {
		client = http.DefaultClient
	}
	ctx, cancel := context.WithTimeout(ctx, refreshTimeout)
	defer cancel()
	var lists []catalog.TagList
	var files []output.File
	for _, image := range d.Catalog.Images() {
		l, err := catalog.FetchTags(ctx, client, d.HubURL, image, d.Now())
		if err != nil {
			return nil, fmt.Errorf("refresh %s tags: %w; the tag cache is unchanged", image, err)
		}
		b, err := json.MarshalIndent(l, "", "  ")
		if err != nil {
			return nil, err
		}
		lists = append(lists, l)
		files = append(files, output.File{Name: tagCacheFile(image), Data: append(b, '\n')})
		fmt.Fprintf(d.Streams.ErrOut, "fetched %d tags of %s\n", len(l.Tags), image)
	}
	if err := os.MkdirAll(d.CacheDir, 0o755); err != nil {
		return nil, fmt.Errorf("tag cache: %w", err)
	}
	if _, err := output.Write(d.CacheDir, files, output.Options{Force: true}); err != nil {
		return nil, fmt.Errorf("tag cache: %w", err)
	}
	fmt.Fprintf(d.Streams.ErrOut, "tag cache updated in %s\n", d.CacheDir)
	return lists, nil
}

// The JSON of `dockgen images --json`.
type (
	imagesJSON struct {
		AsOf     string        `json:"as_of"`
		Stacks   []stackJSON   `json:"stacks"`
		Runtimes []runtimeJSON `json:"runtimes"`
	}
	stackJSON struct {
		Language       string        `json:"language"`
		Image          string        `json:"image"`
		Default        string        `json:"default"`
		DefaultVariant string        `json:"default_variant"`
		BuildImage     string        `json:"build_image"`
		RuntimeImage   string        `json:"runtime_image"`
		User           string        `json:"user"`
		Lines          []lineJSON    `json:"lines"`
		Variants       []variantJSON `json:"variants"`
	}
	lineJSON struct {
		Version      string `json:"version"`
		EOL          string `json:"eol,omitempty"`
		SecurityOnly string `json:"security_only,omitempty"`
		LTS          bool   `json:"lts"`
		Status       string `json:"status"`
		StatusText   string `json:"status_text"`
		Published    bool   `json:"published"`
		Refreshed    bool   `json:"refreshed,omitempty"`
		// Architectures per variant name, for the variants published on it.
		Architectures map[string][]string `json:"architectures"`
	}
	variantJSON struct {
		Name          string   `json:"name"`
		Suffix        string   `json:"suffix"`
		OS            string   `json:"os"`
		Runtime       string   `json:"runtime,omitempty"`
		Architectures []string `json:"architectures"`
		Doc           string   `json:"doc"`
	}
	runtimeJSON struct {
		Image         string   `json:"image"`
		OS            string   `json:"os"`
		Status        string   `json:"status"`
		StatusText    string   `json:"status_text"`
		Architectures []string `json:"architectures"`
	}
)

func dateOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2006-01-02")
}

func imagesView(cat *catalog.Catalog, stacks []*catalog.Stack, now time.Time) imagesJSON {
	view := imagesJSON{AsOf: now.Format("2006-01-02"), Stacks: []stackJSON{}, Runtimes: []runtimeJSON{}}
	runtimes := map[string]bool{}
	for _, s := range stacks {
		def, _ := s.Variant("")
		sj := stackJSON{Language: s.Language, Image: s.Image, Default: s.Default, DefaultVariant: def.Name,
			BuildImage: s.BuildRef(s.Default, def, ""), RuntimeImage: s.RuntimeRef(s.Default, def), User: s.User}
		for _, l := range s.Lines {
			st, text := l.StatusAt(now)
			lj := lineJSON{Version: l.Version, EOL: dateOrEmpty(l.EOL), SecurityOnly: dateOrEmpty(l.SecurityOnly), LTS: l.LTS,
				Status: string(st), StatusText: text, Published: !l.Retired, Refreshed: l.Refreshed, Architectures: map[string][]string{}}
			if !l.Retired {
				for _, v := range s.Variants {
					if a := cat.Architectures(s, l.Version, v); a != nil {
						lj.Architectures[v.Name] = a
					}
				}
			}
			sj.Lines = append(sj.Lines, lj)
		}
		for _, v := range s.Variants {
			sj.Variants = append(sj.Variants, variantJSON{Name: v.Name, Suffix: v.Suffix, OS: v.OS, Runtime: v.Runtime,
				Architectures: cat.Architectures(s, s.Default, v), Doc: v.Doc})
			if v.Runtime != "" {
				runtimes[v.Runtime] = true
			}
		}
		view.Stacks = append(view.Stacks, sj)
	}
	for _, r := range cat.Runtimes() {
		if !runtimes[r.Ref] {
			continue
		}
		rj := runtimeJSON{Image: r.Ref, OS: r.OS, Status: string(catalog.StatusSupported), StatusText: "supported", Architectures: r.Architectures}
		if o, ok := cat.OSNamed(r.OS); ok {
			st, text := o.StatusAt(now)
			rj.Status, rj.StatusText = string(st), text
		}
		if rj.Architectures == nil {
			rj.Architectures = []string{}
		}
		view.Runtimes = append(view.Runtimes, rj)
	}
	return view
}

// printImages is the human view of the catalog.
func printImages(w io.Writer, view imagesJSON) {
	fmt.Fprintf(w, "Docker Official Images in dockgen's catalog, support status as of %s\n", view.AsOf)
	for _, s := range view.Stacks {
		fmt.Fprintf(w, "\n%s (image %s)\n", s.Language, s.Image)
		if s.BuildImage == s.RuntimeImage {
			fmt.Fprintf(w, "  default: %s\n", s.BuildImage)
		} else {
			fmt.Fprintf(w, "  default: %s, final stage %s\n", s.BuildImage, s.RuntimeImage)
		}
		if s.User != "" {
			fmt.Fprintf(w, "  built-in user: %s (the image still starts as root; the Dockerfile says USER %s)\n", s.User, s.User)
		} else {
			fmt.Fprintf(w, "  built-in user: none (the Dockerfile creates one)\n")
		}
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  LINE\tSTATUS")
		for _, l := range s.Lines {
			var notes []string
			if l.Version == s.Default {
				notes = append(notes, "default")
			}
			if l.LTS {
				notes = append(notes, "LTS")
			}
			if !l.Published {
				notes = append(notes, "no longer published")
			}
			if l.Refreshed {
				notes = append(notes, "newer than the embedded data: from the tag cache")
			}
			status := l.StatusText
			if len(notes) > 0 {
				status += " (" + strings.Join(notes, ", ") + ")"
			}
			fmt.Fprintf(tw, "  %s\t%s\n", l.Version, status)
		}
		tw.Flush()
		tw = tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  VARIANT\tTAG\tOS\tARCHITECTURES\tNOTES")
		for _, v := range s.Variants {
			tag := s.Image + ":" + s.Default + "-" + v.Suffix
			if prefix, ok := strings.CutSuffix(v.Suffix, "-"); ok {
				tag = s.Image + ":" + prefix + "-" + s.Default // distribution first
			}
			if v.Runtime != "" {
				tag += " -> " + v.Runtime
			}
			archs := strings.Join(v.Architectures, " ") + archDifferences(s, v)
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\t%s\n", v.Name, tag, v.OS, archs, v.Doc)
		}
		tw.Flush()
	}
	if len(view.Runtimes) > 0 {
		fmt.Fprintf(w, "\nfinal-stage images\n")
		tw := tabwriter.NewWriter(w, 0, 4, 2, ' ', 0)
		fmt.Fprintln(tw, "  IMAGE\tOS\tSTATUS\tARCHITECTURES")
		for _, r := range view.Runtimes {
			archs := strings.Join(r.Architectures, " ")
			if archs == "" {
				archs = "any (an empty image)"
			}
			os := r.OS
			if os == "" {
				os = "-"
			}
			fmt.Fprintf(tw, "  %s\t%s\t%s\t%s\n", r.Image, os, r.StatusText, archs)
		}
		tw.Flush()
	}
}

// archDifferences notes the lines whose architectures for v differ from
// the default line's: " (22: +arm32v6 +arm32v7 +s390x)".
func archDifferences(s stackJSON, v variantJSON) string {
	var notes []string
	for _, l := range s.Lines {
		a, ok := l.Architectures[v.Name]
		if !ok || l.Version == s.Default || slices.Equal(a, v.Architectures) {
			continue
		}
		var diff []string
		for _, x := range a {
			if !slices.Contains(v.Architectures, x) {
				diff = append(diff, "+"+x)
			}
		}
		for _, x := range v.Architectures {
			if !slices.Contains(a, x) {
				diff = append(diff, "-"+x)
			}
		}
		notes = append(notes, l.Version+": "+strings.Join(diff, " "))
	}
	if len(notes) == 0 {
		return ""
	}
	return " (" + strings.Join(notes, "; ") + ")"
}
