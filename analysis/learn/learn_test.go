package learn

import (
	"bytes"
	"compress/gzip"
	"context"
	"encoding/gob"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/analysis/text"
)

// syntheticThemes are the themes of the synthetic comments, each with
// phrases that leave a slot for a sentiment word.
var syntheticThemes = map[string][]string{
	"Transport": {
		"the taxi driver to school was %s",
		"the minibus journey each morning is %s",
		"getting a bus pass for him has been %s",
	},
	"Waiting times": {
		"we waited months for the assessment and it was %s",
		"the wait for an appointment has been %s",
		"the delay before anyone phoned back was %s",
	},
	"Staff attitude": {
		"the nurse was %s with my daughter",
		"staff at the clinic were %s and listened to us",
		"the receptionist was %s on the phone",
	},
	"Education plan": {
		"the EHCP review meeting was %s",
		"writing his education plan with the school was %s",
		"the annual review paperwork was %s",
	},
}

// syntheticSentiment gives the words that fill the phrases' slots.
var syntheticSentiment = map[string][]string{
	"positive": {"brilliant", "lovely", "really helpful", "great", "excellent"},
	"negative": {"awful", "terrible", "really poor", "dreadful", "appalling"},
}

// syntheticExamples makes n comments, each with one or two themes and a
// sentiment, reproducibly from seed.
func syntheticExamples(n int, seed uint64) []Example {
	rng := rand.New(rand.NewPCG(seed, 7))
	themes := sortedKeys(setOf(keys(syntheticThemes)...))
	ex := make([]Example, n)
	for i := range ex {
		sentiment := "positive"
		if rng.IntN(2) == 0 {
			sentiment = "negative"
		}
		picked := []string{themes[rng.IntN(len(themes))]}
		if rng.IntN(3) == 0 {
			if other := themes[rng.IntN(len(themes))]; other != picked[0] {
				picked = append(picked, other)
			}
		}
		var parts []string
		for _, th := range picked {
			phrases := syntheticThemes[th]
			words := syntheticSentiment[sentiment]
			parts = append(parts, fmt.Sprintf(phrases[rng.IntN(len(phrases))], words[rng.IntN(len(words))]))
		}
		slices.Sort(picked)
		ex[i] = Example{
			ID:        fmt.Sprintf("s%d-%d", seed, i),
			Text:      strings.Join(parts, ". ") + ".",
			Labels:    picked,
			Sentiment: sentiment,
		}
	}
	return ex
}

func keys(m map[string][]string) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func setOf(s ...string) map[string]bool {
	m := map[string]bool{}
	for _, v := range s {
		m[v] = true
	}
	return m
}

