// Package learn trains a theme and sentiment model from comments that a
// team has already coded, so that FamilyVoice can code new comments the way
// that team would, whatever framework of themes it uses.
//
// A comment becomes a TF-IDF vector of word stems, stem pairs (the
// comment's start and end counting as words) and character n-grams
// (stemmed exactly as package text does for the rule-based classifier).
// Each theme gets its own linear SVM (the average of a plain SVM and a
// naive Bayes-scaled one), whose scores are calibrated to log-odds and
// given a decision threshold, both by cross-validation on the training
// comments. A comment of several sentences is scored as a whole and
// sentence by sentence, and each theme's score blends the two, so that a
// theme raised in one sentence of a long comment is not lost among the
// others. A comment always gets as many themes as the fewest any training
// comment had. Sentiment is one
// SVM per sentiment word of the training file, scored on the whole
// comment, the highest score winning. Training is deterministic for a
// given seed and uses every core.
//
// The defaults were chosen by 5-fold cross-validation on 4,309 NHS
// Friends and Family Test comments coded into 45 themes (see nhs_test.go
// for how to repeat it): micro-F1 0.699, macro-F1 0.47, sentiment
// accuracy 0.83. Rare themes are found less reliably than common ones, so
// a model is only as good as the number of examples staff give each
// theme.
package learn

import (
	"context"
	"errors"
	"fmt"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
)

// Example is one coded comment.
type Example struct {
	ID   string
	Text string
	// Labels are the themes the comment was coded with; none is allowed.
	Labels []string
	// Sentiment is the file's own sentiment word, or "" when the comment
	// was not coded for sentiment.
	Sentiment string
}

// Config holds the settings for training. Start from DefaultConfig: its
// values were chosen by cross-validation on real coded feedback.
type Config struct {
	Features FeatureConfig
	// C is the SVM cost for theme labels: larger values fit the training
	// comments more closely, smaller ones generalise more.
	C float64
	// SentimentC is the SVM cost for sentiment classes.
	SentimentC float64
	// NaiveBayes, when above 0, averages each SVM with a second one fitted
	// on features scaled by their naive Bayes log-count ratios for the
	// label (NBSVM, Wang and Manning 2012), with this smoothing. The two
	// err differently, and their average is still one linear model, so it
	// costs nothing when classifying.
	NaiveBayes float64
	// NaiveBayesC is the cost of the naive Bayes SVM for theme labels;
	// sentiment uses SentimentC for both.
	NaiveBayesC float64
	// MaxEpochs bounds the passes over the data when fitting one SVM.
	MaxEpochs int
	// Tolerance is the stopping tolerance of the SVM solver.
	Tolerance float64
	// ThresholdFolds is the number of cross-validation folds used to
	// calibrate each label's scores and tune its decision threshold; 0 or
	// 1 keeps the SVM's raw scores and its own zero.
	ThresholdFolds int
	// Shrinkage pulls the threshold of a label with few examples towards
	// the threshold shared by all labels: a label's own threshold counts
	// as much as the shared one once it has Shrinkage positive comments.
	// Thresholds are on calibrated log-odds, where one threshold suits
	// most labels, so only the commonest labels stray far from it.
	Shrinkage float64
	// Seed fixes the fold split and the order of the SVM's passes.
	Seed int64
	// Workers is the number of goroutines used for training; 0 means one
	// per CPU. The result does not depend on it.
	Workers int
}

// DefaultConfig returns the settings FamilyVoice trains with.
func DefaultConfig() Config {
	return Config{
		Features: FeatureConfig{
			WordNGrams:     2,
			CharMin:        2,
			CharMax:        5,
			MinDF:          1,
			MaxFeatures:    100000,
			WordWeight:     0.5,
			LengthBoost:    0.2,
			Boundaries:     true,
			SentenceWeight: 0.35,
		},
		C:              1,
		SentimentC:     0.5,
		NaiveBayes:     1,
		NaiveBayesC:    0.5,
		MaxEpochs:      100,
		Tolerance:      0.1,
		ThresholdFolds: 3,
		Shrinkage:      1000,
		Seed:           1,
	}
}

