package main

import (
	"fmt"
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// What leaders do with a summary: print it as a report, record what they
// will do about each theme ("you said, we did"), open a results page to
// families, and take the figures away as CSV, a workbook or JSON.
// Everything here is made from the suppressed summary, so a count under
// the threshold is never shown, in any format, to leaders or the public.

// reportRoutes registers the report, actions, public results and export
// routes. Leaders (and admins) use them; the public results page is open
// to everyone once a leader turns it on.
func (a *App) reportRoutes(e *echo.Echo, only func(...staff.Role) []echo.MiddlewareFunc) {
	leaders := only(staff.Leader)
	s := "/admin/surveys/:slug"
	e.GET(s+"/report", a.reportPage, leaders...)

	e.GET(s+"/actions", a.actionsList, leaders...)
	e.POST(s+"/actions", a.actionsCreate, leaders...)
	e.GET(s+"/actions/new", a.actionsNewForm, leaders...)
	e.GET(s+"/actions/:id", a.actionsEditForm, leaders...)
	e.POST(s+"/actions/:id", a.actionsUpdate, leaders...)
	e.GET(s+"/actions/:id/delete", a.actionsDeleteForm, leaders...)
	e.POST(s+"/actions/:id/delete", a.actionsDeletePost, leaders...)

	e.GET(s+"/results", a.resultsAdmin, leaders...)
	e.POST(s+"/results", a.resultsAdminPost, leaders...)
	e.POST(s+"/results/quotes", a.resultsQuotePost, leaders...)
	// The signed-in staff header has a sign-out form, which needs a token.
	e.GET("/s/:slug/results", a.resultsPublic, a.csrf())

	e.GET(s+"/export/comments.csv", a.exportCommentsCSV, leaders...)
	e.GET(s+"/export/summary.xlsx", a.exportSummaryXLSX, leaders...)
	e.GET(s+"/export/summary.json", a.exportSummaryJSON, leaders...)
}

func reportSurveyURL(slug string) string { return "/admin/surveys/" + slug }

func reportURL(slug string) string { return reportSurveyURL(slug) + "/report" }

func actionsURL(slug string) string { return reportSurveyURL(slug) + "/actions" }

func resultsAdminURL(slug string) string { return reportSurveyURL(slug) + "/results" }

func resultsPublicURL(slug string) string { return "/s/" + slug + "/results" }

func exportURL(slug, name string) string { return reportSurveyURL(slug) + "/export/" + name }

// reportSurvey loads the survey named in the path as the leader pages
// read it: its newest published definition (or its draft, before it is
// first published) and every response.
func (a *App) reportSurvey(c echo.Context) (*leaderSurvey, error) {
	return a.loadLeaderSurvey(c.Request().Context(), c.Param("slug"))
}

func reportAreaLabel(id string) string {
	if id == "" {
		return "All areas"
	}
	return leaderAreaLabel(id)
}

func reportThemeLabel(id string) string { return leaderThemeLabel(id) }

// reportScope is the summary a leader's request asks for, with the
// leader pages' filters (?version=1&f.child_age=11-15), so that a filtered
// view can be printed or exported as it is.
type reportScope struct {
	Opts analysis.SummaryOptions
	Sum  *analysis.Summary
	// Errors are problems with the filters, or why the group they pick
	// may not be shown; Sum is then nil.
	Errors []errorLink
}

// reportSummaryScope reads the filters and makes the summary as the
// leader pages do: a filter that could pick out a small group is refused,
// and a filtered summary withholds any count that differs by only a few
// families from the same count one filter step away.
func (a *App) reportSummaryScope(c echo.Context, ls *leaderSurvey) (reportScope, error) {
	var sc reportScope
	sc.Opts, sc.Errors = parseSummaryFilters(c, ls.Def)
	if len(sc.Errors) == 0 && filtered(sc.Opts) {
		if reason := filterRefusal(ls.Responses, leaderOptions(sc.Opts)); reason != "" {
			sc.Errors = []errorLink{{Href: "#refused", Message: refusalMessage(reason, defaultThreshold)}}
		}
	}
	if len(sc.Errors) > 0 {
		return sc, nil
	}
	sum, err := a.leaderSummary(c.Request().Context(), ls, sc.Opts)
	sc.Sum = sum
	return sc, err
}

// reportFilterLines says in words which responses a filtered summary covers.
func reportFilterLines(def *survey.Definition, opts analysis.SummaryOptions) []string {
	var lines []string
	if opts.Version > 0 {
		lines = append(lines, fmt.Sprintf("Only answers to version %d of the survey", opts.Version))
	}
	for _, qid := range sortedFilterKeys(opts.Profile) {
		text, labels := qid, opts.Profile[qid]
		if q := def.Question(qid); q != nil {
			text = q.Text
			labels = make([]string, len(opts.Profile[qid]))
			for i, v := range opts.Profile[qid] {
				labels[i] = optionLabel(q, v)
			}
		}
		lines = append(lines, fmt.Sprintf("Only families who answered “%s” with %s", text, strings.Join(labels, " or ")))
	}
	return lines
}

// reportSummary returns the unfiltered summary of the survey's
// responses, as the leader pages show it.
func (a *App) reportSummary(c echo.Context, ls *leaderSurvey) (*analysis.Summary, error) {
	return a.leaderSummary(c.Request().Context(), ls, analysis.SummaryOptions{})
}

// reportCount writes a count, or says it is withheld in words a family
// understands: "fewer than 5".
func reportCount(n *int, threshold int) string {
	if n == nil {
		return fmt.Sprintf("fewer than %d", threshold)
	}
	return formatCount(*n)
}

// reportShareOf works out a shown count as a share of a shown base, unless the
// base is under the percentage base: the same rule the summary applies.
func reportShareOf(n, base *int, percentageBase int) *float64 {
	if n == nil || base == nil || *base < percentageBase || *base == 0 {
		return nil
	}
	p := float64(int(float64(*n)*1000/float64(*base)+0.5)) / 10
	return &p
}

// reportDate writes a date as people in England read it: 30 September 2026.
func reportDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.Format("2 January 2006")
}