// trainSynthetic trains a model on synthetic comments with the default
// settings.
func trainSynthetic(t *testing.T, n int) *Model {
	t.Helper()
	m, err := Train(syntheticExamples(n, 1), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	return m
}

// readSample reads the small NHS sample kept with the tests.
func readSample(tb testing.TB) []Example {
	tb.Helper()
	f, err := os.Open("testdata/nhs-fft-sample.csv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

func TestTrainRecoversLabels(t *testing.T) {
	m := trainSynthetic(t, 300)
	if got, want := m.Labels, []string{"Education plan", "Staff attitude", "Transport", "Waiting times"}; !slices.Equal(got, want) {
		t.Fatalf("labels: got %q, want %q", got, want)
	}
	if got, want := m.Sentiments, []string{"negative", "positive"}; !slices.Equal(got, want) {
		t.Fatalf("sentiments: got %q, want %q", got, want)
	}
	unseen := syntheticExamples(100, 2)
	labelsRight, sentimentRight := 0, 0
	for _, e := range unseen {
		p := m.Predict(e.Text)
		got := p.LabelNames()
		slices.Sort(got)
		if slices.Equal(got, e.Labels) {
			labelsRight++
		}
		if p.Sentiment == e.Sentiment {
			sentimentRight++
		}
	}
	if labelsRight < 90 {
		t.Errorf("labels exactly right: got %d of 100, want at least 90", labelsRight)
	}
	if sentimentRight < 90 {
		t.Errorf("sentiment right: got %d of 100, want at least 90", sentimentRight)
	}

	tests := []struct {
		name          string
		text          string
		wantLabels    []string
		wantSentiment string
	}{
		{"one theme", "The taxi driver to school was awful.", []string{"Transport"}, "negative"},
		{"two themes", "The nurse was lovely with my daughter. The wait for an appointment has been great.", []string{"Staff attitude", "Waiting times"}, "positive"},
		{"new wording", "The EHCP meeting was brilliant", []string{"Education plan"}, "positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := m.Predict(tt.text)
			got := p.LabelNames()
			slices.Sort(got)
			if !slices.Equal(got, tt.wantLabels) {
				t.Errorf("labels: got %q (%v), want %q", got, p.Labels, tt.wantLabels)
			}
			if got, want := p.Sentiment, tt.wantSentiment; got != want {
				t.Errorf("sentiment: got %q, want %q", got, want)
			}
		})
	}
}

func TestPredictAlwaysGivesTheFewestLabelsSeen(t *testing.T) {
	tests := []struct {
		name string
		// dropLabels removes the labels of the first training comment.
		dropLabels bool
		wantMin    int
	}{
		{"every comment coded", false, 1},
		{"one comment without a theme", true, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ex := syntheticExamples(120, 1)
			if tt.dropLabels {
				ex[0].Labels = nil
			}
			m, err := Train(ex, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			if got, want := m.minLabels, tt.wantMin; got != want {
				t.Fatalf("minimum labels: got %d, want %d", got, want)
			}
			for _, s := range []string{"zzz qqq", "", "Thank you."} {
				if got := len(m.Predict(s).Labels); got < tt.wantMin {
					t.Errorf("Predict(%q): got %d labels, want at least %d", s, got, tt.wantMin)
				}
			}
		})
	}
}

func TestPredictOrdersLabelsByScore(t *testing.T) {
	m := trainSynthetic(t, 200)
	p := m.Predict("The taxi driver was awful and the wait for an appointment was dreadful and the nurse was rude.")
	for i := 1; i < len(p.Labels); i++ {
		if p.Labels[i].Score > p.Labels[i-1].Score {
			t.Errorf("labels not in score order: %v", p.Labels)
		}
	}
}

func TestTrainErrors(t *testing.T) {
	bad := DefaultConfig()
	bad.C = 0
	tests := []struct {
		name    string
		ex      []Example
		cfg     Config
		wantErr error
	}{
		{"no comments", nil, DefaultConfig(), ErrNothingToLearn},
		{"nothing coded", []Example{{ID: "1", Text: "hello"}}, DefaultConfig(), ErrNothingToLearn},
		{"bad config", syntheticExamples(10, 1), bad, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Train(tt.ex, tt.cfg)
			if err == nil {
				t.Fatal("got no error, want one")
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Errorf("got %v, want %v", err, tt.wantErr)
			}
		})
	}
}

func TestTrainSmallSets(t *testing.T) {
	tests := []struct {
		name string
		ex   []Example
	}{
		{"one comment", syntheticExamples(1, 1)},
		{"two comments", syntheticExamples(2, 1)},
		{"labels only", dropSentiment(syntheticExamples(30, 1))},
		{"sentiment only", dropLabels(syntheticExamples(30, 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Train(tt.ex, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			p := m.Predict(tt.ex[0].Text)
			if len(m.Sentiments) > 0 && p.Sentiment == "" {
				t.Errorf("got no sentiment, want one of %q", m.Sentiments)
			}
			if len(m.Sentiments) == 0 && p.Sentiment != "" {
				t.Errorf("got sentiment %q, want none", p.Sentiment)
			}
		})
	}
}

func dropSentiment(ex []Example) []Example {
	for i := range ex {
		ex[i].Sentiment = ""
	}
	return ex
}

func dropLabels(ex []Example) []Example {
	for i := range ex {
		ex[i].Labels = nil
	}
	return ex
}

func TestConfigValidate(t *testing.T) {
	tests := []struct {
		name    string
		change  func(*Config)
		wantErr bool
	}{
		{"default", func(*Config) {}, false},
		{"words only", func(c *Config) { c.Features.CharMax = 0 }, false},
		{"characters only", func(c *Config) { c.Features.WordNGrams = 0 }, false},
		{"no features", func(c *Config) { c.Features.WordNGrams, c.Features.CharMax = 0, 0 }, true},
		{"character range backwards", func(c *Config) { c.Features.CharMin = 6 }, true},
		{"word weight above 1", func(c *Config) { c.Features.WordWeight = 2 }, true},
		{"negative length boost", func(c *Config) { c.Features.LengthBoost = -0.1 }, true},
		{"sentence weight above 1", func(c *Config) { c.Features.SentenceWeight = 1.5 }, true},
		{"whole comments only", func(c *Config) { c.Features.SentenceWeight = 0 }, false},
		{"zero cost", func(c *Config) { c.SentimentC = 0 }, true},
		{"negative naive Bayes", func(c *Config) { c.NaiveBayes = -1 }, true},
		{"too many folds", func(c *Config) { c.ThresholdFolds = 50 }, true},
		{"no epochs", func(c *Config) { c.MaxEpochs = 0 }, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := DefaultConfig()
			tt.change(&c)
			if err := c.Validate(); (err != nil) != tt.wantErr {
				t.Errorf("got error %v, want error %v", err, tt.wantErr)
			}
		})
	}
}

func TestExtractTerms(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // terms that must be present
		not  []string // terms that must be absent
	}{
		{"stems words", "Listening", []string{wordPrefix + text.Stem("listening")}, nil},
		{"word pairs", "not listened", []string{wordPrefix + "not " + text.Stem("listened")}, nil},
		{"padded character n-grams", "cab", []string{charPrefix + " c", charPrefix + " cab ", charPrefix + "ab "}, nil},
		{"characters stay inside words", "to go", []string{charPrefix + "to ", charPrefix + " go"}, []string{charPrefix + "o g", charPrefix + "to go"}},
		{"British spelling folded", "Behaviour", []string{wordPrefix + text.Stem("behavior"), charPrefix + "vior "}, []string{charPrefix + "viour"}},
		{"letters not bytes", "café", []string{charPrefix + "afé "}, nil},
		{"comment boundaries", "Nothing, all good", []string{wordPrefix + startMark + " " + text.Stem("nothing"), wordPrefix + text.Stem("good") + " " + endMark}, []string{wordPrefix + startMark, wordPrefix + startMark + " " + text.Stem("all")}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e := &extractor{cfg: DefaultConfig().Features}
			e.extract(tt.text)
			got := map[string]bool{}
			for _, sp := range e.spans {
				got[string(e.buf[sp.start:sp.end])] = true
			}
			for _, w := range tt.want {
				if !got[w] {
					t.Errorf("term %q missing from %q", w, sortedKeys(got))
				}
			}
			for _, w := range tt.not {
				if got[w] {
					t.Errorf("term %q present, want it absent", w)
				}
			}
		})
	}
}

