package analysis

import (
	"bufio"
	"fmt"
	"io"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
)

// WriteText writes the summary as a plain report for a terminal or an
// email: area by area, themes in order, quotes under each theme.
// Withheld counts read "fewer than N".
func (s *Summary) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	hidden := "<" + strconv.Itoa(s.SuppressionThreshold)
	n := func(v *int) string {
		if v == nil {
			return hidden
		}
		return groupThousands(*v)
	}
	title := s.Title
	if title == "" {
		title = s.Survey
	}
	p("%s (%s)\n", title, s.Survey)
	p("%s\n", strings.Repeat("=", min(60, len([]rune(title))+len(s.Survey)+3)))
	if s.Version > 0 {
		p("Version %d only\n", s.Version)
	}
	for _, k := range sortedFilterKeys(s.Filters) {
		p("Only responses where %s is %s\n", k, strings.Join(s.Filters[k], " or "))
	}
	p("Responses: %s   Comments: %s   Flagged for safeguarding: %s\n", n(s.Responses), n(s.Comments), n(s.Safeguarding))
	p("Counts under %d are withheld (shown as %s); no percentages on fewer than %d.\n", s.SuppressionThreshold, hidden, s.PercentageBase)
	for _, a := range s.Areas {
		p("\n%s: %s comments\n", a.Label, n(a.Comments))
		if a.Comments == nil && len(a.Questions) == 0 {
			continue
		}
		if a.Comments != nil {
			se := a.Sentiment
			p("  Tone: positive %s, negative %s, mixed %s, neutral %s\n", n(se.Positive), n(se.Negative), n(se.Mixed), n(se.Neutral))
		}
		for i, t := range a.Themes {
			share := ""
			if t.Share != nil {
				share = fmt.Sprintf(" (%s%%)", formatShare(*t.Share))
			}
			p("  %d. %s: %s%s\n", i+1, t.Label, n(t.Count), share)
			for _, q := range t.Quotes {
				p("       \u201c%s\u201d\n", oneLine(q))
			}
		}
		for _, q := range a.Questions {
			writeQuestionText(bw, q, n)
		}
	}
	if len(s.Profile) > 0 {
		p("\nAbout the families who answered\n")
		for _, q := range s.Profile {
			writeQuestionText(bw, q, n)
		}
	}
	if len(s.OtherQuestions) > 0 {
		p("\nOther questions\n")
		for _, q := range s.OtherQuestions {
			writeQuestionText(bw, q, n)
		}
	}
	if len(s.Flagged) > 0 {
		p("\nFor staff: comments flagged for safeguarding follow-up\n")
		for _, f := range s.Flagged {
			p("  [%s] %s: \u201c%s\u201d (%s)\n", f.Reference, f.Question, oneLine(f.Text), strings.Join(f.Reasons, ", "))
		}
	}
	return bw.Flush()
}

