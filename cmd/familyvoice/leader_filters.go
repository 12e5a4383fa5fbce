package main

import (
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/labstack/echo/v4"
)

// Filters on leaders' pages are GET parameters, so a filtered page is a
// link that can be shared and works without JavaScript:
//
//	?f.child_age=11-15&f.child_age=16-25&f.has_ehcp=yes&version=1
//
// keeps families whose child is 11 to 15 or 16 to 25 (answers to one
// question are alternatives) and who have an EHCP (questions combine),
// among responses to version 1. Only profile questions ("who answered")
// with a fixed list of answers can be filtered on.

// filterPrefix starts the name of every filter parameter.
const filterPrefix = "f."

// Limits on what a filter may ask for, so a crafted address cannot make
// a page do unbounded work.
const (
	maxFilterValues = 100
	maxShownInput   = 40 // runes of a person's input echoed in a message
)

// parseSummaryFilters reads the filters of a leaders' page from the
// query string into summary options: f.QUESTION=VALUE (repeatable) and
// version=N. Values are put in the order of the question's options, so
// the same filter always makes the same cache key. It returns error
// summary lines, linking to the filter form (#filters), for a question
// that is not a filterable profile question, an answer the question does
// not have, or a version that is not a whole number above 0. It does not
// check whether the filtered group is big enough to show: see
// filterRefusal.
func parseSummaryFilters(c echo.Context, def *survey.Definition) (analysis.SummaryOptions, []errorLink) {
	var opts analysis.SummaryOptions
	var errs []errorLink
	params := c.QueryParams()
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	values := 0
	for _, k := range keys {
		if !strings.HasPrefix(k, filterPrefix) {
			continue
		}
		qid := strings.TrimPrefix(k, filterPrefix)
		q := def.Question(qid)
		if q == nil || !q.Profile || !filterable(q) {
			errs = append(errs, errorLink{Href: "#filters", Message: "You cannot filter by “" + shortenLabel(qid, maxShownInput) + "”: choose from the questions listed"})
			continue
		}
		var chosen []string
		for _, v := range params[k] {
			if v = strings.TrimSpace(v); v == "" || slices.Contains(chosen, v) {
				continue
			}
			values++
			if !slices.Contains(filterValues(q), v) {
				errs = append(errs, errorLink{Href: "#filters", Message: "“" + shortenLabel(v, maxShownInput) + "” is not an answer to “" + q.Text + "”"})
				continue
			}
			chosen = append(chosen, v)
		}
		if len(chosen) == 0 {
			continue
		}
		order := filterValues(q)
		slices.SortFunc(chosen, func(a, b string) int { return slices.Index(order, a) - slices.Index(order, b) })
		if opts.Profile == nil {
			opts.Profile = map[string][]string{}
		}
		opts.Profile[qid] = chosen
	}
	if values > maxFilterValues {
		return analysis.SummaryOptions{}, []errorLink{{Href: "#filters", Message: "Choose fewer answers to filter by"}}
	}
	if v := strings.TrimSpace(c.QueryParam("version")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 {
			errs = append(errs, errorLink{Href: "#filters", Message: "Choose a version of the survey from the list"})
		} else {
			opts.Version = n
		}
	}
	return opts, errs
}

// filterable reports whether a question's answers come from a fixed list
// that a filter can offer.
func filterable(q *survey.Question) bool {
	switch q.Type {
	case survey.SingleChoice, survey.MultiChoice, survey.YesNo:
		return true
	case survey.Scale:
		return q.Scale != nil && q.Scale.Max-q.Scale.Min < 20
	}
	return false
}

// filterValues lists the answers a filter on q may take, in order.
func filterValues(q *survey.Question) []string {
	if q.Type == survey.Scale && q.Scale != nil {
		var out []string
		for p := q.Scale.Min; p <= q.Scale.Max; p++ {
			out = append(out, strconv.Itoa(p))
		}
		return out
	}
	return q.ChoiceValues()
}

// filtered reports whether options narrow the responses at all.
func filtered(opts analysis.SummaryOptions) bool { return opts.Version > 0 || len(opts.Profile) > 0 }

// filterQuery is the query string for the filters in opts, with its "?",
// or "" when there are none; links between leaders' pages carry it.
func filterQuery(opts analysis.SummaryOptions) string {
	v := filterValuesOf(opts)
	if len(v) == 0 {
		return ""
	}
	return "?" + v.Encode()
}