func TestExtractSentences(t *testing.T) {
	e := &extractor{cfg: FeatureConfig{WordNGrams: 2, CharMin: 3, CharMax: 3, Boundaries: true}}
	e.extract("Good staff.  Long wait!\n\nwhy...?")
	if got, want := e.sentences, 3; got != want {
		t.Fatalf("sentences: got %d, want %d", got, want)
	}
	sentence := map[string]int{}
	for _, sp := range e.spans {
		sentence[string(e.buf[sp.start:sp.end])] = sp.sentence
	}
	tests := []struct {
		term string
		want int
	}{
		{wordPrefix + startMark + " " + text.Stem("good"), 0},
		{wordPrefix + text.Stem("good") + " " + text.Stem("staff"), 0},
		{wordPrefix + text.Stem("staff") + " " + text.Stem("long"), -1},
		{wordPrefix + text.Stem("long"), 1},
		{charPrefix + "ait", 1},
		{wordPrefix + text.Stem("why") + " " + endMark, 2},
	}
	for _, tt := range tests {
		got, ok := sentence[tt.term]
		if !ok || got != tt.want {
			t.Errorf("term %q: got sentence %d (present %v), want %d", tt.term, got, ok, tt.want)
		}
	}
	for _, s := range []string{"", "...", "One sentence, no more"} {
		if e.extract(s); e.sentences > 1 {
			t.Errorf("%q: got %d sentences, want at most 1", s, e.sentences)
		}
	}
}

