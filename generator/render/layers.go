package render

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
	"text/template"
	"text/template/parse"
)

// Layer names, lowest first. Messages, `dockgen templates list` and the
// recorded template identity use them.
const (
	BuiltinLayer = "built-in"
	OrgLayer     = "organisation"
	RepoLayer    = "repository"
	FlagLayer    = "--templates"
)

// Layer is one directory of templates, laid out like the built-ins:
// shared/*.tmpl and LANGUAGE/*.tmpl.
type Layer struct {
	// Name is one of the layer names above.
	Name string
	// Dir is the directory as the user knows it, used to name files in
	// messages ("team/python/Dockerfile.tmpl:12"); "" for the built-ins.
	Dir string
	// FS holds the layer's files.
	FS fs.FS
}

// fileName is how messages name path in this layer.
func (l Layer) fileName(p string) string {
	if l.Dir == "" {
		return p
	}
	return strings.TrimSuffix(l.Dir, "/") + "/" + p
}

// Hash identifies the layer's content for one language: a SHA-256 over
// the path and bytes of every *.tmpl file in its shared/ and LANGUAGE/
// folders, in path order. Templates of other languages do not change it,
// so adding a language leaves every recorded hash of the others valid.
func (l Layer) Hash(language string) (string, error) {
	var names []string
	for _, dir := range []string{"shared", language} {
		m, err := fs.Glob(l.FS, dir+"/*.tmpl")
		if err != nil {
			return "", err
		}
		names = append(names, m...)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		b, err := fs.ReadFile(l.FS, n)
		if err != nil {
			return "", fmt.Errorf("%s: %w", l.fileName(n), err)
		}
		fmt.Fprintf(h, "%s\x00%d\x00", n, len(b))
		h.Write(b)
	}
	return "sha256:" + hex.EncodeToString(h.Sum(nil)), nil
}

// Set is a stack of template layers, lowest first; the first is the
// built-in set.
//
// The rule for combining them, per language:
//   - Layers are read lowest first. A file at the same path as a file of a
//     lower layer (say python/Dockerfile.tmpl) replaces that file whole:
//     nothing of the lower file is used.
//   - Any other *.tmpl file in a layer's shared/ or LANGUAGE/ folder is an
//     override file: it is read after every file of the lower layers, so
//     each {{define "name"}} in it replaces the block of that name.
//   - Within a layer, replacements come first, then override files;
//     shared/ before LANGUAGE/, each by name. Where two files define the
//     same block, the one read later wins.
type Set []Layer

// Source is one template file of a language as the set resolves it.
type Source struct {
	// Path is the file's path within its layer, e.g. "python/Dockerfile.tmpl".
	Path string
	// Layer is the name of the layer it comes from.
	Layer string
	// File names it in messages: the layer directory joined with Path.
	File string
	// Replaces is the layer whose file of the same path this one replaces,
	// "" when none does.
	Replaces string
	// Override is true for an override file: no lower layer has its path.
	Override bool

	data []byte
}

// Block is one named template (a {{block}} or {{define}}) of a language
// and where its winning definition is.
type Block struct {
	// Name is the block's name, e.g. "healthcheck".
	Name string
	// Layer is the layer of the winning definition.
	Layer string
	// At is "FILE:LINE" of the winning definition.
	At string
	// Replaces lists the lower definitions it replaces, as "LAYER FILE:LINE".
	Replaces []string
}

// Sources lists the template files the set uses for language, in the
// order they are read.
func (set Set) Sources(language string) ([]Source, error) {
	var order []*Source
	byPath := map[string]*Source{}
	for i, l := range set {
		if l.FS == nil {
			continue
		}
		var names []string
		for _, dir := range []string{"shared", language} {
			m, err := fs.Glob(l.FS, dir+"/*.tmpl")
			if err != nil {
				return nil, err
			}
			slices.Sort(m)
			names = append(names, m...)
		}
		var replacements, overrides []*Source
		for _, n := range names {
			b, err := fs.ReadFile(l.FS, n)
			if err != nil {
				return nil, fmt.Errorf("template %s: %w", l.fileName(n), err)
			}
			src := &Source{Path: n, Layer: l.Name, File: l.fileName(n), data: b}
			if old, ok := byPath[n]; ok {
				src.Replaces = old.Layer
				old.data = nil // replaced whole
				replacements = append(replacements, src)
			} else {
				src.Override = i > 0
				overrides = append(overrides, src)
			}
			byPath[n] = src
		}
		order = append(order, replacements...)
		order = append(order, overrides...)
	}
	var out []Source
	for _, s := range order {
		if s.data != nil {
			out = append(out, *s)
		}
	}
	return out, nil
}

