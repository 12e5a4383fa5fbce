package learn

import (
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"
)

// LabelMetrics is how well one label was predicted across all folds.
type LabelMetrics struct {
	Label     string
	Precision float64
	Recall    float64
	F1        float64
	// Support is the number of comments that truly carry the label.
	Support int
	// Predicted is the number of comments the model gave the label.
	Predicted int
}

// Evaluation is the result of cross-validating a training set: every
// comment is coded by a model that did not see it, and the codes are
// compared with the team's own.
type Evaluation struct {
	Folds    int
	Comments int
	// MicroF1 counts every (comment, label) decision equally, so common
	// themes dominate it; MacroF1 averages the labels' F1 equally, so rare
	// themes count as much as common ones.
	MicroPrecision, MicroRecall, MicroF1 float64
	MacroF1                              float64
	// ExactMatch is the share of comments whose labels were all right.
	ExactMatch float64
	Labels     []LabelMetrics

	Sentiments []string
	// SentimentCoded is the number of comments coded for sentiment.
	SentimentCoded    int
	SentimentAccuracy float64
	// Confusion[i][j] counts comments coded Sentiments[i] and predicted
	// Sentiments[j].
	Confusion [][]int

	// TrainTime is the total time spent training the fold models.
	TrainTime time.Duration
}

// Evaluate cross-validates training with DefaultConfig and the seed,
// using the given number of folds.
func Evaluate(ex []Example, folds int, seed int64) (*Evaluation, error) {
	cfg := DefaultConfig()
	cfg.Seed = seed
	return EvaluateConfig(ex, folds, cfg)
}

// EvaluateConfig cross-validates training with cfg: the examples are
// shuffled with cfg.Seed and dealt into folds; each fold is coded by a
// model trained on the others.
func EvaluateConfig(ex []Example, folds int, cfg Config) (*Evaluation, error) {
	if folds < 2 {
		return nil, fmt.Errorf("learn: cross-validation needs at least 2 folds, not %d", folds)
	}
	if len(ex) < folds {
		return nil, fmt.Errorf("learn: %d comments are too few for %d folds", len(ex), folds)
	}
	preds := make([]Prediction, len(ex))
	ev := &Evaluation{Folds: folds, Comments: len(ex)}
	for _, f := range splitFolds(len(ex), folds, cfg.Seed) {
		train := make([]Example, len(f.train))
		for i, r := range f.train {
			train[i] = ex[r]
		}
		start := time.Now()
		m, err := Train(train, cfg)
		if errors.Is(err, ErrNothingToLearn) {
			continue
		}
		if err != nil {
			return nil, err
		}
		ev.TrainTime += time.Since(start)
		for _, r := range f.test {
			preds[r] = m.Predict(ex[r].Text)
		}
	}
	ev.score(ex, preds)
	return ev, nil
}

// score fills in the metrics from the out-of-fold predictions.
func (ev *Evaluation) score(ex []Example, preds []Prediction) {
	d := newDataset(ex, FeatureConfig{})
	ev.Sentiments = d.sentiments
	ev.Confusion = make([][]int, len(d.sentiments))
	for i := range ev.Confusion {
		ev.Confusion[i] = make([]int, len(d.sentiments))
	}
	index := map[string]int{}
	for l, name := range d.labels {
		index[name] = l
	}
	tp := make([]int, len(d.labels))
	pred := make([]int, len(d.labels))
	support := make([]int, len(d.labels))
	exact, correct := 0, 0
	for i, p := range preds {
		got := make([]bool, len(d.labels))
		for _, ls := range p.Labels {
			got[index[ls.Label]] = true
		}
		same := true
		for l, want := range d.truth[i] {
			if want {
				support[l]++
			}
			if got[l] {
				pred[l]++
			}
			if got[l] && want {
				tp[l]++
			}
			if got[l] != want {
				same = false
			}
		}
		if same {
			exact++
		}
		if s := d.sentiment[i]; s >= 0 {
			ev.SentimentCoded++
			if j, ok := indexOf(d.sentiments, p.Sentiment); ok {
				ev.Confusion[s][j]++
				if j == s {
					correct++
				}
			}
		}
	}
	var tpAll, predAll, supAll int
	for l, name := range d.labels {
		lm := LabelMetrics{Label: name, Support: support[l], Predicted: pred[l]}
		lm.Precision, lm.Recall, lm.F1 = prf(tp[l], pred[l], support[l])
		ev.Labels = append(ev.Labels, lm)
		ev.MacroF1 += lm.F1
		tpAll += tp[l]
		predAll += pred[l]
		supAll += support[l]
	}
	if len(d.labels) > 0 {
		ev.MacroF1 /= float64(len(d.labels))
	}
	ev.MicroPrecision, ev.MicroRecall, ev.MicroF1 = prf(tpAll, predAll, supAll)
	ev.ExactMatch = ratio(exact, len(ex))
	ev.SentimentAccuracy = ratio(correct, ev.SentimentCoded)
}

func indexOf(s []string, v string) (int, bool) {
	for i, x := range s {
		if x == v {
			return i, true
		}
	}
	return 0, false
}

// prf returns precision, recall and F1 from true positives, predicted
// and actual counts; an empty ratio counts as 0.
func prf(tp, predicted, actual int) (p, r, f float64) {
	p, r = ratio(tp, predicted), ratio(tp, actual)
	if predicted+actual > 0 {
		f = 2 * float64(tp) / float64(predicted+actual)
	}
	return p, r, f
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 0
	}
	return float64(a) / float64(b)
}

// WriteText writes a report of the evaluation for people to read.
func (ev *Evaluation) WriteText(w io.Writer) error {
	var b strings.Builder
	fmt.Fprintf(&b, "%d-fold cross-validation on %d comments\n\n", ev.Folds, ev.Comments)
	if len(ev.Labels) > 0 {
		fmt.Fprintf(&b, "Themes: micro-F1 %.3f (precision %.3f, recall %.3f), macro-F1 %.3f, exact match %.3f\n\n",
			ev.MicroF1, ev.MicroPrecision, ev.MicroRecall, ev.MacroF1, ev.ExactMatch)
		// Commonest themes first: they are the ones staff check first.
		labels := slices.Clone(ev.Labels)
		slices.SortStableFunc(labels, func(a, b LabelMetrics) int { return b.Support - a.Support })
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprintln(tw, "comments\tpredicted\tprecision\trecall\tF1\t  theme")
		for _, l := range labels {
			fmt.Fprintf(tw, "%d\t%d\t%.2f\t%.2f\t%.2f\t  %s\n", l.Support, l.Predicted, l.Precision, l.Recall, l.F1, l.Label)
		}
		tw.Flush()
		b.WriteString("\n")
	}
	if len(ev.Sentiments) > 0 {
		fmt.Fprintf(&b, "Sentiment: accuracy %.3f on %d coded comments\n\n", ev.SentimentAccuracy, ev.SentimentCoded)
		tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', tabwriter.AlignRight)
		fmt.Fprint(tw, "coded \\ predicted\t")
		for _, s := range ev.Sentiments {
			fmt.Fprintf(tw, "%s\t", s)
		}
		fmt.Fprintln(tw)
		for i, s := range ev.Sentiments {
			fmt.Fprintf(tw, "%s\t", s)
			for _, n := range ev.Confusion[i] {
				fmt.Fprintf(tw, "%d\t", n)
			}
			fmt.Fprintln(tw)
		}
		tw.Flush()
	}
	_, err := io.WriteString(w, b.String())
	return err
}