// TestPredictBlendsSentences checks that a comment of several sentences
// gets, for each theme, the blend of its whole score and its best
// sentence's, each sentence scored as if it were a comment of its own.
func TestPredictBlendsSentences(t *testing.T) {
	cfg := DefaultConfig()
	// Without boundaries a sentence has exactly the terms it would have
	// alone.
	cfg.Features.Boundaries = false
	cfg.Features.SentenceWeight = 0.4
	m, err := Train(syntheticExamples(200, 1), cfg)
	if err != nil {
		t.Fatal(err)
	}
	whole := &Model{Labels: m.Labels, Sentiments: m.Sentiments, vocab: &vocabulary{}, weights: m.weights, bias: m.bias, thresholds: m.thresholds, minLabels: m.minLabels}
	*whole.vocab = *m.vocab
	whole.vocab.cfg.SentenceWeight = 0
	whole.init()
	scores := func(m *Model, s string) []float64 {
		sc := m.scratch.Get().(*scratch)
		defer m.scratch.Put(sc)
		m.score(s, sc)
		return slices.Clone(sc.scores[:m.outputs()])
	}
	first, second := "The taxi driver to school was awful", "the nurse was lovely with my daughter"
	text := first + ". " + second + "!"
	got, all := scores(m, text), scores(whole, text)
	a, b := scores(whole, first), scores(whole, second)
	for k := range got {
		want := all[k]
		if k < len(m.Labels) {
			want = 0.6*all[k] + 0.4*max(a[k], b[k])
		}
		if d := got[k] - want; d > 1e-5 || d < -1e-5 {
			t.Errorf("output %d: got %.6f, want %.6f", k, got[k], want)
		}
	}
	if got, want := scores(m, first), scores(whole, first); !slices.Equal(got, want) {
		t.Errorf("one sentence: got %v, want the whole comment's %v", got, want)
	}
}

func TestCorpusSentences(t *testing.T) {
	fc := DefaultConfig().Features
	fc.Boundaries = false
	c := newCorpus([]string{"Staff were kind. The wait was long", "Staff were kind", "The wait was long", "One sentence only"}, fc)
	if got := len(c.sentences[0]); got != 2 {
		t.Fatalf("got %d sentences, want 2", got)
	}
	for k, alone := range []int{1, 2} {
		if got, want := c.sentences[0][k], c.docs[alone]; !slices.Equal(got, want) {
			t.Errorf("sentence %d: got terms %v, want %v as when alone", k, got, want)
		}
	}
	if c.sentences[3] != nil {
		t.Errorf("a comment of one sentence has sentence rows %v, want none", c.sentences[3])
	}
	fc.SentenceWeight = 0
	if c := newCorpus([]string{"Staff were kind. The wait was long"}, fc); c.sentences != nil {
		t.Errorf("got sentence rows without sentence scoring")
	}
}