// Validate reports the first setting that cannot be trained with.
func (c Config) Validate() error {
	f := c.Features
	switch {
	case f.WordNGrams < 0 || f.WordNGrams > 4:
		return fmt.Errorf("word n-grams must be between 0 and 4, not %d", f.WordNGrams)
	case f.CharMax > 0 && (f.CharMin < 1 || f.CharMin > f.CharMax || f.CharMax > 8):
		return fmt.Errorf("character n-grams must satisfy 1 <= min <= max <= 8, not %d-%d", f.CharMin, f.CharMax)
	case f.WordNGrams == 0 && f.CharMax <= 0:
		return errors.New("no features: set word or character n-grams")
	case f.MinDF < 0 || f.MaxFeatures < 0:
		return errors.New("minimum document frequency and maximum features must not be negative")
	case !(f.WordWeight >= 0 && f.WordWeight <= 1):
		return fmt.Errorf("word weight must be between 0 and 1, not %g", f.WordWeight)
	case !(f.LengthBoost >= 0 && f.LengthBoost <= 1):
		return fmt.Errorf("length boost must be between 0 and 1, not %g", f.LengthBoost)
	case !(f.SentenceWeight >= 0 && f.SentenceWeight <= 1):
		return fmt.Errorf("sentence weight must be between 0 and 1, not %g", f.SentenceWeight)
	case !(c.C > 0) || !(c.SentimentC > 0) || (c.NaiveBayes > 0 && !(c.NaiveBayesC > 0)):
		return errors.New("SVM costs must be greater than 0")
	case c.MaxEpochs < 1:
		return errors.New("max epochs must be at least 1")
	case !(c.Tolerance > 0):
		return errors.New("tolerance must be greater than 0")
	case c.ThresholdFolds < 0 || c.ThresholdFolds > 20:
		return fmt.Errorf("threshold folds must be between 0 and 20, not %d", c.ThresholdFolds)
	case c.NaiveBayes < 0:
		return errors.New("naive Bayes smoothing must not be negative")
	case c.Shrinkage < 0:
		return errors.New("shrinkage must not be negative")
	case c.Workers < 0:
		return errors.New("workers must not be negative")
	}
	return nil
}

// ErrNothingToLearn is returned by Train when the examples carry neither
// labels nor sentiment, or there are no examples.
var ErrNothingToLearn = errors.New("the training comments have no labels and no sentiment to learn from")

// Model codes comments with themes and a sentiment. It is safe for
// concurrent use.
type Model struct {
	// Labels are the themes the model can assign, in sorted order.
	Labels []string
	// Sentiments are the training file's own sentiment words, in sorted
	// order; empty when the training comments had no sentiment.
	Sentiments []string

	vocab      *vocabulary
	index      map[string]int32
	weights    []float32 // feature-major: weights[f*outputs()+k]
	bias       []float32 // per output: labels, then sentiments
	thresholds []float32 // per label
	minLabels  int       // always predict at least this many labels
	trained    int       // number of training comments

	scratch sync.Pool
}

// TrainedOn returns the number of comments the model was trained on.
func (m *Model) TrainedOn() int { return m.trained }

// outputs is the number of scores computed for each comment.
func (m *Model) outputs() int { return len(m.Labels) + len(m.Sentiments) }

// LabelScore is a label with its score: the log-odds that the label
// applies, as calibrated on training comments held out from the SVMs (the
// SVM's raw decision value for a model trained without threshold folds).
// The higher, the surer. Scores can be compared between labels of one
// model, not between models.
type LabelScore struct {
	Label string
	Score float64
}

// Prediction is how a model codes one comment.
type Prediction struct {
	// Labels are the chosen themes, highest score first.
	Labels []LabelScore
	// Sentiment is one of the model's Sentiments, or "" if it has none.
	Sentiment string
}

// LabelNames returns the names of p's labels in order.
func (p Prediction) LabelNames() []string {
	names := make([]string, len(p.Labels))
	for i, l := range p.Labels {
		names[i] = l.Label
	}
	return names
}

// Train fits a model to the examples.
func Train(ex []Example, cfg Config) (*Model, error) {
	return TrainContext(context.Background(), ex, cfg)
}

// TrainContext is Train that gives up when ctx is done, for retraining in
// the background when newer corrections have made the run pointless.
func TrainContext(ctx context.Context, ex []Example, cfg Config) (*Model, error) {
	if err := cfg.Validate(); err != nil {
		return nil, fmt.Errorf("learn: %w", err)
	}
	d := newDataset(ex, cfg.Features)
	if len(ex) == 0 || (len(d.labels) == 0 && len(d.sentiments) == 0) {
		return nil, ErrNothingToLearn
	}
	t := &trainer{d: d, cfg: cfg}
	return t.train(ctx)
}

// dataset is a set of examples with their terms extracted and their
// labels and sentiments turned into indices.
type dataset struct {
	corpus     *corpus
	labels     []string
	sentiments []string
	truth      [][]bool // truth[i][l]: example i carries label l
	sentiment  []int    // index into sentiments, or -1 when uncoded
	minLabels  int
}