// definition is one parsed named template and where it came from.
type definition struct {
	tree  *parse.Tree
	layer string
	at    string
}

// compile parses every source of language, in order, into one template
// set in which later definitions win. Parse errors name the file and line.
func (set Set) compile(language string) (*template.Template, []Block, error) {
	sources, err := set.Sources(language)
	if err != nil {
		return nil, nil, err
	}
	defs := map[string][]definition{}
	var names []string
	for _, src := range sources {
		// Each file is parsed on its own, so a file replaces a block
		// however empty its definition is (text/template keeps a
		// non-empty template over an empty redefinition).
		t, err := template.New(src.File).Funcs(Funcs()).Option("missingkey=error").Parse(string(src.data))
		if err != nil {
			return nil, nil, templateErr(err)
		}
		for _, tt := range t.Templates() {
			if tt.Tree == nil {
				continue
			}
			name := tt.Name()
			if name == src.File {
				name = src.Path // the file itself, executed by its path
			}
			loc, _ := tt.Tree.ErrorContext(tt.Tree.Root)
			if i := strings.LastIndexByte(loc, ':'); i > 0 {
				loc = loc[:i] // FILE:LINE, without the column
			}
			if _, ok := defs[name]; !ok {
				names = append(names, name)
			}
			defs[name] = append(defs[name], definition{tree: tt.Tree, layer: src.Layer, at: loc})
		}
	}
	root := template.New("\x00dockgen").Funcs(Funcs()).Option("missingkey=error")
	var blocks []Block
	for _, name := range names {
		d := defs[name]
		win := d[len(d)-1]
		if _, err := root.AddParseTree(name, win.tree); err != nil {
			return nil, nil, templateErr(err)
		}
		if strings.HasSuffix(name, ".tmpl") {
			continue // a file, not a block
		}
		b := Block{Name: name, Layer: win.layer, At: win.at}
		for _, lower := range d[:len(d)-1] {
			b.Replaces = append(b.Replaces, lower.layer+" "+lower.at)
		}
		blocks = append(blocks, b)
	}
	slices.SortFunc(blocks, func(a, b Block) int { return strings.Compare(a.Name, b.Name) })
	return root, blocks, nil
}

// Blocks lists every named block of language with the layer and file
// its winning definition comes from, sorted by name.
func (set Set) Blocks(language string) ([]Block, error) {
	_, blocks, err := set.compile(language)
	return blocks, err
}

// Render executes the set's templates for the model's language. A parse
// or execution error names the file and line of the template at fault.
func (set Set) Render(m Model) ([]File, error) {
	t, _, err := set.compile(m.Language)
	if err != nil {
		return nil, err
	}
	var files []File
	for _, o := range outputs {
		main := path.Join(m.Language, o.tmpl)
		name := o.name(m)
		if t.Lookup(main) == nil || name == "" {
			if o.optional {
				continue
			}
			return nil, fmt.Errorf("template %s: no such template in any layer", main)
		}
		var buf bytes.Buffer
		if err := t.ExecuteTemplate(&buf, main, m); err != nil {
			return nil, templateErr(err)
		}
		files = append(files, File{Name: name, Data: tidy(buf.Bytes())})
	}
	return files, nil
}

// templateErr turns text/template's "template: FILE:LINE: msg" into
// "template FILE:LINE: msg".
func templateErr(err error) error {
	return fmt.Errorf("template %s", strings.TrimPrefix(err.Error(), "template: "))
}