func TestWeigh(t *testing.T) {
	v := &vocabulary{terms: []string{"w:a", "w:b", "c:x"}, idf: []float32{1, 2, 1}, words: 2}
	tests := []struct {
		name       string
		wordWeight float64
		counts     []termCount
		want       []float32
	}{
		{"words and characters share the length", 0.5, []termCount{{0, 1}, {2, 1}}, []float32{0.70710677, 0.70710677}},
		{"one block alone gets unit length", 0.5, []termCount{{0, 1}, {1, 1}}, []float32{0.4472136, 0.8944272}},
		{"repeats grow slowly", 0.5, []termCount{{0, 1}, {1, 3}}, []float32{0.23176546, 0.9727717}},
		{"a block weighted 0 counts for nothing", 1, []termCount{{2, 1}}, []float32{0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v.cfg.WordWeight = tt.wordWeight
			got := make([]float32, len(tt.counts))
			v.weigh(tt.counts, got)
			for i := range got {
				if d := got[i] - tt.want[i]; d > 1e-6 || d < -1e-6 {
					t.Errorf("got %v, want %v", got, tt.want)
					break
				}
			}
		})
	}
}

func TestTrainIsDeterministic(t *testing.T) {
	ex := syntheticExamples(150, 3)
	save := func(workers int, seed int64) []byte {
		t.Helper()
		cfg := DefaultConfig()
		cfg.Workers = workers
		cfg.Seed = seed
		m, err := Train(ex, cfg)
		if err != nil {
			t.Fatal(err)
		}
		var b bytes.Buffer
		if err := m.Save(&b); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	first := save(2, 7)
	tests := []struct {
		name    string
		workers int
	}{
		{"same again", 2},
		{"one worker", 1},
		{"many workers", 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := save(tt.workers, 7); !bytes.Equal(got, first) {
				t.Errorf("model file differs from the first training with the same seed")
			}
		})
	}
}

func TestSaveLoad(t *testing.T) {
	tests := []struct {
		name string
		ex   []Example
	}{
		{"synthetic", syntheticExamples(200, 1)},
		{"NHS sample", readSample(t)},
		{"no sentiment", dropSentiment(syntheticExamples(60, 1))},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := Train(tt.ex, DefaultConfig())
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := m.Save(&b); err != nil {
				t.Fatal(err)
			}
			loaded, err := Load(bytes.NewReader(b.Bytes()))
			if err != nil {
				t.Fatal(err)
			}
			if !slices.Equal(loaded.Labels, m.Labels) || !slices.Equal(loaded.Sentiments, m.Sentiments) {
				t.Fatalf("got labels %q and sentiments %q, want %q and %q", loaded.Labels, loaded.Sentiments, m.Labels, m.Sentiments)
			}
			for _, e := range append(tt.ex, syntheticExamples(20, 9)...) {
				if got, want := loaded.Predict(e.Text), m.Predict(e.Text); !reflect.DeepEqual(got, want) {
					t.Fatalf("Predict(%q) after loading: got %v, want %v", e.Text, got, want)
				}
			}
		})
	}
}

func TestLoadErrors(t *testing.T) {
	m := trainSynthetic(t, 50)
	var b bytes.Buffer
	if err := m.Save(&b); err != nil {
		t.Fatal(err)
	}
	good := b.Bytes()
	tests := []struct {
		name    string
		data    []byte
		wantErr string
	}{
		{"empty", nil, "not a FamilyVoice model"},
		{"a CSV file", []byte("id,text,labels\n1,hello,x\n"), "not a FamilyVoice model"},
		{"newer version", []byte(fileMagic + "version 99\n"), "version 99 is not supported"},
		{"version 0", []byte(fileMagic + "version 0\n"), "version 0 is not supported"},
		{"truncated", good[:len(good)/2], "reading model"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Load(bytes.NewReader(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("got error %v, want one containing %q", err, tt.wantErr)
			}
		})
	}
}