// reportBar is one row of a table of figures, and one bar of the chart
// beside it.
type reportBar struct {
	Key   string // for a tone: positive, negative, mixed or neutral
	Label string
	Count string // the count, or "fewer than 5"
	Share string // "12.5%", or "" when no share is given
	value int
	shown bool
}

func newReportBar(label string, n *int, share *float64, threshold int) reportBar {
	b := reportBar{Label: label, Count: reportCount(n, threshold), Share: shareText(share)}
	if n != nil {
		b.value, b.shown = *n, true
	}
	return b
}

// text is the figure as a chart shows it: "120 (34.5%)".
func (b reportBar) text() string {
	if b.Share == "" {
		return b.Count
	}
	return b.Count + " (" + b.Share + ")"
}

// reportBarChart draws bars with the leader pages' chart. Withheld counts
// get no bar, only their words.
func reportBarChart(title string, bars []reportBar) template.HTML {
	cb := make([]chartBar, len(bars))
	for i, b := range bars {
		cb[i] = chartBar{Label: b.Label, Value: float64(b.value), Text: b.text(), Hidden: !b.shown}
	}
	return barChart(title, cb)
}

// reportToneChart draws the tone of an area's comments as one stacked
// bar; withheld tones share one gap.
func reportToneChart(title string, total *int, bars []reportBar) template.HTML {
	if total == nil {
		return ""
	}
	segs := make([]chartSegment, len(bars))
	for i, b := range bars {
		segs[i] = chartSegment{Key: b.Key, Label: b.Label, Value: float64(b.value), Text: b.text(), Hidden: !b.shown}
	}
	return stackedBar(title, float64(*total), segs)
}

// reportTheme is one theme of an area as the report shows it.
type reportTheme struct {
	ID, Label    string
	Count, Share string
	Suppressed   bool
	Quotes       []string
}

// reportQuestion is one closed question's results.
type reportQuestion struct {
	Text       string
	Answered   string
	Mean       string
	Suppressed bool
	Bars       []reportBar
	Chart      template.HTML
}

// reportArea is one service area's section of the report.
type reportArea struct {
	ID, Label   string
	Comments    string
	Suppressed  bool
	Sentiment   []reportBar
	Chart       template.HTML
	Themes      []reportTheme
	Questions   []reportQuestion
	Actions     []actionView
	ToneHidden  bool
	ThemeHidden bool
}

// reportSentimentBars are an area's tones, with shares of its comments
// worked out by the summary's rule.
func reportSentimentBars(a *analysis.AreaSummary, threshold, base int) []reportBar {
	s := a.Sentiment
	tones := []struct {
		key, label string
		n          *int
	}{
		{"positive", "Positive", s.Positive}, {"negative", "Negative", s.Negative},
		{"mixed", "Mixed", s.Mixed}, {"neutral", "Neutral", s.Neutral},
	}
	bars := make([]reportBar, len(tones))
	for i, t := range tones {
		bars[i] = newReportBar(t.label, t.n, reportShareOf(t.n, a.Comments, base), threshold)
		bars[i].Key = t.key
	}
	return bars
}

func reportQuestionView(q analysis.QuestionSummary, threshold int) reportQuestion {
	rq := reportQuestion{Text: q.Text, Answered: reportCount(q.Answered, threshold), Suppressed: q.Suppressed}
	if q.Suppressed {
		return rq
	}
	if q.Mean != nil {
		rq.Mean = strconv.FormatFloat(*q.Mean, 'f', -1, 64)
	}
	for _, o := range q.Options {
		rq.Bars = append(rq.Bars, newReportBar(o.Label, o.Count, o.Share, threshold))
	}
	if len(rq.Bars) > 0 {
		rq.Chart = reportBarChart(q.Text, rq.Bars)
	}
	return rq
}