func filterValuesOf(opts analysis.SummaryOptions) url.Values {
	v := url.Values{}
	for qid, vals := range opts.Profile {
		v[filterPrefix+qid] = append([]string(nil), vals...)
	}
	if opts.Version > 0 {
		v.Set("version", strconv.Itoa(opts.Version))
	}
	return v
}

// keepsResponse reports whether a response is in the group opts select,
// by the same rule as analysis.Summarise.
func keepsResponse(opts *analysis.SummaryOptions, r *analysis.ResponseData) bool {
	if opts.Version > 0 && r.Version != opts.Version {
		return false
	}
	if !opts.From.IsZero() && r.SubmittedAt.Before(opts.From) || !opts.To.IsZero() && !r.SubmittedAt.Before(opts.To) {
		return false
	}
	for qid, values := range opts.Profile {
		v, ok := r.Answers[qid]
		if !ok || v.IsBlank() || !v.Matches(values) {
			return false
		}
	}
	return true
}

// Refusals: why a filter is not shown.
const (
	refusedSmallGroup  = "small"
	refusedSmallRemain = "remainder"
	refusedSmallStep   = "step"
)

// filterDimension is one part of a filter: the version, or the answers
// accepted to one profile question.
type filterDimension struct {
	qid     string // "" for the version
	version int
	values  []string
	without [][]string // values less each one in turn
}

func (d *filterDimension) matches(r *analysis.ResponseData, values []string) bool {
	if d.qid == "" {
		return r.Version == d.version
	}
	v, ok := r.Answers[d.qid]
	return ok && !v.IsBlank() && v.Matches(values)
}

// filterRefusal says why the group a filter selects must not be shown,
// or "" when it may be. Every count in a view is suppressed below the
// threshold, but a filter is a group of its own, and two views side by
// side can be subtracted: whole survey minus "locality is north" is
// everyone else, and if only three families are not from the north, the
// difference between the two pages is a page about those three. So a
// filter is refused when
//
//   - it selects fewer families than the threshold;
//   - it leaves out fewer than the threshold (but some): the whole
//     minus the group would be that small group;
//   - one step wider (one answer fewer ticked, or one question or the
//     version dropped) differs from it by fewer than the threshold (but
//     some): those two neighbouring filters could be subtracted in the
//     same way.
//
// Pairs of filters further apart could still differ by a few families;
// the counts a filtered page shows are also checked against the
// unfiltered page (see guardSummary), and those further pairs need many
// more steps to find, each of them a shown group of at least the
// threshold.
func filterRefusal(responses []analysis.ResponseData, opts analysis.SummaryOptions) string {
	threshold := opts.SuppressionThreshold
	if threshold <= 0 {
		threshold = defaultThreshold
	}
	var dims []filterDimension
	if opts.Version > 0 {
		dims = append(dims, filterDimension{version: opts.Version})
	}
	qids := make([]string, 0, len(opts.Profile))
	for qid := range opts.Profile {
		qids = append(qids, qid)
	}
	sort.Strings(qids)
	for _, qid := range qids {
		d := filterDimension{qid: qid, values: opts.Profile[qid]}
		if len(d.values) > 1 {
			for i := range d.values {
				d.without = append(d.without, slices.Delete(slices.Clone(d.values), i, i+1))
			}
		}
		dims = append(dims, d)
	}
	if len(dims) == 0 {
		return ""
	}
	inGroup := 0
	wider := make([]int, len(dims))      // matching every dimension but d
	narrower := make([][]int, len(dims)) // in the group, and matching d less one value
	for i := range dims {
		narrower[i] = make([]int, len(dims[i].without))
	}
	missed := make([]bool, len(dims))
	for ri := range responses {
		r := &responses[ri]
		misses, last := 0, -1
		for i := range dims {
			missed[i] = !dims[i].matches(r, dims[i].values)
			if missed[i] {
				misses++
				last = i
				if misses > 1 {
					break
				}
			}
		}
		switch misses {
		case 0:
			inGroup++
			for i := range dims {
				wider[i]++
				for j, vals := range dims[i].without {
					if dims[i].matches(r, vals) {
						narrower[i][j]++
					}
				}
			}
		case 1:
			wider[last]++
		}
	}
	small := func(n int) bool { return n > 0 && n < threshold }
	switch {
	case inGroup < threshold:
		return refusedSmallGroup
	case small(len(responses) - inGroup):
		return refusedSmallRemain
	}
	for i := range dims {
		if small(wider[i] - inGroup) {
			return refusedSmallStep
		}
		for _, n := range narrower[i] {
			if small(inGroup - n) {
				return refusedSmallStep
			}
		}
	}
	return ""
}

