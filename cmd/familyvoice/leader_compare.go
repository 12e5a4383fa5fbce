package main

import (
	"context"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/labstack/echo/v4"
)

// Comparing rounds: two surveys that share question ids (a survey and its
// copy for next year, see the designer's "Copy as a new round") side by
// side, area by area. Counts withheld in either round stay withheld, and
// a change is called meaningful only when a test at the 5% level says so:
// a two-proportion z-test for shares and Welch's t-test for averages
// (leader_stats.go), and neither when a base is under the percentage
// base.

// compareCandidate is another survey that can be compared with this one.
type compareCandidate struct {
	Slug, Title string
	Shared      int // question ids in common
	Selected    bool
}

// compareCandidates lists the surveys that share at least half the
// questions of the smaller of the two with this one, most alike first.
func (a *App) compareCandidates(ctx context.Context, ls *leaderSurvey) ([]compareCandidate, error) {
	slugs, err := a.db.SurveySlugs(ctx)
	if err != nil {
		return nil, err
	}
	mine := map[string]bool{}
	for _, q := range ls.Def.Questions() {
		mine[q.ID] = true
	}
	var out []compareCandidate
	for _, slug := range slugs {
		if slug == ls.Info.Slug {
			continue
		}
		v, err := a.db.PublishedVersion(ctx, slug)
		if survey.ErrorCode(err) == survey.ENotFound {
			continue // never published: nothing to compare
		}
		if err != nil {
			return nil, err
		}
		qs := v.Definition.Questions()
		shared := 0
		for _, q := range qs {
			if mine[q.ID] {
				shared++
			}
		}
		if shared > 0 && shared*2 >= min(len(qs), len(mine)) {
			out = append(out, compareCandidate{Slug: slug, Title: v.Definition.Title, Shared: shared})
		}
	}
	slices.SortStableFunc(out, func(x, y compareCandidate) int {
		if rx, ry := sameSeries(ls.Info.Slug, x.Slug), sameSeries(ls.Info.Slug, y.Slug); rx != ry {
			if rx {
				return -1
			}
			return 1
		}
		return y.Shared - x.Shared
	})
	return out, nil
}

// sameSeries reports whether one slug is the other with a suffix, as
// send-local-area-2025 is to send-local-area: the usual names of rounds.
func sameSeries(a, b string) bool {
	return strings.HasPrefix(b, a+"-") || strings.HasPrefix(a, b+"-")
}

// defaultCandidate is the round compared with when none is chosen: one
// named like this survey with a suffix, else the most alike, or nil.
func (a *App) defaultCandidate(ctx context.Context, ls *leaderSurvey) (*compareCandidate, error) {
	cs, err := a.compareCandidates(ctx, ls)
	if err != nil || len(cs) == 0 {
		return nil, err
	}
	return &cs[0], nil
}

// comparePageData is the compare page.
type comparePageData struct {
	leaderView
	Candidates []compareCandidate
	With       string
	Previous   roundView
	Current    roundView
	Responses  changeTable
	Glance     []changeTable // the tone of each area, at a glance
	Areas      []areaChangeView
	Who        []changeTable
	Other      []changeTable
	Notes      []string
}

type roundView struct {
	Slug, Title, URL, Period string
}

// changeRow is one figure in two rounds and what the change means.
type changeRow struct {
	Label        string
	Previous     string
	Current      string
	Change       string
	Verdict      string
	VerdictClass string
}

// changeTable is a table of changes: a count, the parts of an area's
// comments, or a question's answers.
type changeTable struct {
	Caption, Head string
	Rows          []changeRow
}

type areaChangeView struct {
	ID, Label, URL string
	Comments       changeTable
	Tone           changeTable
	Themes         changeTable
	Questions      []changeTable
}

// Verdicts on a change.
const (
	verdictRise     = "Meaningful rise"
	verdictFall     = "Meaningful fall"
	verdictNone     = "No clear change"
	verdictTooFew   = "Too few to tell"
	verdictWithheld = "Withheld"
)

var verdictClass = map[string]string{
	verdictRise: "tag--blue", verdictFall: "tag--blue", verdictNone: "tag--grey", verdictTooFew: "tag--grey", verdictWithheld: "tag--grey",
}