// reportData is the printable report.
type reportData struct {
	Title, Slug     string
	Filters         []string
	Refused         bool
	UnfilteredURL   string
	Generated       string
	Responses       string
	Comments        string
	Safeguarding    string
	Threshold, Base int
	Areas           []reportArea
	Profile         []reportQuestion
	Other           []reportQuestion
	AllAreaActions  []actionView
	Method          []string
	ActionsURL      string
	ResultsURL      string
	Exports         []exportLink
}

type exportLink struct{ URL, Label string }

func exportLinks(slug, query string) []exportLink {
	return []exportLink{
		{exportURL(slug, "comments.csv") + query, "Coded comments (CSV)"},
		{exportURL(slug, "summary.xlsx") + query, "Summary workbook (Excel)"},
		{exportURL(slug, "summary.json") + query, "Summary data (JSON)"},
	}
}

// reportPage is the report leaders print or save as PDF: every area's
// themes, tone, closed questions, quotes and actions, and how the figures
// were made.
func (a *App) reportPage(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	def := ls.Def
	sc, err := a.reportSummaryScope(c, ls)
	if err != nil {
		return err
	}
	actions, err := a.db.ListActions(c.Request().Context(), ls.Info.ID)
	if err != nil {
		return err
	}
	d := reportData{
		Title: def.Title, Slug: ls.Info.Slug, Filters: reportFilterLines(def, sc.Opts),
		Refused: sc.Sum == nil, UnfilteredURL: reportURL(ls.Info.Slug),
		Generated:  a.db.Now().Format("2 January 2006 at 15:04"),
		ActionsURL: actionsURL(ls.Info.Slug), ResultsURL: resultsAdminURL(ls.Info.Slug),
		Exports: exportLinks(ls.Info.Slug, filterQuery(sc.Opts)),
	}
	views := actionViews(ls.Info.Slug, actions)
	for _, av := range views {
		if av.Area == "" {
			d.AllAreaActions = append(d.AllAreaActions, av)
		}
	}
	status := http.StatusOK
	if len(sc.Errors) > 0 {
		status = http.StatusUnprocessableEntity
	}
	if sc.Sum != nil {
		reportFill(&d, sc.Sum, views)
	}
	return a.page(c, status, "report_print", &view{Title: "Report: " + def.Title, Errors: sc.Errors, Data: d})
}

// reportFill puts the summary's figures into the report.
func reportFill(d *reportData, sum *analysis.Summary, views []actionView) {
	th, base := sum.SuppressionThreshold, sum.PercentageBase
	d.Responses, d.Comments, d.Safeguarding = reportCount(sum.Responses, th), reportCount(sum.Comments, th), reportCount(sum.Safeguarding, th)
	d.Threshold, d.Base, d.Method = th, base, reportMethodNotes(th, base)
	for i := range sum.Areas {
		as := &sum.Areas[i]
		ra := reportArea{ID: as.ID, Label: as.Label, Comments: reportCount(as.Comments, th), Suppressed: as.Suppressed}
		if !as.Suppressed {
			ra.Sentiment = reportSentimentBars(as, th, base)
			ra.Chart = reportToneChart("Tone of comments about "+as.Label, as.Comments, ra.Sentiment)
			ra.ToneHidden = as.Sentiment.Suppressed
		}
		for _, t := range as.Themes {
			ra.Themes = append(ra.Themes, reportTheme{ID: t.ID, Label: t.Label, Count: reportCount(t.Count, th),
				Share: shareText(t.Share), Suppressed: t.Suppressed, Quotes: t.Quotes})
			ra.ThemeHidden = ra.ThemeHidden || t.Suppressed
		}
		for _, q := range as.Questions {
			ra.Questions = append(ra.Questions, reportQuestionView(q, th))
		}
		for _, av := range views {
			if av.Area == as.ID {
				ra.Actions = append(ra.Actions, av)
			}
		}
		d.Areas = append(d.Areas, ra)
	}
	for _, q := range sum.Profile {
		d.Profile = append(d.Profile, reportQuestionView(q, th))
	}
	for _, q := range sum.OtherQuestions {
		d.Other = append(d.Other, reportQuestionView(q, th))
	}
}

// reportMethodNotes say how the figures were made, for the report and
// the workbook alike.
func reportMethodNotes(threshold, base int) []string {
	return []string{
		"Each comment is coded by rules from the SEND taxonomy: for every service area and theme, a list of the words and phrases families use for it (such as “SENCO” or “waited two years”). A comment can be about more than one area and raise more than one theme. The area a question asked about counts towards the comments that answer it.",
		"Sentiment is the overall tone of a comment: positive, negative, mixed (strong praise and strong criticism together) or neutral. It describes how a comment is written, not whether a service is good.",
		fmt.Sprintf("Counts under %d are withheld and shown as “fewer than %d”, so that no family can be picked out. Where only one of an area’s tone counts would be withheld, the next smallest is withheld too, so it cannot be worked out from the total.", threshold, threshold),
		fmt.Sprintf("No percentage is given on a base of fewer than %d.", base),
		fmt.Sprintf("Quotes come only from themes raised in at least %d comments, never from comments flagged for safeguarding, and have names, dates, places and contact details taken out.", threshold),
	}
}
