package analysis

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"
)

// withTone returns a copy of c that reads tone with tm (nil: rules only).
func withTone(c *Classifier, tm *toneModel) *Classifier {
	cp, err := NewClassifier(c.tax)
	if err != nil {
		panic(err)
	}
	cp.tone = tm
	return cp
}

func TestToneModelTrains(t *testing.T) {
	start := time.Now()
	ex, err := readToneExamples(toneTraining, toneTrainingFiles)
	if err != nil {
		t.Fatal(err)
	}
	m, err := trainTone(ex)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("trained on %d comments (%d with copies) in %v", len(ex), m.TrainedOn(), time.Since(start))
	if got, want := m.Sentiments, []string{"mixed", "negative", "neutral", "positive"}; !slices.Equal(got, want) {
		t.Errorf("sentiments %v, want %v", got, want)
	}
	if DefaultClassifier().tone.model() == nil {
		t.Errorf("the shared tone model did not train: %v", DefaultClassifier().tone.err)
	}
}

// TestToneModelLeaveOneFileOut estimates what the learned tone model adds
// on comments it has not seen: each labelled file is coded by the rules
// alone and by the rules with a model trained on the other files. The
// rules were tuned on all these files, so the rules' own figures here are
// flattering; the model's gain over them is the fair part.
func TestToneModelLeaveOneFileOut(t *testing.T) {
	rulesOnly := withTone(DefaultClassifier(), nil)
	var sumRules, sumHybrid float64
	for _, held := range toneTrainingFiles {
		var others []string
		for _, f := range toneTrainingFiles {
			if f != held {
				others = append(others, f)
			}
		}
		ex, err := readToneExamples(toneTraining, others)
		if err != nil {
			t.Fatal(err)
		}
		m, err := trainTone(ex)
		if err != nil {
			t.Fatal(err)
		}
		hybrid := withTone(DefaultClassifier(), fixedToneModel(m))
		rows := readLabelled(t, filepath.Join("testdata", filepath.Base(held)))
		var right [2]int
		asked := 0
		for _, r := range rows {
			a := rulesOnly.Classify(r.text, r.area)
			b := hybrid.Classify(r.text, r.area)
			if a.Sentiment == r.sentiment {
				right[0]++
			}
			if b.Sentiment == r.sentiment {
				right[1]++
			}
			if a.Sentiment != b.Sentiment {
				asked++
				if os.Getenv("ANALYSIS_EVAL_DETAIL") != "" {
					t.Logf("  %s want %s rules %s model %s | %s", r.id, r.sentiment, a.Sentiment, b.Sentiment, r.text)
				}
			}
		}
		n := float64(len(rows))
		sumRules += float64(right[0]) / n
		sumHybrid += float64(right[1]) / n
		t.Logf("%-22s rules %.3f, rules and model %.3f (%d of %d changed)", filepath.Base(held), float64(right[0])/n, float64(right[1])/n, asked, len(rows))
	}
	k := float64(len(toneTrainingFiles))
	t.Logf("mean: rules %.3f, rules and model %.3f", sumRules/k, sumHybrid/k)
	if sumHybrid < sumRules {
		t.Errorf("the tone model no longer earns its place: rules alone %.3f, with the model %.3f", sumRules/k, sumHybrid/k)
	}
}

func TestToneUnread(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"Appointment letters arrive after the date of the appointment", true},
		{"Our headteacher is the reason my son is still in education", true},
		{"The school is great", false},                            // the rules read it
		{"He is in year 9 and has an EHCP", false},                // a description
		{"My son is 12 and goes to a special school", false},      // a description
		{"The annual review is next week", false},                 // what happens next
		{"More evening clubs for teenagers would be good", false}, // a request
		{"Is there a group for dads?", false},                     // a plain question
		{"Things are ok at the moment", false},                    // lukewarm
		{"Just started", false},                                   // too little to read
		{"She has meltdowns every evening", false},                // how the child copes
		{"He wakes several times a night", false},                 // the child's needs
		{"We live in a rural area", false},                        // the family's circumstances
		{"We are waiting for the amended plan", false},            // a wait, told as news
		{"Does anyone know if there are holiday clubs?", false},   // a plain question
		{"I was told I'd get a call back. That was weeks ago.", true},
	}
	c := DefaultClassifier()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			s := &scratch{}
			s.toks = c.cache.tokenize(tt.text, nil)
			s.hits = scanPhrases(s.toks, nil)
			c.resolveSentiment(s)
			s.waits = c.findWaits(s.toks, tt.text, nil)
			tn := c.readTone(tt.text, s, false)
			if got := c.toneUnread(tt.text, s, &tn); got != tt.want {
				t.Errorf("toneUnread = %v, want %v (tone %+v)", got, tt.want, tn)
			}
		})
	}
}

// TestClassifyAsksToneModel checks that a comment the rules cannot read
// gets the model's sentiment, with no sentiment reason, and one they can
// read keeps theirs.
func TestClassifyAsksToneModel(t *testing.T) {
	c := DefaultClassifier()
	m := c.tone.model()
	text := "Appointment letters arrive after the date of the appointment"
	got := c.Classify(text, "health")
	if want := Sentiment(m.Predict(text).Sentiment); got.Sentiment != want {
		t.Errorf("sentiment %s, want the model's %s", got.Sentiment, want)
	}
	if got.Why(string(got.Sentiment)) != nil {
		t.Errorf("a learned sentiment has reasons %v", got.Why(string(got.Sentiment)))
	}
	if got := c.Classify("The physio was brilliant", "health"); got.Sentiment != Positive || got.Why("positive") == nil {
		t.Errorf("rules' sentiment lost: %s %v", got.Sentiment, got.Reasons)
	}
}