// refusalMessage explains a refusal to a leader, without any figure.
func refusalMessage(reason string, threshold int) string {
	n := strconv.Itoa(threshold)
	switch reason {
	case refusedSmallGroup:
		return "Fewer than " + n + " families match this filter. To protect their privacy, we do not show results for groups this small. Choose more answers or fewer questions."
	case refusedSmallRemain:
		return "Almost every family matches this filter: fewer than " + n + " do not. Comparing it with the whole survey would show results for those few families, so we do not show it. Remove a filter or choose fewer answers."
	default:
		return "This filter differs by fewer than " + n + " families from a filter with one answer or question less. Comparing the two would show results for those few families, so we do not show it. Try a wider filter."
	}
}

// defaultThreshold and defaultPercentageBase are the disclosure rules
// when the options leave them unset, as analysis.Summarise applies them.
const (
	defaultThreshold      = 5
	defaultPercentageBase = 10
)

// shownCounts applies suppression to counts made under a filter: a count
// is withheld when it is under the threshold or when it differs by fewer
// than the threshold (but some) from the same count under any of the
// others, the filters one step away (nil on an unfiltered page). When the
// counts partition a total that is shown and only one is withheld, the
// smallest shown one is withheld too, or it could be worked out by
// subtraction.
func shownCounts(counts []int, others [][]int, threshold int, partition bool) []*int {
	out := make([]*int, len(counts))
	hidden := 0
	for i, n := range counts {
		small := n < threshold
		for _, o := range others {
			if i < len(o) && closeBy(n, o[i], threshold) {
				small = true
			}
		}
		if small {
			hidden++
			continue
		}
		out[i] = &counts[i]
	}
	if partition && hidden == 1 {
		hideSmallest(out)
	}
	return out
}

// closeBy reports whether two counts differ, but by fewer than threshold.
func closeBy(a, b, threshold int) bool {
	d := a - b
	if d < 0 {
		d = -d
	}
	return d > 0 && d < threshold
}

// hideSmallest withholds the smallest shown count.
func hideSmallest(counts []*int) {
	smallest := -1
	for i, p := range counts {
		if p != nil && (smallest < 0 || *p < *counts[smallest]) {
			smallest = i
		}
	}
	if smallest >= 0 {
		counts[smallest] = nil
	}
}

// guardSummary returns a copy of sum, a summary made under a filter,
// with every count withheld that differs by fewer than the threshold
// (but some) from the same count in whole, the summary under a filter one
// step away; a leader can open both, and the difference would be a count
// about a few families. sum itself is shared by the cache and is left as
// it is.
func guardSummary(sum, whole *analysis.Summary) *analysis.Summary {
	g := summaryGuard{t: sum.SuppressionThreshold}
	out := *sum
	g.count(&out.Responses, &out.ResponsesSuppressed, whole.Responses)
	g.count(&out.Comments, &out.CommentsSuppressed, whole.Comments)
	g.count(&out.Safeguarding, &out.SafeguardingSuppressed, whole.Safeguarding)
	out.Areas = make([]analysis.AreaSummary, len(sum.Areas))
	for i, a := range sum.Areas {
		wa := whole.Area(a.ID)
		if wa == nil {
			wa = &analysis.AreaSummary{}
		}
		out.Areas[i] = g.area(a, wa)
	}
	out.Profile = g.questions(sum.Profile, whole.Profile)
	out.OtherQuestions = g.questions(sum.OtherQuestions, whole.OtherQuestions)
	return &out
}

type summaryGuard struct{ t int }

// differs reports whether f should be withheld beside u, the same count
// one filter step away.
func (g summaryGuard) differs(f, u *int) bool {
	return f != nil && u != nil && closeBy(*f, *u, g.t)
}

func (g summaryGuard) count(f **int, suppressed *bool, u *int) {
	if g.differs(*f, u) {
		*f, *suppressed = nil, true
	}
}