func newDataset(ex []Example, fc FeatureConfig) *dataset {
	d := &dataset{}
	labelSet := map[string]bool{}
	sentSet := map[string]bool{}
	texts := make([]string, len(ex))
	for i, e := range ex {
		texts[i] = e.Text
		for _, l := range e.Labels {
			if l = strings.TrimSpace(l); l != "" {
				labelSet[l] = true
			}
		}
		if s := strings.TrimSpace(e.Sentiment); s != "" {
			sentSet[s] = true
		}
	}
	d.labels = sortedKeys(labelSet)
	d.sentiments = sortedKeys(sentSet)
	d.truth = make([][]bool, len(ex))
	d.sentiment = make([]int, len(ex))
	d.minLabels = math.MaxInt
	for i, e := range ex {
		d.truth[i] = make([]bool, len(d.labels))
		for _, l := range e.Labels {
			if l = strings.TrimSpace(l); l != "" {
				d.truth[i][sort.SearchStrings(d.labels, l)] = true
			}
		}
		n := 0
		for _, t := range d.truth[i] {
			if t {
				n++
			}
		}
		d.minLabels = min(d.minLabels, n)
		d.sentiment[i] = -1
		if s := strings.TrimSpace(e.Sentiment); s != "" {
			d.sentiment[i] = sort.SearchStrings(d.sentiments, s)
		}
	}
	if len(ex) == 0 {
		d.minLabels = 0
	}
	d.corpus = newCorpus(texts, fc)
	return d
}

func sortedKeys(m map[string]bool) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// trainer fits the final model and the cross-validation models used to
// tune thresholds.
type trainer struct {
	d   *dataset
	cfg Config
}

// fold is one fitted feature space with the rows it trains on and,
// for cross-validation, the rows it scores.
type fold struct {
	vocab   *vocabulary
	index   []int32
	train   []int
	x       *matrix // unit-length rows, for sentiment
	xLabels *matrix // rows with the length boost, for themes
	heldOut []int
	xHeld   *matrix // held-out rows with the length boost
	// sentences holds the boosted rows of the held-out comments'
	// sentences; those of heldOut[r] are rows sentenceStart[r] to
	// sentenceStart[r+1]-1.
	sentences     *matrix
	sentenceStart []int
}

// job fits one output (a label, or a sentiment class) on one fold.
type job struct {
	fold, output int
}

// train fits the final SVMs on all the examples and, to tune the
// thresholds, the label SVMs of each cross-validation fold, all as one
// batch of jobs so that both cores stay busy to the end.
func (t *trainer) train(ctx context.Context) (*Model, error) {
	d, cfg := t.d, t.cfg
	n := len(d.truth)
	all := make([]int, n)
	for i := range all {
		all[i] = i
	}
	folds := []*fold{t.newFold(all, nil)}
	if k := min(cfg.ThresholdFolds, n); k >= 2 && len(d.labels) > 0 {
		for _, f := range splitFolds(n, k, cfg.Seed) {
			folds = append(folds, t.newFold(f.train, f.test))
		}
	}
	outputs := len(d.labels) + len(d.sentiments)
	var jobs []job
	for o := range outputs {
		jobs = append(jobs, job{0, o})
	}
	for f := 1; f < len(folds); f++ {
		for l := range d.labels {
			jobs = append(jobs, job{f, l})
		}
	}

	features := len(folds[0].vocab.terms)
	weights := make([]float32, features*outputs)
	bias := make([]float32, outputs)
	oof := make([][]float64, n) // out-of-fold label scores
	for i := range oof {
		oof[i] = make([]float64, len(d.labels))
	}
	err := t.run(ctx, jobs, func(j job) {
		f := folds[j.fold]
		w, b := t.fit(f, j)
		if j.fold == 0 {
			for i, v := range w {
				weights[i*outputs+j.output] = float32(v)
			}
			bias[j.output] = float32(b)
			return
		}
		for r, i := range f.heldOut {
			oof[i][j.output] = f.heldOutScore(w, b, r, cfg.Features.SentenceWeight)
		}
	})
	if err != nil {
		return nil, err
	}

	m := &Model{
		Labels:     d.labels,
		Sentiments: d.sentiments,
		vocab:      folds[0].vocab,
		weights:    weights,
		bias:       bias,
		thresholds: make([]float32, len(d.labels)),
		minLabels:  d.minLabels,
		trained:    n,
	}
	if len(folds) > 1 {
		calibrate(oof, d.truth, len(d.labels), outputs, weights, bias)
		for l, v := range tuneThresholds(oof, d.truth, d.minLabels, cfg.Shrinkage) {
			m.thresholds[l] = float32(v)
		}
	}
	m.init()
	return m, nil
}

// newFold fits a feature space on the rows train and vectorises them and
// the held-out rows.
func (t *trainer) newFold(train, heldOut []int) *fold {
	v, index := fitVocabulary(t.d.corpus, train, t.cfg.Features, len(t.d.labels)+len(t.d.sentiments))
	f := &fold{vocab: v, index: index, train: train, x: vectorize(t.d.corpus, train, v, index), heldOut: heldOut}
	f.xLabels = v.boosted(f.x)
	if heldOut != nil {
		f.xHeld = v.boosted(vectorize(t.d.corpus, heldOut, v, index))
		s, start := vectorizeSentences(t.d.corpus, heldOut, v, index)
		f.sentences, f.sentenceStart = v.boosted(s), start
	}
	return f
}

