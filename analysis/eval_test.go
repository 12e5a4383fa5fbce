package analysis

import (
	"encoding/csv"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
)

// labelled is one hand-coded comment from testdata.
type labelled struct {
	id, text, area string
	areas, themes  []string
	sentiment      Sentiment
	safeguarding   bool
}

func readLabelled(t *testing.T, path string) []labelled {
	t.Helper()
	return readLabelledB(t, path)
}

func readLabelledB(t testing.TB, path string) []labelled {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	want := []string{"id", "text", "area", "service_areas", "themes", "sentiment", "safeguarding"}
	if got := strings.Join(rows[0], ","); got != strings.Join(want, ",") {
		t.Fatalf("%s: header %q, want %q", path, got, strings.Join(want, ","))
	}
	var out []labelled
	for _, r := range rows[1:] {
		out = append(out, labelled{
			id: r[0], text: r[1], area: r[2], areas: splitList(r[3]), themes: splitList(r[4]),
			sentiment: Sentiment(r[5]), safeguarding: r[6] == "true",
		})
	}
	return out
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// scores counts agreement for one label.
type scores struct{ tp, fp, fn int }

func (s scores) precision() float64 { return ratio(s.tp, s.tp+s.fp) }
func (s scores) recall() float64    { return ratio(s.tp, s.tp+s.fn) }
func (s scores) f1() float64 {
	p, r := s.precision(), s.recall()
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func tally(m map[string]*scores, got, want []string) {
	for _, g := range got {
		if m[g] == nil {
			m[g] = &scores{}
		}
		if contains(want, g) {
			m[g].tp++
		} else {
			m[g].fp++
		}
	}
	for _, w := range want {
		if m[w] == nil {
			m[w] = &scores{}
		}
		if !contains(got, w) {
			m[w].fn++
		}
	}
}

func micro(m map[string]*scores) scores {
	var s scores
	for _, v := range m {
		s.tp += v.tp
		s.fp += v.fp
		s.fn += v.fn
	}
	return s
}

// labelledFiles are the hand-coded sets, each coded before the rules saw
// it. The rules were tuned on comments.csv, then comments_dev.csv, then
// on the errors of comments_holdout.csv once its first reading had been
// taken; the targets hold on the first and the last of these.
// comments_unseen.csv was written after that tuning and first measured
// sentiment at 0.752; its errors then guided the reading of a comment's
// shape (turns, concessions, sarcasm, conditions, the child's needs), so
// it is no longer unseen. The learned tone model is trained on these
// four files and two of those below, so their sentiment figures flatter
// it too; its honest estimate is TestToneModelLeaveOneFileOut.
//
// comments_fresh.csv was written and coded before any of that work ran,
// in voices the other files lack (grandparents, foster carers, fathers,
// parents writing in a second language, one-word answers, long rants,
// sarcasm, polite complaints, suggestions, questions, plain facts), with
// far more neutral comments than the others (27% against 8%). Measured
// once, untouched: service areas micro-F1 0.967, sentiment 0.776 (0.759
// for the rules alone), safeguarding recall 0.75; the two phrases it
// missed ("not coping", "crisis line") were added at once, as a missed
// flag costs more than a spoilt measurement. Most of its errors were
// neutral comments read as complaints, so it then became a development
// file for the reading of news, waits, services not used, questions,
// suggestions and the child's needs; the tone model now learns from it.
//
// comments_dev2.csv was written and coded before that work, to test it
// in new wordings: 95 comments, most on the boundary between neutral and
// negative (waits told as news and as complaints, suggestions with and
// without a failure, questions, nulls, the child's needs, unmarked
// sarcasm, idioms of praise). Its first reading was sentiment 0.505
// (0.600 for the rules alone); its errors guided the work alongside
// those of comments_fresh.csv, and the tone model learns from it.
//
// comments_dev3.csv, 66 comments in the proportions families write in,
// was written and coded when that work was nearly done and read once:
// sentiment 0.955 (0.864 before the work), areas micro-F1 0.949. Its
// three errors were then fixed, so it no longer counts as unseen. The
// tone model does not learn from it.
//
// comments_blind.csv, 200 comments, was written and coded by someone who
// never saw the rules or the other files, and was read twice only: before
// the work on facts and questions (sentiment 0.845, areas 0.941) and
// after it (0.910, 0.941). Nothing was tuned on it and the tone model
// does not learn from it; keep it that way, so it stays the honest
// figure.
var labelledFiles = []struct {
	name         string
	enforce      bool // hold every target
	enforceAreas bool // hold the service area target only
}{
	{"comments.csv", true, true},
	{"comments_dev.csv", false, false},
	{"comments_holdout.csv", true, true},
	{"comments_unseen.csv", false, false},
	{"comments_fresh.csv", true, true},
	{"comments_dev2.csv", true, true},
	{"comments_dev3.csv", true, true},
	{"comments_blind.csv", true, true},
}

// TestLabelled measures the classifier against the hand-coded comments
// and holds it to the targets.
func TestLabelled(t *testing.T) {
	const minAreaF1, minSentiment = 0.90, 0.80
	c := DefaultClassifier()
	rulesOnly := withTone(c, nil)
	for _, lf := range labelledFiles {
		file := lf.name
		t.Run(file, func(t *testing.T) {
			rows := readLabelled(t, filepath.Join("testdata", file))
			areas, themes := map[string]*scores{}, map[string]*scores{}
			var safe scores
			sentimentRight, rulesRight := 0, 0
			confusion := map[string]int{}
			matrix := map[Sentiment]map[Sentiment]int{}
			var misses []string
			for _, r := range rows {
				got := c.Classify(r.text, r.area)
				tally(areas, got.Areas, r.areas)
				tally(themes, got.Themes, r.themes)
				if got.Sentiment == r.sentiment {
					sentimentRight++
				} else {
					confusion[string(r.sentiment)+"->"+string(got.Sentiment)]++
				}
				if matrix[r.sentiment] == nil {
					matrix[r.sentiment] = map[Sentiment]int{}
				}
				matrix[r.sentiment][got.Sentiment]++
				if rulesOnly.Classify(r.text, r.area).Sentiment == r.sentiment {
					rulesRight++
				}
				switch {
				case got.Safeguarding && r.safeguarding:
					safe.tp++
				case got.Safeguarding:
					safe.fp++
				case r.safeguarding:
					safe.fn++
				}
				if os.Getenv("ANALYSIS_EVAL_DETAIL") != "" &&
					(strings.Join(got.Areas, ";") != strings.Join(r.areas, ";") || got.Sentiment != r.sentiment || got.Safeguarding != r.safeguarding) {
					misses = append(misses, r.id+" ["+r.area+"] got "+strings.Join(got.Areas, ";")+" "+string(got.Sentiment)+
						" want "+strings.Join(r.areas, ";")+" "+string(r.sentiment)+" | "+r.text+" | "+reasonString(got))
				}
			}
			for _, a := range AreaIDs {
				s := areas[a]
				if s == nil {
					s = &scores{}
				}
				t.Logf("area %-12s P %.3f R %.3f F1 %.3f (tp %d fp %d fn %d)", a, s.precision(), s.recall(), s.f1(), s.tp, s.fp, s.fn)
			}
			am, tm := micro(areas), micro(themes)
			acc := ratio(sentimentRight, len(rows))
			t.Logf("service areas micro P %.3f R %.3f F1 %.3f", am.precision(), am.recall(), am.f1())
			t.Logf("themes micro P %.3f R %.3f F1 %.3f", tm.precision(), tm.recall(), tm.f1())
			t.Logf("sentiment accuracy %.3f (%d/%d); errors %v", acc, sentimentRight, len(rows), confusion)
			t.Logf("sentiment accuracy of the rules alone %.3f (%d/%d)", ratio(rulesRight, len(rows)), rulesRight, len(rows))
			sentiments := []Sentiment{Positive, Negative, Neutral, Mixed}
			t.Logf("sentiment confusion, coded (rows) by classified (columns): %v", sentiments)
			for _, want := range sentiments {
				var counts []int
				for _, got := range sentiments {
					counts = append(counts, matrix[want][got])
				}
				t.Logf("  %-8s %3d", want, counts)
			}
			t.Logf("safeguarding P %.3f R %.3f (tp %d fp %d fn %d)", safe.precision(), safe.recall(), safe.tp, safe.fp, safe.fn)
			if os.Getenv("ANALYSIS_EVAL_DETAIL") != "" {
				ids := make([]string, 0, len(themes))
				for id := range themes {
					ids = append(ids, id)
				}
				sort.Strings(ids)
				for _, id := range ids {
					s := themes[id]
					t.Logf("theme %-18s P %.2f R %.2f F1 %.2f", id, s.precision(), s.recall(), s.f1())
				}
				for _, m := range misses {
					t.Log(m)
				}
			}
			if got := am.f1(); lf.enforceAreas && got < minAreaF1 {
				t.Errorf("service area micro-F1 = %.3f, want at least %.2f", got, minAreaF1)
			}
			if !lf.enforce {
				return
			}
			if acc < minSentiment {
				t.Errorf("sentiment accuracy = %.3f, want at least %.2f", acc, minSentiment)
			}
			if safe.fn > 0 {
				t.Errorf("missed %d safeguarding comments", safe.fn)
			}
		})
	}
}

func reasonString(c Coding) string {
	var b strings.Builder
	for _, r := range c.Reasons {
		b.WriteString(r.Code)
		if r.FromQuestion {
			b.WriteString("(q)")
		}
		b.WriteString("=")
		b.WriteString(strings.Join(r.Terms, ","))
		b.WriteString(" ")
	}
	return b.String()
}