func (g summaryGuard) area(a analysis.AreaSummary, wa *analysis.AreaSummary) analysis.AreaSummary {
	a.Questions = g.questions(a.Questions, wa.Questions)
	themes := make([]analysis.ThemeSummary, len(a.Themes))
	copy(themes, a.Themes)
	a.Themes = themes
	if g.differs(a.Comments, wa.Comments) {
		// Every comment has one tone, so the tones would add up to the
		// withheld total: the whole area goes.
		a.Comments, a.Suppressed = nil, true
		a.Sentiment = analysis.SentimentCounts{Suppressed: true}
		for i := range a.Themes {
			a.Themes[i].Count, a.Themes[i].Share, a.Themes[i].Suppressed, a.Themes[i].Quotes = nil, nil, true, []string{}
		}
		sortThemes(a.Themes)
		return a
	}
	s, ws := a.Sentiment, wa.Sentiment
	tones := []*int{s.Positive, s.Negative, s.Neutral, s.Mixed}
	whole := []*int{ws.Positive, ws.Negative, ws.Neutral, ws.Mixed}
	hidden, newly := 0, 0
	for i := range tones {
		if g.differs(tones[i], whole[i]) {
			tones[i] = nil
			newly++
		}
		if tones[i] == nil {
			hidden++
		}
	}
	if newly > 0 && hidden == 1 && a.Comments != nil {
		hideSmallest(tones)
	}
	a.Sentiment = analysis.SentimentCounts{Positive: tones[0], Negative: tones[1], Neutral: tones[2], Mixed: tones[3],
		Suppressed: tones[0] == nil || tones[1] == nil || tones[2] == nil || tones[3] == nil}
	for i, t := range a.Themes {
		var u *int
		if wt := wa.Theme(t.ID); wt != nil {
			u = wt.Count
		}
		if g.differs(t.Count, u) {
			a.Themes[i].Count, a.Themes[i].Share, a.Themes[i].Suppressed, a.Themes[i].Quotes = nil, nil, true, []string{}
		}
	}
	sortThemes(a.Themes)
	return a
}

// sortThemes puts shown themes first, largest first, and withheld ones
// after them in taxonomy order, so their place says nothing of their size.
func sortThemes(themes []analysis.ThemeSummary) {
	order := map[string]int{}
	for i, e := range leaderTaxonomy().Themes {
		order[e.ID] = i
	}
	sort.SliceStable(themes, func(i, j int) bool {
		a, b := themes[i], themes[j]
		if (a.Count == nil) != (b.Count == nil) {
			return a.Count != nil
		}
		if a.Count == nil {
			return order[a.ID] < order[b.ID]
		}
		return *a.Count > *b.Count
	})
}

func (g summaryGuard) questions(qs, whole []analysis.QuestionSummary) []analysis.QuestionSummary {
	if qs == nil {
		return nil
	}
	out := make([]analysis.QuestionSummary, len(qs))
	for i, q := range qs {
		var wq *analysis.QuestionSummary
		for j := range whole {
			if whole[j].ID == q.ID {
				wq = &whole[j]
			}
		}
		if wq == nil {
			wq = &analysis.QuestionSummary{}
		}
		out[i] = g.question(q, wq)
	}
	return out
}

func (g summaryGuard) question(q analysis.QuestionSummary, wq *analysis.QuestionSummary) analysis.QuestionSummary {
	if g.differs(q.Answered, wq.Answered) {
		q.Answered, q.Suppressed, q.Options, q.Mean = nil, true, nil, nil
		return q
	}
	opts := make([]analysis.OptionCount, len(q.Options))
	copy(opts, q.Options)
	q.Options = opts
	counts := make([]*int, len(opts))
	hidden, newly := 0, 0
	for i, o := range opts {
		counts[i] = o.Count
		var u *int
		for _, wo := range wq.Options {
			if wo.Value == o.Value {
				u = wo.Count
			}
		}
		if g.differs(o.Count, u) {
			counts[i] = nil
			newly++
		}
		if counts[i] == nil {
			hidden++
		}
	}
	if q.Type != string(survey.MultiChoice) && newly > 0 && hidden == 1 && q.Answered != nil {
		hideSmallest(counts)
	}
	for i := range opts {
		if counts[i] == nil {
			opts[i].Count, opts[i].Share, opts[i].Suppressed = nil, nil, true
		}
	}
	return q
}
