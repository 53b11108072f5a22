package config

import (
	"bytes"
	"fmt"
	"path"
	"slices"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"
)

// Violation is one policy rule a Dockerfile breaks.
type Violation struct {
	// Rule is the rule's name, e.g. "allowed-bases".
	Rule string
	// From is the configuration file the rule comes from.
	From string
	// Line is the Dockerfile line at fault, 0 for the file as a whole.
	Line int
	// Msg says what is wrong.
	Msg string
}

// Error is "policy RULE (from FILE): MSG".
func (v Violation) Error() string {
	return fmt.Sprintf("policy %s (from %s): %s", v.Rule, v.From, v.Msg)
}

// stage is one FROM of a Dockerfile with what the policy looks at.
type stage struct {
	image       string // "" for a FROM of an earlier stage
	line        int
	user        string // the last USER, "" when none
	healthcheck bool   // a HEALTHCHECK other than NONE
}

// Check runs the policy rules over a rendered Dockerfile with BuildKit's
// parser and returns every violation, in rule order.
func (c Config) Check(dockerfile []byte) ([]Violation, error) {
	if len(c.Rules) == 0 {
		return nil, nil
	}
	res, err := parser.Parse(bytes.NewReader(dockerfile))
	if err != nil {
		return nil, fmt.Errorf("policy: parse the Dockerfile: %w", err)
	}
	var stages []stage
	var names []string
	for _, n := range res.AST.Children {
		switch strings.ToLower(n.Value) {
		case "from":
			st := stage{line: n.StartLine}
			alias := ""
			if n.Next != nil {
				st.image = n.Next.Value
				if nx := n.Next.Next; nx != nil && strings.EqualFold(nx.Value, "as") && nx.Next != nil {
					alias = strings.ToLower(nx.Next.Value)
				}
			}
			if slices.Contains(names, strings.ToLower(st.image)) || st.image == "scratch" {
				st.image = "" // an earlier stage or scratch: nothing is pulled
			}
			if alias != "" {
				names = append(names, alias)
			}
			stages = append(stages, st)
		case "user":
			if len(stages) > 0 && n.Next != nil {
				stages[len(stages)-1].user = n.Next.Value
			}
		case "healthcheck":
			if len(stages) > 0 && n.Next != nil && !strings.EqualFold(n.Next.Value, "none") {
				stages[len(stages)-1].healthcheck = true
			}
		}
	}
	if len(stages) == 0 {
		return nil, fmt.Errorf("policy: the Dockerfile has no FROM")
	}
	final := stages[len(stages)-1]
	var out []Violation
	for _, r := range c.Rules {
		seen := map[string]bool{} // one violation per image, though two stages use it
		v := Violation{Rule: r.Name, From: r.From}
		switch r.Name {
		case RuleAllowedBases:
			for _, st := range stages {
				if st.image != "" && !seen[st.image] && !matchAny(r.Globs, st.image) {
					seen[st.image] = true
					v.Line, v.Msg = st.line, fmt.Sprintf("%s is not allowed (allowed: %s)", st.image, strings.Join(r.Globs, ", "))
					out = append(out, v)
				}
			}
		case RuleDigestPin:
			for _, st := range stages {
				if st.image != "" && !seen[st.image] && !strings.Contains(st.image, "@sha256:") {
					seen[st.image] = true
					v.Line, v.Msg = st.line, fmt.Sprintf("%s is not pinned to a digest (@sha256:...)", st.image)
					out = append(out, v)
				}
			}
		case RuleNonRoot:
			if isRoot(final.user) {
				v.Line = final.line
				v.Msg = "the final stage runs as root"
				if final.user != "" {
					v.Msg += " (USER " + final.user + ")"
				} else {
					v.Msg += " (no USER)"
				}
				out = append(out, v)
			}
		case RuleHealthcheck:
			if !final.healthcheck {
				v.Line, v.Msg = final.line, "the final stage has no HEALTHCHECK (define the \"healthcheck\" block)"
				out = append(out, v)
			}
		}
	}
	return out, nil
}

// matchAny reports whether image, or image without its digest, matches
// one of the globs.
func matchAny(globs []string, image string) bool {
	bare, _, _ := strings.Cut(image, "@")
	for _, g := range globs {
		for _, ref := range []string{image, bare} {
			if ok, _ := path.Match(g, ref); ok {
				return true
			}
		}
	}
	return false
}

func isRoot(user string) bool {
	u, _, _ := strings.Cut(user, ":")
	return u == "" || u == "root" || u == "0"
}