// TestLoadVersion1 checks that a model saved before comment boundaries
// and sentence scoring still loads and codes as it did: a version 1 file
// holds neither setting, and both decode as off.
func TestLoadVersion1(t *testing.T) {
	cfg := DefaultConfig()
	cfg.Features.Boundaries = false
	cfg.Features.SentenceWeight = 0
	ex := syntheticExamples(80, 1)
	m, err := Train(ex, cfg)
	if err != nil {
		t.Fatal(err)
	}
	// The fields of a version 1 file, as that version declared them.
	type featuresV1 struct {
		WordNGrams, CharMin, CharMax, MinDF, MaxFeatures int
		WordWeight, LengthBoost                          float64
	}
	type fileV1 struct {
		Labels, Sentiments []string
		Features           featuresV1
		Terms              []string
		WordTerms          int
		IDF, Weights, Bias []float32
		Thresholds         []float32
		MinLabels, Trained int
	}
	fc := m.vocab.cfg
	var b bytes.Buffer
	b.WriteString(fileMagic + "version 1\n")
	zw := gzip.NewWriter(&b)
	err = gob.NewEncoder(zw).Encode(fileV1{
		Labels: m.Labels, Sentiments: m.Sentiments,
		Features: featuresV1{fc.WordNGrams, fc.CharMin, fc.CharMax, fc.MinDF, fc.MaxFeatures, fc.WordWeight, fc.LengthBoost},
		Terms:    m.vocab.terms, WordTerms: m.vocab.words, IDF: m.vocab.idf, Weights: m.weights, Bias: m.bias,
		Thresholds: m.thresholds, MinLabels: m.minLabels, Trained: m.trained,
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	loaded, err := Load(&b)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range append(ex, syntheticExamples(20, 9)...) {
		if got, want := loaded.Predict(e.Text), m.Predict(e.Text); !reflect.DeepEqual(got, want) {
			t.Fatalf("Predict(%q): got %v, want %v", e.Text, got, want)
		}
	}
}

func TestEvaluate(t *testing.T) {
	ex := syntheticExamples(150, 4)
	ev, err := Evaluate(ex, 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	if ev.MicroF1 < 0.9 {
		t.Errorf("micro-F1: got %.3f, want at least 0.9", ev.MicroF1)
	}
	if ev.SentimentAccuracy < 0.9 {
		t.Errorf("sentiment accuracy: got %.3f, want at least 0.9", ev.SentimentAccuracy)
	}
	support := 0
	for _, e := range ex {
		support += len(e.Labels)
	}
	gotSupport := 0
	for _, l := range ev.Labels {
		gotSupport += l.Support
	}
	if gotSupport != support {
		t.Errorf("total support: got %d, want %d", gotSupport, support)
	}
	confused := 0
	for _, row := range ev.Confusion {
		for _, n := range row {
			confused += n
		}
	}
	if got, want := confused, len(ex); got != want || ev.SentimentCoded != want {
		t.Errorf("confusion matrix total %d and coded %d, want %d", got, ev.SentimentCoded, want)
	}
	var b strings.Builder
	if err := ev.WriteText(&b); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"3-fold cross-validation on 150 comments", "micro-F1", "Waiting times", "coded \\ predicted"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, b.String())
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	tests := []struct {
		name  string
		ex    []Example
		folds int
	}{
		{"one fold", syntheticExamples(20, 1), 1},
		{"fewer comments than folds", syntheticExamples(3, 1), 5},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := Evaluate(tt.ex, tt.folds, 1); err == nil {
				t.Error("got no error, want one")
			}
		})
	}
}

func TestEvaluateRealSample(t *testing.T) {
	ev, err := Evaluate(readSample(t), 3, 1)
	if err != nil {
		t.Fatal(err)
	}
	// The sample is small, so this only guards against a broken model:
	// guessing the commonest theme for every comment scores about 0.3.
	if ev.MicroF1 < 0.4 {
		t.Errorf("micro-F1: got %.3f, want at least 0.4", ev.MicroF1)
	}
	if ev.SentimentAccuracy < 0.65 {
		t.Errorf("sentiment accuracy: got %.3f, want at least 0.65", ev.SentimentAccuracy)
	}
}

