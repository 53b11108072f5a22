package config

import (
	"bytes"
	"fmt"

	"gopkg.in/yaml.v3"
)

// recordHeader starts a .dockgen.yaml that init creates.
const recordHeader = `# dockgen's configuration for this repository. "dockgen init --yes" replays the
# answers below and "dockgen init --check" verifies the files against them;
# init rewrites only the answers: and templates: sections.
`

// Record returns existing (a .dockgen.yaml's content, nil or empty for
// none) with its answers: and templates: sections set to a and layers.
// Everything else in the file, comments included, is kept.
func Record(existing []byte, a Answers, layers []LayerID) ([]byte, error) {
	var doc yaml.Node
	if len(bytes.TrimSpace(existing)) > 0 {
		if err := yaml.Unmarshal(existing, &doc); err != nil {
			return nil, fmt.Errorf("%s: %v", RepoFile, err)
		}
	}
	if len(doc.Content) == 0 {
		doc = yaml.Node{Kind: yaml.DocumentNode, HeadComment: recordHeader,
			Content: []*yaml.Node{{Kind: yaml.MappingNode}}}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, fmt.Errorf("%s: want a mapping of keys", RepoFile)
	}
	if err := set(root, "answers", a); err != nil {
		return nil, err
	}
	if err := set(root, "templates", layers); err != nil {
		return nil, err
	}
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(&doc); err != nil {
		return nil, err
	}
	if err := enc.Close(); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}

// set replaces the value of key in mapping m with v, or appends the key.
func set(m *yaml.Node, key string, v any) error {
	var val yaml.Node
	if err := val.Encode(v); err != nil {
		return err
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			val.HeadComment, val.LineComment = m.Content[i+1].HeadComment, m.Content[i+1].LineComment
			m.Content[i+1] = &val
			return nil
		}
	}
	m.Content = append(m.Content, &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: key}, &val)
	return nil
}
