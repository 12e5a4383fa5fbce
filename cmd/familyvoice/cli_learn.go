package main

import (
	"bufio"
	"fmt"
	"io"
	"os"

	"github.com/familyvoice/familyvoice/analysis/learn"
)

// classifyLearned codes standard input with a model trained from a coded
// CSV, or loaded from a file saved earlier.
func classifyLearned(e *env, trainFile, saveModel, modelFile string, out io.Writer) error {
	var m *learn.Model
	var err error
	if trainFile != "" {
		if m, err = trainFromFile(trainFile); err != nil {
			return err
		}
		if saveModel != "" {
			if err := saveModelFile(m, saveModel); err != nil {
				return err
			}
		}
	} else if m, err = loadModelFile(modelFile); err != nil {
		return err
	}
	if err := m.ClassifyCSV(bufio.NewReaderSize(e.stdin, 64<<10), out); err != nil {
		return fmt.Errorf("classify: %w", err)
	}
	return nil
}

func readExamples(file string) ([]learn.Example, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("training file: %w", err)
	}
	defer f.Close()
	ex, err := learn.ReadExamples(bufio.NewReaderSize(f, 64<<10))
	if err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return ex, nil
}

func trainFromFile(file string) (*learn.Model, error) {
	ex, err := readExamples(file)
	if err != nil {
		return nil, err
	}
	m, err := learn.Train(ex, learn.DefaultConfig())
	if err != nil {
		return nil, fmt.Errorf("train on %s: %w", file, err)
	}
	return m, nil
}

// saveModelFile writes the model to a temporary file and renames it, so
// a failed save never leaves half a model where a good one was.
func saveModelFile(m *learn.Model, path string) error {
	tmp := path + ".tmp"
	f, err := os.Create(tmp)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	w := bufio.NewWriter(f)
	if err := m.Save(w); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("save model: %w", err)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		os.Remove(tmp)
		return fmt.Errorf("save model: %w", err)
	}
	if err := f.Close(); err != nil {
		os.Remove(tmp)
		return fmt.Errorf("save model: %w", err)
	}
	return os.Rename(tmp, path)
}

func loadModelFile(path string) (*learn.Model, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("model: %w", err)
	}
	defer f.Close()
	m, err := learn.Load(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("model %s: %w", path, err)
	}
	return m, nil
}

// runModelEvaluate cross-validates the learner on a coded CSV and prints
// micro and macro F1, per-label figures, sentiment accuracy and its
// confusion matrix.
func runModelEvaluate(e *env, args []string) error {
	fs := newFlagSet(e, "model evaluate")
	folds := fs.Int("folds", 5, "number of cross-validation folds")
	seed := fs.Int64("seed", 1, "seed for the fold split")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("model evaluate", pos, "FILE.csv"); err != nil {
		return err
	}
	if *folds < 2 {
		return usagef("model evaluate: --folds must be at least 2")
	}
	ex, err := readExamples(pos[0])
	if err != nil {
		return err
	}
	ev, err := learn.Evaluate(ex, *folds, *seed)
	if err != nil {
		return fmt.Errorf("evaluate %s: %w", pos[0], err)
	}
	out := bufio.NewWriter(e.stdout)
	if err := ev.WriteText(out); err != nil {
		return err
	}
	return out.Flush()
}
