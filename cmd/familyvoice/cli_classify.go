package main

import (
	"bufio"
	"fmt"
)

// runClassify codes comments read as CSV from standard input and writes
// the coding as CSV to standard output. Without --train or --model it
// uses the SEND taxonomy rules (or a forum's own taxonomy file).
func runClassify(e *env, args []string) error {
	fs := newFlagSet(e, "classify")
	taxonomy := fs.String("taxonomy", "", "a taxonomy JSON file to use instead of the built-in SEND taxonomy")
	train := fs.String("train", "", "learn labels from this coded CSV (id,text,labels[,sentiment]) instead of using the rules")
	saveModel := fs.String("save-model", "", "with --train, save the learned model to this file")
	model := fs.String("model", "", "use a model saved with --save-model")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("classify", pos); err != nil {
		return err
	}
	switch {
	case *taxonomy != "" && (*train != "" || *model != ""):
		return usagef("classify: --taxonomy is for the rules; it cannot go with --train or --model")
	case *train != "" && *model != "":
		return usagef("classify: give --train or --model, not both")
	case *saveModel != "" && *train == "":
		return usagef("classify: --save-model needs --train")
	}
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	if *train != "" || *model != "" {
		if err := classifyLearned(e, *train, *saveModel, *model, out); err != nil {
			return err
		}
		return out.Flush()
	}
	c, err := loadClassifier(*taxonomy)
	if err != nil {
		return err
	}
	if err := c.ClassifyCSV(bufio.NewReaderSize(e.stdin, 64<<10), out); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	return out.Flush()
}