func TestTuneThresholds(t *testing.T) {
	scores := [][]float64{
		{1.0, -0.5}, {0.8, 0.4}, {-0.2, 0.9}, {-0.9, 0.3}, {0.5, -0.8},
	}
	truth := [][]bool{
		{true, false}, {true, true}, {false, true}, {false, true}, {true, false},
	}
	tests := []struct {
		name      string
		minLabels int
		shrinkage float64
	}{
		{"shared threshold", 0, 1e9},
		{"own thresholds", 0, 0},
		{"top label forced", 1, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			thr := tuneThresholds(scores, truth, tt.minLabels, tt.shrinkage)
			for i, s := range scores {
				forced := topMask(s, tt.minLabels)
				for l, v := range s {
					if got, want := forced[l] || v >= thr[l], truth[i][l]; got != want {
						t.Errorf("comment %d label %d: got %v, want %v (thresholds %v)", i, l, got, want, thr)
					}
				}
			}
		})
	}
}

func TestFitPlatt(t *testing.T) {
	// Scores whose true log-odds are 2s-1.
	rng := rand.New(rand.NewPCG(1, 2))
	var scores []float64
	var truth []bool
	for range 20000 {
		s := rng.NormFloat64()
		scores = append(scores, s)
		truth = append(truth, rng.Float64() < sigmoid(2*s-1))
	}
	c := fitPlatt(scores, truth)
	if math.Abs(c.a-2) > 0.1 || math.Abs(c.b+1) > 0.1 {
		t.Errorf("got log-odds %.3fs%+.3f, want about 2s-1", c.a, c.b)
	}

	// Scores that separate perfectly, and a label no comment has, still
	// get finite, increasing calibrations.
	for _, tt := range []struct {
		name  string
		truth []bool
	}{
		{"separable", []bool{false, false, true, true}},
		{"no positives", []bool{false, false, false, false}},
		{"decreasing", []bool{true, true, false, false}},
	} {
		c := fitPlatt([]float64{-1, -0.5, 0.5, 1}, tt.truth)
		if !(c.a >= minSlope) || math.IsInf(c.a, 0) || math.IsNaN(c.b) || math.IsInf(c.b, 0) {
			t.Errorf("%s: got log-odds %gs%+g, want finite with a slope of at least %g", tt.name, c.a, c.b, minSlope)
		}
	}
}

func TestTokenizeMatchesTextPackage(t *testing.T) {
	tests := []struct {
		name string
		text string
	}{
		{"plain", "The staff were lovely"},
		{"apostrophes", "couldn't 'quoted' parents' it’s ‘curly’ '''"},
		{"British spellings", "Behaviour behaviours recognised Organisation"},
		{"capitals and digits", "EHCP review in 2024, Year 6 SENCo"},
		{"non-ASCII", "café naïve ÉCOLE straße"},
		{"punctuation only", "... !!! ,,,"},
		{"empty", ""},
	}
	for _, e := range readSample(t)[:100] {
		tests = append(tests, struct {
			name string
			text string
		}{"sample " + e.ID, e.Text})
	}
	e := &extractor{}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			e.tokenize(tt.text)
			want := text.Tokenize(tt.text)
			if len(e.words) != len(want) {
				t.Fatalf("got %d words, want %d", len(e.words), len(want))
			}
			for i, w := range want {
				if got := e.words[i]; got.stem != w.Stem || got.norm != text.Normalize(w.Word) {
					t.Errorf("word %d: got %+v, want stem %q and spelling %q", i, got, w.Stem, text.Normalize(w.Word))
				}
			}
		})
	}
}

func TestTrainContextCancelled(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := TrainContext(ctx, syntheticExamples(50, 1), DefaultConfig())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("got %v, want %v", err, context.Canceled)
	}
}