// heldOutScore is the theme score of held-out row r, blended with its
// best sentence's as Predict does.
func (f *fold) heldOutScore(w []float64, b float64, r int, sentenceWeight float64) float64 {
	s := dot(w, b, f.xHeld.row(r))
	from, to := f.sentenceStart[r], f.sentenceStart[r+1]
	if to-from < 2 {
		return s
	}
	best := math.Inf(-1)
	for k := from; k < to; k++ {
		best = max(best, dot(w, b, f.sentences.row(k)))
	}
	return (1-sentenceWeight)*s + sentenceWeight*best
}

// fit trains the SVM of job j.
func (t *trainer) fit(f *fold, j job) ([]float64, float64) {
	d, cfg := t.d, t.cfg
	p := svmProblem{
		features:  len(f.vocab.terms),
		bias:      1,
		maxEpochs: cfg.MaxEpochs,
		tolerance: cfg.Tolerance,
		seed:      mix(uint64(cfg.Seed), uint64(j.fold), uint64(j.output)),
	}
	if j.output < len(d.labels) {
		l := j.output
		p.x = f.xLabels
		p.positive = make([]bool, len(f.train))
		for r, i := range f.train {
			p.positive[r] = d.truth[i][l]
		}
		p.cPos, p.cNeg = cfg.C, cfg.C
		return blend(p, cfg.NaiveBayes, cfg.NaiveBayesC/cfg.C)
	}
	// Sentiment trains only on the comments coded for it.
	s := j.output - len(d.labels)
	var rows []int
	for r, i := range f.train {
		if d.sentiment[i] >= 0 {
			rows = append(rows, r)
			p.positive = append(p.positive, d.sentiment[i] == s)
		}
	}
	p.x = f.x.subset(rows)
	p.cPos, p.cNeg = cfg.SentimentC, cfg.SentimentC
	return blend(p, cfg.NaiveBayes, 1)
}

// run calls do for every job on cfg.Workers goroutines. Each job writes
// only its own results, so the outcome does not depend on scheduling.
// It stops handing out jobs once ctx is done and returns ctx's error.
func (t *trainer) run(ctx context.Context, jobs []job, do func(job)) error {
	workers := t.cfg.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	next := make(chan job)
	var wg sync.WaitGroup
	for range min(workers, len(jobs)) {
		wg.Go(func() {
			for j := range next {
				do(j)
			}
		})
	}
	defer func() {
		close(next)
		wg.Wait()
	}()
	for _, j := range jobs {
		if err := ctx.Err(); err != nil {
			return err
		}
		select {
		case next <- j:
		case <-ctx.Done():
			return ctx.Err()
		}
	}
	return nil
}

// subset returns the rows of m listed in rows, sharing no storage.
func (m *matrix) subset(rows []int) *matrix {
	n := 0 // sized up front: growing by append was most of training's copying
	for _, r := range rows {
		n += m.ptr[r+1] - m.ptr[r]
	}
	s := &matrix{ptr: make([]int, 1, len(rows)+1), idx: make([]int32, 0, n), val: make([]float32, 0, n)}
	for _, r := range rows {
		row := m.row(r)
		s.idx = append(s.idx, row.idx...)
		s.val = append(s.val, row.val...)
		s.ptr = append(s.ptr, len(s.idx))
	}
	return s
}

func dot(w []float64, b float64, r sparse) float64 {
	s := b
	for k, f := range r.idx {
		s += w[f] * float64(r.val[k])
	}
	return s
}

// mix derives a seed for one job from the training seed, so that each SVM
// has its own fixed order of passes whatever goroutine runs it.
func mix(vals ...uint64) uint64 {
	h := uint64(0x243f6a8885a308d3)
	for _, v := range vals {
		h ^= v + 0x9e3779b97f4a7c15 + (h << 6) + (h >> 2)
		h ^= h >> 31
		h *= 0xbf58476d1ce4e5b9
		h ^= h >> 29
	}
	return h
}

// foldSplit is the training and test rows of one cross-validation fold.
type foldSplit struct {
	train, test []int
}

// splitFolds shuffles 0..n-1 with the seed and deals the rows into k
// folds.
func splitFolds(n, k int, seed int64) []foldSplit {
	perm := permutation(n, seed)
	out := make([]foldSplit, k)
	for f := range out {
		for p, i := range perm {
			if p%k == f {
				out[f].test = append(out[f].test, i)
			} else {
				out[f].train = append(out[f].train, i)
			}
		}
		slices.Sort(out[f].test)
		slices.Sort(out[f].train)
	}
	return out
}