func (a *App) leaderCompare(c echo.Context) error {
	ctx := c.Request().Context()
	ls, err := a.loadLeaderSurvey(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	action := compareURL(ls.Info.Slug)
	d := comparePageData{leaderView: newLeaderView(ls, analysis.SummaryOptions{}, action)}
	d.Candidates, err = a.compareCandidates(ctx, ls)
	if err != nil {
		return err
	}
	title := "Compare rounds: " + ls.Def.Title
	d.With = strings.TrimSpace(c.QueryParam("with"))
	if d.With == "" && len(d.Candidates) > 0 {
		d.With = d.Candidates[0].Slug
	}
	if d.With == "" {
		return a.page(c, http.StatusOK, "leader_compare", &view{Title: title, Data: d})
	}
	i := slices.IndexFunc(d.Candidates, func(cc compareCandidate) bool { return cc.Slug == d.With })
	if i < 0 {
		if _, err := a.db.FindSurveyBySlug(ctx, d.With); err != nil {
			return err
		}
		d.With = ""
		return a.page(c, http.StatusUnprocessableEntity, "leader_compare", &view{Title: title, Data: d,
			Errors: []errorLink{{Href: "#with", Message: "That survey does not share enough questions with this one to compare: choose a survey from the list"}}})
	}
	d.Candidates[i].Selected = true
	other, err := a.loadLeaderSurvey(ctx, d.With)
	if err != nil {
		return err
	}
	prev, cur := other, ls
	if lastResponse(ls.Responses).Before(lastResponse(other.Responses)) {
		prev, cur = ls, other
	}
	prevSum, err := a.leaderSummary(ctx, prev, analysis.SummaryOptions{})
	if err != nil {
		return err
	}
	curSum, err := a.leaderSummary(ctx, cur, analysis.SummaryOptions{})
	if err != nil {
		return err
	}
	d.Previous = roundView{Slug: prev.Info.Slug, Title: prev.Def.Title, URL: summaryURL(prev.Info.Slug), Period: responsePeriod(prev.Responses)}
	d.Current = roundView{Slug: cur.Info.Slug, Title: cur.Def.Title, URL: summaryURL(cur.Info.Slug), Period: responsePeriod(cur.Responses)}
	cmp := analysis.Compare(prevSum, curSum)
	t := cmp.SuppressionThreshold
	stats := func(s *leaderSurvey, qid string) sampleStats {
		return a.questionStats(s, qid)
	}
	cq := comparer{t: t, base: max(prevSum.PercentageBase, curSum.PercentageBase), prev: prev, cur: cur, stats: stats}
	d.Responses = changeTable{Caption: "Responses in each round", Rows: []changeRow{cq.count("Responses", cmp.Responses)}}
	positive := changeTable{Caption: "Share of each area's comments that are positive", Head: "Service area"}
	negative := changeTable{Caption: "Share of each area's comments that are negative", Head: "Service area"}
	for _, ac := range cmp.Areas {
		positive.Rows = append(positive.Rows, cq.share(ac.Label, ac.Sentiment.Positive, ac.Comments))
		negative.Rows = append(negative.Rows, cq.share(ac.Label, ac.Sentiment.Negative, ac.Comments))
	}
	d.Glance = []changeTable{positive, negative}
	for _, ac := range cmp.Areas {
		av := areaChangeView{ID: ac.ID, Label: ac.Label, URL: areaURL(cur.Info.Slug, ac.ID),
			Comments: changeTable{Caption: "Comments about " + ac.Label, Rows: []changeRow{cq.count("Comments", ac.Comments)}},
			Tone:     changeTable{Caption: "Tone of comments about " + ac.Label + ", as a share of them", Head: "Tone"},
			Themes:   changeTable{Caption: "Themes in comments about " + ac.Label + ", as a share of them", Head: "Theme"}}
		tones := map[analysis.Sentiment]analysis.CountChange{analysis.Positive: ac.Sentiment.Positive, analysis.Negative: ac.Sentiment.Negative,
			analysis.Mixed: ac.Sentiment.Mixed, analysis.Neutral: ac.Sentiment.Neutral}
		for _, k := range sentimentKeys {
			av.Tone.Rows = append(av.Tone.Rows, cq.share(sentimentLabels[k], tones[k], ac.Comments))
		}
		for _, th := range ac.Themes {
			av.Themes.Rows = append(av.Themes.Rows, cq.share(th.Label, th.CountChange, ac.Comments))
		}
		av.Questions = cq.questions(ac.Questions, prevSum, curSum)
		d.Areas = append(d.Areas, av)
	}
	// Compare works area by area; the questions that belong to no area
	// are compared by putting them in an area of their own.
	group := func(p, c []analysis.QuestionSummary) []changeTable {
		pa := &analysis.Summary{SuppressionThreshold: prevSum.SuppressionThreshold, PercentageBase: prevSum.PercentageBase, Areas: []analysis.AreaSummary{{ID: "x", Questions: p}}}
		ca := &analysis.Summary{SuppressionThreshold: curSum.SuppressionThreshold, PercentageBase: curSum.PercentageBase, Areas: []analysis.AreaSummary{{ID: "x", Questions: c}}}
		return cq.questions(analysis.Compare(pa, ca).Areas[0].Questions, pa, ca)
	}
	d.Who = group(prevSum.Profile, curSum.Profile)
	d.Other = group(prevSum.OtherQuestions, curSum.OtherQuestions)
	d.Notes = cmp.Notes
	return a.page(c, http.StatusOK, "leader_compare", &view{Title: title, Data: d})
}

// lastResponse is when the newest response came in, or the zero time.
func lastResponse(responses []analysis.ResponseData) time.Time {
	var last time.Time
	for i := range responses {
		if t := responses[i].SubmittedAt; t.After(last) {
			last = t
		}
	}
	return last
}

// questionStats are the count, mean and variance of the answers to a
// scale or number question, remembered until a response arrives.
func (a *App) questionStats(ls *leaderSurvey, qid string) sampleStats {
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	return remember(lc, "stats|"+qid, len(ls.Responses), func() sampleStats {
		var s sampleStats
		for i := range ls.Responses {
			v, ok := ls.Responses[i].Answers[qid]
			if ok && !v.IsBlank() && (v.Type == survey.Scale || v.Type == survey.Number) {
				s.add(v.Number)
			}
		}
		s.finish()
		return s
	})
}

// comparer turns analysis.Comparison figures into rows with verdicts.
type comparer struct {
	t, base   int
	prev, cur *leaderSurvey
	stats     func(*leaderSurvey, string) sampleStats
}

// count is a plain count in two rounds: no test, as the rounds' sizes
// differ for reasons that are not change.
func (cq comparer) count(label string, ch analysis.CountChange) changeRow {
	r := changeRow{Label: label, Previous: countText(ch.Previous, cq.t), Current: countText(ch.Current, cq.t)}
	if ch.Change != nil {
		r.Change = fmt.Sprintf("%+d", *ch.Change)
	}
	return r
}

// share is a count as a share of a base in two rounds, tested with a
// two-proportion z-test.
func (cq comparer) share(label string, ch analysis.CountChange, base analysis.CountChange) changeRow {
	r := changeRow{Label: label, Previous: figureText(ch.Previous, ch.PreviousShare, cq.t), Current: figureText(ch.Current, ch.CurrentShare, cq.t)}
	if ch.ShareChange != nil {
		r.Change = fmt.Sprintf("%+.1f points", *ch.ShareChange)
	}
	switch {
	case ch.Suppressed || base.Previous == nil || base.Current == nil:
		r.Verdict = verdictWithheld
	case *base.Previous < cq.base || *base.Current < cq.base:
		r.Verdict = verdictTooFew
	default:
		_, p, ok := twoProportionTest(*ch.Previous, *base.Previous, *ch.Current, *base.Current)
		r.Verdict = verdictNone
		if ok && p < significance {
			r.Verdict = verdictRise
			if float64(*ch.Current)/float64(*base.Current) < float64(*ch.Previous)/float64(*base.Previous) {
				r.Verdict = verdictFall
			}
		}
	}
	r.VerdictClass = verdictClass[r.Verdict]
	return r
}

// questions makes a table per question: how many answered, each
// answer's share, and the average of a scale or number.
func (cq comparer) questions(qs []analysis.QuestionChange, prevSum, curSum *analysis.Summary) []changeTable {
	var out []changeTable
	for _, q := range qs {
		t := changeTable{Caption: q.Text, Head: "Answer", Rows: []changeRow{cq.count("Families who answered", q.Answered)}}
		sq := cq.cur.Def.Question(q.ID)
		for _, o := range q.Options {
			label := o.Label
			if sq != nil {
				label = optionLabel(sq, o.Value)
			}
			t.Rows = append(t.Rows, cq.share(label, o.CountChange, q.Answered))
		}
		if pm, cm := questionMean(prevSum, q.ID), questionMean(curSum, q.ID); pm != nil || cm != nil {
			t.Rows = append(t.Rows, cq.mean(q.ID, pm, cm))
		}
		out = append(out, t)
	}
	return out
}

// mean compares the averages of a scale or number question with Welch's
// t-test, on the answers themselves.
func (cq comparer) mean(qid string, pm, cm *float64) changeRow {
	r := changeRow{Label: "Average", Previous: meanText(pm, cq.t), Current: meanText(cm, cq.t)}
	if pm == nil || cm == nil {
		r.Verdict, r.VerdictClass = verdictWithheld, verdictClass[verdictWithheld]
		return r
	}
	r.Change = fmt.Sprintf("%+.2f", math.Round((*cm-*pm)*100)/100)
	a, b := cq.stats(cq.prev, qid), cq.stats(cq.cur, qid)
	switch _, _, p, ok := welchTest(a, b); {
	case a.N < cq.base || b.N < cq.base:
		r.Verdict = verdictTooFew
	case ok && p < significance && b.Mean > a.Mean:
		r.Verdict = verdictRise
	case ok && p < significance:
		r.Verdict = verdictFall
	default:
		r.Verdict = verdictNone
	}
	r.VerdictClass = verdictClass[r.Verdict]
	return r
}

func meanText(m *float64, threshold int) string {
	if m == nil {
		return withheldText(threshold)
	}
	return strconv.FormatFloat(*m, 'f', 2, 64)
}

// questionMean finds the mean of a question anywhere in a summary.
func questionMean(s *analysis.Summary, qid string) *float64 {
	for _, a := range s.Areas {
		for _, q := range a.Questions {
			if q.ID == qid {
				return q.Mean
			}
		}
	}
	for _, list := range [][]analysis.QuestionSummary{s.Profile, s.OtherQuestions} {
		for _, q := range list {
			if q.ID == qid {
				return q.Mean
			}
		}
	}
	return nil
}

// figureText is a count with its share: "120 (34.5%)".
func figureText(p *int, share *float64, threshold int) string {
	s := countText(p, threshold)
	if share != nil {
		s += " (" + shareText(share) + ")"
	}
	return s
}
