package main

import (
	"context"
	"html/template"
	"math"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// What leaders see: council SEND leads, NHS commissioners, forum chairs
// and inspectors read what families said, area by area, in minutes. The
// overview gives responses over time, who answered and a card per service
// area; an area page ranks its themes, charts its closed questions and
// lists every comment, redacted, with the reasons for its coding; a theme
// page follows one theme across the areas; compare sets two rounds side
// by side and says which changes the numbers can support.
//
// Everything shown obeys the disclosure rules: counts under the
// threshold are withheld, a filter that would pick out a small group is
// refused with 422 (see filterRefusal), and a filtered page withholds any
// count that differs by a few from the same count one filter step away
// (see guardSummary and shownCounts). Comments are always shown through
// analysis.Redact, and never listed for a group under the threshold.
// Summaries come from the insights cache and comments from its comment
// index, so a page answers from memory however many responses there are.
//
// Helpers for other pages about results (exports, the printable report,
// the public results page) to reuse:
//
//	(a *App) loadLeaderSurvey(ctx, slug string) (*leaderSurvey, error)
//	    the survey, its newest published definition and every response,
//	    from the insights cache.
//	parseSummaryFilters(c echo.Context, def *survey.Definition) (analysis.SummaryOptions, []errorLink)
//	    reads ?f.QUESTION=VALUE&version=N into summary options, with error
//	    summary lines (linking to #filters) for anything not allowed.
//	filterRefusal(responses []analysis.ResponseData, opts analysis.SummaryOptions) string
//	    "" when the filtered group may be shown, else a reason to give to
//	    refusalMessage(reason, threshold int) string.
//	(a *App) checkFilters(c, ls, opts, errs, action, heading string) (bool, error)
//	    both of the above, rendering the 422 refusal page when needed.
//	(a *App) filteredSummary(c, ls, action, heading string) (opts, *analysis.Summary, bool, error)
//	    parseSummaryFilters, checkFilters and leaderSummary in turn.
//	filterQuery(opts analysis.SummaryOptions) string
//	    the "?f.…" query string of a filter, for links; filtered(opts) bool.
//	keepsResponse(opts *analysis.SummaryOptions, r *analysis.ResponseData) bool
//	    whether a response is in the filtered group, as Summarise decides.
//	(a *App) leaderSummary(ctx, ls *leaderSurvey, opts) (*analysis.Summary, error)
//	    the cached summary, coded with staff corrections and the learned
//	    model, with the one-step-away guard applied.
//	guardSummary(sum, other *analysis.Summary) *analysis.Summary
//	shownCounts(counts []int, others [][]int, threshold int, partition bool) []*int
//	    suppression for counts a page works out for itself.
//	barChart(title string, bars []chartBar) template.HTML
//	columnChart(title string, bars []chartBar, first, last, unit string) template.HTML
//	stackedBar(title string, total float64, segs []chartSegment) template.HTML
//	    inline SVG charts (charts.go).
//	questionChart(q analysis.QuestionSummary, def *survey.Definition, threshold int) questionResult
//	    a closed question's chart, figures table and mean, ready for the
//	    "leader-question" template (leader_partials.html).
//	toneChart(title string, s analysis.SentimentCounts, total int, sum *analysis.Summary) (template.HTML, figureTable)
//	countText(p *int, threshold int) string, shareText(p *float64) string,
//	formatCount(n int) string, formatShare(f float64) string
//	twoProportionTest(x1, n1, x2, n2 int) (z, p float64, ok bool)
//	welchTest(a, b sampleStats) (t, df, p float64, ok bool)
//	    the tests behind "meaningful change" (leader_stats.go).
//
// The templates in leader_partials.html are shared by every page:
// "leader-filters" (the filter form), "leader-figures" (a table beside a
// chart), "leader-question", "leader-coding" (one comment's coding, its
// reasons and where it came from) and "leader-comments" (a searchable,
// paged list of comments).

// leaderRoutes registers the pages leaders read. Designers build surveys
// but do not read what families wrote, so these are for leaders (and
// admins) only.
func (a *App) leaderRoutes(e *echo.Echo, only func(...staff.Role) []echo.MiddlewareFunc) {
	leaders := only(staff.Leader)
	s := "/admin/surveys/:slug"
	e.GET(s+"/summary", a.leaderOverview, leaders...)
	e.GET(s+"/areas/:area", a.leaderArea, leaders...)
	e.GET(s+"/themes/:theme", a.leaderTheme, leaders...)
	e.GET(s+"/compare", a.leaderCompare, leaders...)
}

func summaryURL(slug string) string { return "/admin/surveys/" + slug + "/summary" }

func areaURL(slug, area string) string { return "/admin/surveys/" + slug + "/areas/" + area }

func themeURL(slug, theme string) string { return "/admin/surveys/" + slug + "/themes/" + theme }

func compareURL(slug string) string { return "/admin/surveys/" + slug + "/compare" }

var (
	leaderOnce     sync.Once
	leaderTax      *analysis.Taxonomy
	leaderThemeIdx map[string]int
)

// leaderClassifier codes comments for leaders' pages: the rules of the
// default taxonomy, as the summaries use.
func leaderClassifier() *analysis.Classifier { return analysis.DefaultClassifier() }

// leaderTaxonomy is the taxonomy of leaderClassifier, read once.
func leaderTaxonomy() *analysis.Taxonomy {
	leaderOnce.Do(func() {
		leaderTax = leaderClassifier().Taxonomy()
		leaderThemeIdx = map[string]int{}
		for i, t := range leaderTax.Themes {
			leaderThemeIdx[t.ID] = i
		}
	})
	return leaderTax
}

// themeIndex is the place of a theme in leaderTaxonomy, or -1.
func leaderThemeIndex(id string) int {
	leaderTaxonomy()
	if i, ok := leaderThemeIdx[id]; ok {
		return i
	}
	return -1
}

func leaderAreaLabel(id string) string {
	if e := leaderTaxonomy().Area(id); e != nil {
		return e.Label
	}
	return id
}

func leaderThemeLabel(id string) string {
	if e := leaderTaxonomy().Theme(id); e != nil {
		return e.Label
	}
	return id
}

// leaderSurvey is a survey as leaders' pages read it: the newest
// published definition (or the draft, before any is published) and every
// response, from the insights cache.
type leaderSurvey struct {
	Info      sqlite.SurveyInfo
	Def       *survey.Definition
	DefKey    string
	Responses []analysis.ResponseData
}

func (a *App) loadLeaderSurvey(ctx context.Context, slug string) (*leaderSurvey, error) {
	si, err := a.db.SurveyBySlugUncounted(ctx, slug)
	if err != nil {
		return nil, err
	}
	v, err := a.db.PublishedVersion(ctx, slug)
	if survey.ErrorCode(err) == survey.ENotFound {
		v, err = a.db.LatestVersion(ctx, slug)
	}
	if err != nil {
		return nil, err
	}
	responses, err := a.insights.Responses(ctx, si.ID)
	if err != nil {
		return nil, err
	}
	si.Responses = len(responses)
	return &leaderSurvey{Info: si, Def: v.Definition, DefKey: definitionKey(v.Definition), Responses: responses}, nil
}

// leaderOptions completes a page's filters with the rules leaders' pages
// use: the default classifier, threshold and percentage base.
func leaderOptions(opts analysis.SummaryOptions) analysis.SummaryOptions {
	opts.SuppressionThreshold = defaultThreshold
	opts.PercentageBase = defaultPercentageBase
	opts.IncludeFlagged = false
	return opts
}

// neighbourFilters are the filters one step from opts: each with one
// part (the version, or one question) dropped, and each with one of a
// question's several answers dropped. A filtered page withholds any count
// that differs by a few from the same count under one of them.
func neighbourFilters(opts analysis.SummaryOptions) []analysis.SummaryOptions {
	if !filtered(opts) {
		return nil
	}
	var out []analysis.SummaryOptions
	if opts.Version > 0 {
		n := opts
		n.Version = 0
		out = append(out, n)
	}
	for _, qid := range sortedFilterKeys(opts.Profile) {
		n := opts
		n.Profile = profileWithout(opts.Profile, qid)
		out = append(out, n)
		if vals := opts.Profile[qid]; len(vals) > 1 {
			for i := range vals {
				m := opts
				m.Profile = profileWithout(opts.Profile, "")
				m.Profile[qid] = slices.Delete(slices.Clone(vals), i, i+1)
				out = append(out, m)
			}
		}
	}
	return out
}

func sortedFilterKeys(m map[string][]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
}

// withoutKey copies a profile filter without one question ("" keeps all).
func profileWithout(m map[string][]string, drop string) map[string][]string {
	out := map[string][]string{}
	for k, v := range m {
		if k != drop {
			out[k] = v
		}
	}
	if len(out) == 0 && drop != "" {
		return nil
	}
	return out
}

// leaderSummary returns the summary of the survey under opts, from the
// cache, coded with staff corrections and the learned model in front of
// the rules, and with every count withheld that differs by a few from the
// same count one filter step away.
func (a *App) leaderSummary(ctx context.Context, ls *leaderSurvey, opts analysis.SummaryOptions) (*analysis.Summary, error) {
	base, err := a.summaryOptions(ctx, ls.Info.ID)
	if err != nil {
		return nil, err
	}
	opts = leaderOptions(opts)
	opts.Classifier, opts.Override = base.Classifier, base.Override
	sum, err := a.insights.Summary(ctx, ls.Def, ls.Info.ID, opts)
	if err != nil {
		return nil, err
	}
	for _, n := range neighbourFilters(opts) {
		other, err := a.insights.Summary(ctx, ls.Def, ls.Info.ID, n)
		if err != nil {
			return nil, err
		}
		sum = guardSummary(sum, other)
	}
	return sum, nil
}

// leaderView is what every leader's page shows around its content.
type leaderView struct {
	Slug, Title    string
	Query          string // the filter's query string, with its "?"
	OverviewURL    string
	CompareURL     string
	Filters        filterForm
	Threshold      int
	PercentageBase int
	Hidden         string // how a withheld count reads
}

func newLeaderView(ls *leaderSurvey, opts analysis.SummaryOptions, action string) leaderView {
	q := filterQuery(opts)
	return leaderView{
		Slug: ls.Info.Slug, Title: ls.Def.Title, Query: q,
		OverviewURL: summaryURL(ls.Info.Slug) + q, CompareURL: compareURL(ls.Info.Slug),
		Filters:   newFilterForm(ls, opts, action),
		Threshold: defaultThreshold, PercentageBase: defaultPercentageBase,
		Hidden: withheldText(defaultThreshold),
	}
}

// filterForm is the no-JavaScript filter form: a checkbox per answer of
// each profile question, and the versions when there are several.
type filterForm struct {
	Action      string
	Questions   []filterQuestion
	Versions    []filterChoice
	Active      bool
	Description []string
}

type filterQuestion struct {
	ID, Text string
	Options  []filterChoice
}

type filterChoice struct {
	ID, Name, Value, Label string
	Checked                bool
}

func newFilterForm(ls *leaderSurvey, opts analysis.SummaryOptions, action string) filterForm {
	f := filterForm{Action: action, Active: filtered(opts)}
	for qi, q := range ls.Def.Questions() {
		if !q.Profile || !filterable(q) {
			continue
		}
		fq := filterQuestion{ID: q.ID, Text: q.Text}
		var chosen []string
		for i, v := range filterValues(q) {
			checked := slices.Contains(opts.Profile[q.ID], v)
			label := optionLabel(q, v)
			if checked {
				chosen = append(chosen, label)
			}
			fq.Options = append(fq.Options, filterChoice{ID: "f-" + strconv.Itoa(qi) + "-" + strconv.Itoa(i),
				Name: filterPrefix + q.ID, Value: v, Label: label, Checked: checked})
		}
		if len(chosen) > 0 {
			f.Description = append(f.Description, q.Text+": "+strings.Join(chosen, " or "))
		}
		f.Questions = append(f.Questions, fq)
	}
	versions := responseVersions(ls.Responses)
	if len(versions) > 1 || opts.Version > 0 {
		f.Versions = append(f.Versions, filterChoice{ID: "version-all", Name: "version", Value: "", Label: "All versions", Checked: opts.Version == 0})
		for _, v := range versions {
			s := strconv.Itoa(v)
			f.Versions = append(f.Versions, filterChoice{ID: "version-" + s, Name: "version", Value: s, Label: "Version " + s, Checked: opts.Version == v})
		}
	}
	if opts.Version > 0 {
		f.Description = append(f.Description, "Answers to version "+strconv.Itoa(opts.Version)+" only")
	}
	return f
}

// optionLabel is how an answer reads, with a scale's end labels.
func optionLabel(q *survey.Question, v string) string {
	if q.Type == survey.Scale && q.Scale != nil {
		switch v {
		case strconv.Itoa(q.Scale.Min):
			if q.Scale.MinLabel != "" {
				return v + " – " + q.Scale.MinLabel
			}
		case strconv.Itoa(q.Scale.Max):
			if q.Scale.MaxLabel != "" {
				return v + " – " + q.Scale.MaxLabel
			}
		}
		return v
	}
	return q.OptionLabel(v)
}

// responseVersions lists the versions that have responses, in order.
func responseVersions(responses []analysis.ResponseData) []int {
	var out []int
	for i := range responses {
		if v := responses[i].Version; !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	slices.Sort(out)
	return out
}

// checkFilters refuses a filter that could let a small group be picked
// out, or that names questions or answers the survey does not have: the
// page shows why, the filter form and a link to the unfiltered page, with
// status 422 and no figures at all. It reports whether it rendered.
func (a *App) checkFilters(c echo.Context, ls *leaderSurvey, opts analysis.SummaryOptions, errs []errorLink, action, heading string) (bool, error) {
	if len(errs) == 0 {
		if reason := a.filterDecision(ls, opts); reason != "" {
			errs = []errorLink{{Href: "#filters", Message: refusalMessage(reason, defaultThreshold)}}
		}
	}
	if len(errs) == 0 {
		return false, nil
	}
	v := newLeaderView(ls, opts, action)
	v.Filters.Description = nil // nothing is shown, so nothing is "only" shown
	v.Query = ""
	v.OverviewURL = summaryURL(ls.Info.Slug)
	return true, a.page(c, http.StatusUnprocessableEntity, "leader_refused", &view{Title: heading, Errors: errs, Data: struct {
		leaderView
		Heading, UnfilteredURL string
	}{v, heading, action}})
}

// filteredSummary begins every page about what families said: it reads
// the filters in the address, answers a filter it cannot show with the
// refusal page (done is then true), and otherwise summarises the
// filtered responses.
func (a *App) filteredSummary(c echo.Context, ls *leaderSurvey, action, heading string) (opts analysis.SummaryOptions, sum *analysis.Summary, done bool, err error) {
	opts, errs := parseSummaryFilters(c, ls.Def)
	if done, err := a.checkFilters(c, ls, opts, errs, action, heading); done || err != nil {
		return opts, nil, true, err
	}
	sum, err = a.leaderSummary(c.Request().Context(), ls, opts)
	return opts, sum, false, err
}

// filterDecision is filterRefusal, remembered until a response arrives.
func (a *App) filterDecision(ls *leaderSurvey, opts analysis.SummaryOptions) string {
	if !filtered(opts) {
		return ""
	}
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	return remember(lc, "refusal"+filterQuery(opts), len(ls.Responses), func() string {
		return filterRefusal(ls.Responses, leaderOptions(opts))
	})
}

// Page data for the overview.
type summaryPageData struct {
	leaderView
	Responses, Comments, Safeguarding string
	Period                            string
	Weekly                            template.HTML
	WeeklyTable                       figureTable
	Profile                           []questionResult
	Areas                             []areaCard
	Previous                          *compareCandidate
}

// figureTable is the table of figures beside a chart: the chart's text
// alternative, and the figures in full.
type figureTable struct {
	Caption, Head string
	Rows          []figureRow
	HasShare      bool
}

// figureRow is one line of a figureTable.
type figureRow struct {
	Label, Count, Share string
	Hidden              bool
}

type areaCard struct {
	ID, Label, URL   string
	CompareURL       string
	Comments         string
	Suppressed       bool
	Tone             template.HTML
	ToneTable        figureTable
	Themes           []themeRow
	QuestionsSummary string
}

type themeRow struct {
	ID, Label, URL string
	Count, Share   string
	Hidden         bool
	Tone           []figureRow
}

func (a *App) leaderOverview(c echo.Context) error {
	ctx := c.Request().Context()
	ls, err := a.loadLeaderSurvey(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	action := summaryURL(ls.Info.Slug)
	opts, sum, done, err := a.filteredSummary(c, ls, action, "What families said: "+ls.Def.Title)
	if done || err != nil {
		return err
	}
	if len(ls.Responses) > a.insights.bigSurvey {
		a.warmComments(ctx, ls)
	}
	d := summaryPageData{
		leaderView:   newLeaderView(ls, opts, action),
		Responses:    countText(sum.Responses, sum.SuppressionThreshold),
		Comments:     countText(sum.Comments, sum.SuppressionThreshold),
		Safeguarding: countText(sum.Safeguarding, sum.SuppressionThreshold),
		Period:       responsePeriod(ls.Responses),
	}
	d.Weekly, d.WeeklyTable = a.weeklyChart(ls, opts)
	for _, q := range sum.Profile {
		d.Profile = append(d.Profile, questionChart(q, ls.Def, sum.SuppressionThreshold))
	}
	prev, err := a.defaultCandidate(ctx, ls)
	if err != nil {
		return err
	}
	d.Previous = prev
	for _, as := range sum.Areas {
		card := areaCard{ID: as.ID, Label: as.Label, URL: areaURL(ls.Info.Slug, as.ID) + d.Query,
			Comments: countText(as.Comments, sum.SuppressionThreshold), Suppressed: as.Comments == nil}
		if prev != nil {
			card.CompareURL = compareURL(ls.Info.Slug) + "?with=" + prev.Slug + "#area-" + as.ID
		}
		if !card.Suppressed {
			card.Tone, card.ToneTable = toneChart("Tone of comments about "+as.Label, as.Sentiment, *as.Comments, sum)
			for _, t := range as.Themes {
				if len(card.Themes) == 3 || t.Count == nil {
					break
				}
				card.Themes = append(card.Themes, newThemeRow(ls.Info.Slug, d.Query, t, sum.SuppressionThreshold))
			}
		}
		if n := len(as.Questions); n > 0 {
			card.QuestionsSummary = strconv.Itoa(n) + " closed question"
			if n > 1 {
				card.QuestionsSummary += "s"
			}
		}
		d.Areas = append(d.Areas, card)
	}
	return a.page(c, http.StatusOK, "leader_overview", &view{Title: "What families said: " + ls.Def.Title, Data: d})
}

// warmComments builds a big survey's comment index in the background
// while the leader reads the overview, so the area page they open next
// answers at once.
func (a *App) warmComments(ctx context.Context, ls *leaderSurvey) {
	base, err := a.summaryOptions(ctx, ls.Info.ID)
	if err != nil {
		return // the area page will report it
	}
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	if lc.mu.TryLock() {
		ready := lc.index != nil && lc.index.defKey == ls.DefKey && lc.index.responses == len(ls.Responses)
		lc.mu.Unlock()
		if !ready {
			go lc.comments(ls.Def, ls.DefKey, ls.Responses, base.Override)
		}
	}
}

func newThemeRow(slug, query string, t analysis.ThemeSummary, threshold int) themeRow {
	return themeRow{ID: t.ID, Label: t.Label, URL: themeURL(slug, t.ID) + query,
		Count: countText(t.Count, threshold), Share: shareText(t.Share), Hidden: t.Count == nil}
}

// toneChart draws the tone of an area's comments and its table.
func toneChart(title string, s analysis.SentimentCounts, total int, sum *analysis.Summary) (template.HTML, figureTable) {
	counts := map[analysis.Sentiment]*int{analysis.Positive: s.Positive, analysis.Negative: s.Negative, analysis.Mixed: s.Mixed, analysis.Neutral: s.Neutral}
	return toneFigures(title, counts, total, sum.SuppressionThreshold, sum.PercentageBase)
}

func toneFigures(title string, counts map[analysis.Sentiment]*int, total, threshold, base int) (template.HTML, figureTable) {
	var segs []chartSegment
	table := figureTable{Caption: title, Head: "Tone", HasShare: total >= base}
	for _, k := range sentimentKeys {
		p := counts[k]
		share := ""
		if p != nil && total >= base && total > 0 {
			share = formatShare(float64(*p) * 100 / float64(total))
		}
		text := countText(p, threshold)
		if share != "" {
			text += " (" + share + ")"
		}
		seg := chartSegment{Key: string(k), Label: sentimentLabels[k], Text: text, Hidden: p == nil}
		if p != nil {
			seg.Value = float64(*p)
		}
		segs = append(segs, seg)
		table.Rows = append(table.Rows, figureRow{Label: sentimentLabels[k], Count: countText(p, threshold), Share: share, Hidden: p == nil})
	}
	return stackedBar(title, float64(total), segs), table
}

// questionResult is a closed question's results: a chart, its figures and
// the mean of a scale or number.
type questionResult struct {
	ID, Text   string
	Answered   string
	Suppressed bool
	Chart      template.HTML
	Table      figureTable
	Mean       string
}

// questionChart turns a closed question's summary into a chart and the
// table of its figures. def gives the scale's end labels.
func questionChart(q analysis.QuestionSummary, def *survey.Definition, threshold int) questionResult {
	qv := questionResult{ID: q.ID, Text: q.Text, Answered: countText(q.Answered, threshold), Suppressed: q.Answered == nil}
	if qv.Suppressed {
		return qv
	}
	sq := def.Question(q.ID)
	qv.Table = figureTable{Caption: q.Text, Head: "Answer", HasShare: q.Answered != nil && *q.Answered >= defaultPercentageBase}
	var bars []chartBar
	for _, o := range q.Options {
		label := o.Label
		if sq != nil {
			label = optionLabel(sq, o.Value)
		}
		text := countText(o.Count, threshold)
		if s := shareText(o.Share); s != "" {
			text += " (" + s + ")"
		}
		b := chartBar{Label: label, Text: text, Hidden: o.Count == nil}
		if o.Count != nil {
			b.Value = float64(*o.Count)
		}
		bars = append(bars, b)
		qv.Table.Rows = append(qv.Table.Rows, figureRow{Label: label, Count: countText(o.Count, threshold), Share: shareText(o.Share), Hidden: o.Count == nil})
	}
	if len(bars) > 0 {
		qv.Chart = barChart(q.Text, bars)
	}
	if q.Mean != nil {
		qv.Mean = "Average: " + strconv.FormatFloat(*q.Mean, 'f', -1, 64)
		if q.Scale != nil {
			qv.Mean += " on a scale of " + strconv.Itoa(q.Scale.Min) + " to " + strconv.Itoa(q.Scale.Max)
			if q.Scale.MinLabel != "" && q.Scale.MaxLabel != "" {
				qv.Mean += " (" + strconv.Itoa(q.Scale.Min) + " is " + q.Scale.MinLabel + ", " + strconv.Itoa(q.Scale.Max) + " is " + q.Scale.MaxLabel + ")"
			}
		}
	}
	return qv
}

// weeklyChart counts responses by week (weeks start on Monday) for the
// filter, withholding small weeks.
func (a *App) weeklyChart(ls *leaderSurvey, opts analysis.SummaryOptions) (template.HTML, figureTable) {
	table := figureTable{Caption: "Responses each week", Head: "Week"}
	if len(ls.Responses) == 0 {
		return "", table
	}
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	starts := remember(lc, "weeks", len(ls.Responses), func() []time.Time { return weekStarts(ls.Responses) })
	count := func(o analysis.SummaryOptions) []int {
		return remember(lc, "weekly"+filterQuery(o), len(ls.Responses), func() []int {
			return weeklyCounts(ls.Responses, starts, o)
		})
	}
	counts := count(opts)
	var others [][]int
	for _, n := range neighbourFilters(opts) {
		others = append(others, count(n))
	}
	shown := shownCounts(counts, others, defaultThreshold, true)
	bars := make([]chartBar, len(counts))
	table.Rows = make([]figureRow, len(counts))
	for i, p := range shown {
		label := "Week starting " + starts[i].Format("2 January 2006")
		bars[i] = chartBar{Label: label, Text: countText(p, defaultThreshold), Hidden: p == nil}
		if p != nil {
			bars[i].Value = float64(*p)
		}
		table.Rows[i] = figureRow{Label: label, Count: countText(p, defaultThreshold), Hidden: p == nil}
	}
	first := starts[0].Format("2 Jan")
	last := starts[len(starts)-1].Format("2 Jan 2006")
	return columnChart("Responses each week", bars, first, last, "a week"), table
}

// weekStarts lists every Monday from the week of the first response to
// the week of the last.
func weekStarts(responses []analysis.ResponseData) []time.Time {
	lo, hi := responses[0].SubmittedAt, responses[0].SubmittedAt
	for i := range responses {
		t := responses[i].SubmittedAt
		if t.Before(lo) {
			lo = t
		}
		if t.After(hi) {
			hi = t
		}
	}
	var out []time.Time
	for w := weekStart(lo); !w.After(hi) && len(out) < 520; w = w.AddDate(0, 0, 7) {
		out = append(out, w)
	}
	return out
}

func weekStart(t time.Time) time.Time {
	t = t.UTC()
	day := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC)
	return day.AddDate(0, 0, -((int(day.Weekday()) + 6) % 7))
}

func weeklyCounts(responses []analysis.ResponseData, starts []time.Time, opts analysis.SummaryOptions) []int {
	counts := make([]int, len(starts))
	if len(starts) == 0 {
		return counts
	}
	first := starts[0]
	for i := range responses {
		if !keepsResponse(&opts, &responses[i]) {
			continue
		}
		w := int(weekStart(responses[i].SubmittedAt).Sub(first).Hours() / (24 * 7))
		if w >= 0 && w < len(counts) {
			counts[w]++
		}
	}
	return counts
}

// responsePeriod says when the responses came in.
func responsePeriod(responses []analysis.ResponseData) string {
	if len(responses) == 0 {
		return ""
	}
	lo, hi := responses[0].SubmittedAt, responses[0].SubmittedAt
	for i := range responses {
		if t := responses[i].SubmittedAt; t.Before(lo) {
			lo = t
		} else if t.After(hi) {
			hi = t
		}
	}
	if lo.Year() == hi.Year() {
		return lo.Format("2 January") + " to " + hi.Format("2 January 2006")
	}
	return lo.Format("2 January 2006") + " to " + hi.Format("2 January 2006")
}

// withheldText is how a withheld count reads. It does not say "fewer
// than 5": a count can also be withheld because another one could be
// worked out from it, and then it may be any size.
func withheldText(threshold int) string { return "withheld" }

// countText shows a count with thousands separated, or says it is
// withheld.
func countText(p *int, threshold int) string {
	if p == nil {
		return withheldText(threshold)
	}
	return formatCount(*p)
}

// shareText shows a percentage to one decimal place, or "" when none
// was given (a small base or a withheld count).
func shareText(p *float64) string {
	if p == nil {
		return ""
	}
	return formatShare(*p)
}

func formatShare(f float64) string {
	return strconv.FormatFloat(math.Round(f*10)/10, 'f', 1, 64) + "%"
}

// formatCount writes n with commas between thousands: 12,345.
func formatCount(n int) string {
	if n < 0 {
		return "-" + formatCount(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}
