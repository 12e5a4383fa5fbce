package main

import (
	"io"
)

// classifyLearned codes standard input with a model trained from a coded
// CSV, or loaded from a file saved earlier.
func classifyLearned(e *env, trainFile, saveModel, modelFile string, out io.Writer) error {
	return usagef("classify: learned models are not available in this build")
}
