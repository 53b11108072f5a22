package main

import (
	"github.com/dockgen/dockgen/generator/prompt"
)

// surveyPrompter asks on the terminal behind the streams; it is only used
// when Streams.Interactive says both ends are terminals (files).
func surveyPrompter(s Streams) prompt.Prompter {
	in, _ := s.In.(prompt.FileReader)
	out, _ := s.Out.(prompt.FileWriter)
	return prompt.NewSurvey(in, out, s.ErrOut)
}
