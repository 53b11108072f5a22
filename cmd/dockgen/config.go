package main

import "errors"

// answersFile is the answers file init reads: --config FILE (answers
// under the flags' names) or --answers FILE (typically another
// repository's .dockgen.yaml, whose recorded answers are replayed). Both
// have the .dockgen.yaml format (generator/config); only their answers
// are used.
func (o initOptions) answersFile() (string, error) {
	if o.Config != "" && o.AnswersFile != "" {
		return "", usageError{errors.New("--config and --answers both name an answers file; pass one")}
	}
	if o.AnswersFile != "" {
		return o.AnswersFile, nil
	}
	return o.Config, nil
}

// answersFlag names the flag that gave the answers file, for messages.
func (o initOptions) answersFlag() string {
	if o.AnswersFile != "" {
		return "--answers"
	}
	return "--config"
}