func writeQuestionText(w io.Writer, q QuestionSummary, n func(*int) string) {
	mean := ""
	if q.Mean != nil {
		mean = ", mean " + strconv.FormatFloat(*q.Mean, 'f', -1, 64)
	}
	fmt.Fprintf(w, "  Q: %s (answered %s%s)\n", oneLine(q.Text), n(q.Answered), mean)
	for _, o := range q.Options {
		share := ""
		if o.Share != nil {
			share = fmt.Sprintf(" (%s%%)", formatShare(*o.Share))
		}
		fmt.Fprintf(w, "       %s: %s%s\n", o.Label, n(o.Count), share)
	}
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func formatShare(f float64) string { return strconv.FormatFloat(f, 'f', 1, 64) }

func groupThousands(n int) string {
	s := strconv.Itoa(n)
	if n < 0 {
		return "-" + groupThousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func sortedFilterKeys(m map[string][]string) []string { return slices.Sorted(maps.Keys(m)) }

// Comparison sets two rounds of a survey side by side: how each area's
// comments, tone and themes, and each closed question shared by both,
// moved between them. Nothing withheld in either round is given, and no
// change is worked out from a withheld count.
type Comparison struct {
	Previous             string       `json:"previous"`
	Current              string       `json:"current"`
	SuppressionThreshold int          `json:"suppression_threshold"`
	Responses            CountChange  `json:"responses"`
	Areas                []AreaChange `json:"areas"`
	Safeguarding         CountChange  `json:"safeguarding"`
	Notes                []string     `json:"notes,omitempty"`
}

// CountChange is one count in two rounds. Shares are per cent of the
// round's base (an area's comments, or a question's answers) and
// ShareChange is in percentage points.
type CountChange struct {
	Previous      *int     `json:"previous"`
	Current       *int     `json:"current"`
	Change        *int     `json:"change"`
	PreviousShare *float64 `json:"previous_share,omitempty"`
	CurrentShare  *float64 `json:"current_share,omitempty"`
	ShareChange   *float64 `json:"share_change,omitempty"`
	Suppressed    bool     `json:"suppressed"`
}

// AreaChange is one area across two rounds.
type AreaChange struct {
	ID        string           `json:"id"`
	Label     string           `json:"label"`
	Comments  CountChange      `json:"comments"`
	Sentiment SentimentChange  `json:"sentiment"`
	Themes    []ThemeChange    `json:"themes"`
	Questions []QuestionChange `json:"questions"`
}

// SentimentChange is an area's tone across two rounds.
type SentimentChange struct {
	Positive CountChange `json:"positive"`
	Negative CountChange `json:"negative"`
	Neutral  CountChange `json:"neutral"`
	Mixed    CountChange `json:"mixed"`
}

// ThemeChange is one theme of an area across two rounds.
type ThemeChange struct {
	ID    string `json:"id"`
	Label string `json:"label"`
	CountChange
}

// QuestionChange is a closed question asked in both rounds.
type QuestionChange struct {
	ID         string         `json:"id"`
	Text       string         `json:"text"`
	Answered   CountChange    `json:"answered"`
	Options    []OptionChange `json:"options,omitempty"`
	MeanChange *float64       `json:"mean_change,omitempty"`
}

// OptionChange is one option of a closed question across two rounds.
type OptionChange struct {
	Value string `json:"value"`
	Label string `json:"label"`
	CountChange
}

// Compare sets an earlier summary beside a later one. Both should come
// from surveys that share question ids (two rounds of the same survey);
// questions only one round asked are left out. The stricter of the two
// suppression thresholds applies.
func Compare(prev, cur *Summary) *Comparison {
	threshold := max(prev.SuppressionThreshold, cur.SuppressionThreshold)
	base := max(prev.PercentageBase, cur.PercentageBase)
	ch := func(a, b *int, baseA, baseB *int, shareA, shareB *float64) CountChange {
		return countChange(a, b, baseA, baseB, shareA, shareB, threshold, base)
	}
	cmp := &Comparison{
		Previous:             prev.Survey,
		Current:              cur.Survey,
		SuppressionThreshold: threshold,
		Responses:            ch(prev.Responses, cur.Responses, nil, nil, nil, nil),
		Safeguarding:         ch(prev.Safeguarding, cur.Safeguarding, nil, nil, nil, nil),
	}
	if prev.Version != cur.Version || !sameFilters(prev.Filters, cur.Filters) {
		cmp.Notes = append(cmp.Notes, "the two summaries were made with different filters")
	}
	for _, ca := range cur.Areas {
		pa := prev.Area(ca.ID)
		if pa == nil {
			pa = &AreaSummary{ID: ca.ID}
		}
		ac := AreaChange{ID: ca.ID, Label: ca.Label, Themes: []ThemeChange{}, Questions: []QuestionChange{}}
		ac.Comments = ch(pa.Comments, ca.Comments, nil, nil, nil, nil)
		ps, cs := pa.Sentiment, ca.Sentiment
		ac.Sentiment = SentimentChange{
			Positive: ch(ps.Positive, cs.Positive, pa.Comments, ca.Comments, nil, nil),
			Negative: ch(ps.Negative, cs.Negative, pa.Comments, ca.Comments, nil, nil),
			Neutral:  ch(ps.Neutral, cs.Neutral, pa.Comments, ca.Comments, nil, nil),
			Mixed:    ch(ps.Mixed, cs.Mixed, pa.Comments, ca.Comments, nil, nil),
		}
		seen := map[string]bool{}
		addTheme := func(id, label string) {
			if seen[id] {
				return
			}
			seen[id] = true
			var pc, cc *int
			var psh, csh *float64
			if t := pa.Theme(id); t != nil {
				pc, psh = t.Count, t.Share
			} else if pa.Comments != nil {
				zero := 0
				pc = &zero
			}
			if t := ca.Theme(id); t != nil {
				cc, csh = t.Count, t.Share
			} else if ca.Comments != nil {
				zero := 0
				cc = &zero
			}
			ac.Themes = append(ac.Themes, ThemeChange{ID: id, Label: label, CountChange: ch(pc, cc, pa.Comments, ca.Comments, psh, csh)})
		}
		for _, t := range ca.Themes {
			addTheme(t.ID, t.Label)
		}
		for _, t := range pa.Themes {
			addTheme(t.ID, t.Label)
		}
		for _, cq := range ca.Questions {
			for _, pq := range pa.Questions {
				if pq.ID == cq.ID {
					ac.Questions = append(ac.Questions, compareQuestion(pq, cq, ch))
				}
			}
		}
		cmp.Areas = append(cmp.Areas, ac)
	}
	return cmp
}

func compareQuestion(pq, cq QuestionSummary, ch func(a, b, baseA, baseB *int, shareA, shareB *float64) CountChange) QuestionChange {
	qc := QuestionChange{ID: cq.ID, Text: cq.Text, Answered: ch(pq.Answered, cq.Answered, nil, nil, nil, nil)}
	for _, co := range cq.Options {
		for _, po := range pq.Options {
			if po.Value == co.Value {
				qc.Options = append(qc.Options, OptionChange{Value: co.Value, Label: co.Label,
					CountChange: ch(po.Count, co.Count, pq.Answered, cq.Answered, po.Share, co.Share)})
			}
		}
	}
	if pq.Mean != nil && cq.Mean != nil {
		d := math.Round((*cq.Mean-*pq.Mean)*100) / 100
		qc.MeanChange = &d
	}
	return qc
}

// countChange compares two counts under the stricter rules. A share is
// taken from the summary where it was given, or worked out from a shown
// count and a shown base of at least the percentage base.
func countChange(a, b, baseA, baseB *int, shareA, shareB *float64, threshold, pbase int) CountChange {
	shown := func(v *int) *int {
		if v == nil || *v < threshold {
			return nil
		}
		return v
	}
	c := CountChange{Previous: shown(a), Current: shown(b)}
	c.Suppressed = c.Previous == nil || c.Current == nil
	if !c.Suppressed {
		d := *c.Current - *c.Previous
		c.Change = &d
	}
	share := func(v, base *int, given *float64) *float64 {
		if v == nil || base == nil || *base < pbase || *base == 0 {
			return nil
		}
		if given != nil {
			return given
		}
		p := math.Round(float64(*v)*1000/float64(*base)) / 10
		return &p
	}
	c.PreviousShare = share(c.Previous, baseA, shareA)
	c.CurrentShare = share(c.Current, baseB, shareB)
	if c.PreviousShare != nil && c.CurrentShare != nil {
		d := math.Round((*c.CurrentShare-*c.PreviousShare)*10) / 10
		c.ShareChange = &d
	}
	return c
}

func sameFilters(a, b map[string][]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, va := range a {
		vb, ok := b[k]
		if !ok || strings.Join(va, "\x00") != strings.Join(vb, "\x00") {
			return false
		}
	}
	return true
}

// WriteText writes the comparison as a plain report: each area's
// comments and themes, earlier round first, with the change.
func (c *Comparison) WriteText(w io.Writer) error {
	bw := bufio.NewWriter(w)
	p := func(format string, args ...any) { fmt.Fprintf(bw, format, args...) }
	hidden := "<" + strconv.Itoa(c.SuppressionThreshold)
	line := func(label string, ch CountChange) {
		n := func(v *int) string {
			if v == nil {
				return hidden
			}
			return groupThousands(*v)
		}
		change := "change withheld"
		if ch.Change != nil {
			change = fmt.Sprintf("%+d", *ch.Change)
		}
		share := ""
		if ch.ShareChange != nil {
			share = fmt.Sprintf(", %s%% to %s%% (%+.1f points)", formatShare(*ch.PreviousShare), formatShare(*ch.CurrentShare), *ch.ShareChange)
		}
		p("%s: %s to %s (%s%s)\n", label, n(ch.Previous), n(ch.Current), change, share)
	}
	p("Comparing %s with %s\n", c.Previous, c.Current)
	for _, note := range c.Notes {
		p("Note: %s\n", note)
	}
	line("Responses", c.Responses)
	line("Flagged for safeguarding", c.Safeguarding)
	for _, a := range c.Areas {
		p("\n")
		line(a.Label+" comments", a.Comments)
		line("  positive", a.Sentiment.Positive)
		line("  negative", a.Sentiment.Negative)
		for _, t := range a.Themes {
			line("  "+t.Label, t.CountChange)
		}
		for _, q := range a.Questions {
			line("  Q: "+oneLine(q.Text)+" answered", q.Answered)
			for _, o := range q.Options {
				line("     "+o.Label, o.CountChange)
			}
		}
	}
	return bw.Flush()
}
