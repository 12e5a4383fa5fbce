package main

import (
	"context"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/labstack/echo/v4"
)

// commentsPerPage is how many comments a page of comments lists.
const commentsPerPage = 25

// quotedThemes is how many of an area's themes, most raised first, its
// page quotes families on; each theme's page has the rest.
const quotedThemes = 5

// maxSearchRunes bounds the words a leader may search comments for.
const maxSearchRunes = 100

// areaPageData is an area page: its themes, closed questions, quotes and
// comments.
type areaPageData struct {
	leaderView
	ID, Label, Description string
	Comments               string
	Suppressed             bool
	Tone                   template.HTML
	ToneTable              figureTable
	Themes                 []themeRow
	ThemeChart             template.HTML
	Questions              []questionResult
	Quotes                 []quoteGroup
	List                   commentList
	PreviousCompareURL     string
}

type quoteGroup struct {
	Theme, URL string
	Quotes     []string
}

func (a *App) leaderArea(c echo.Context) error {
	ctx := c.Request().Context()
	area := c.Param("area")
	ai := slices.Index(analysis.AreaIDs, area)
	if ai < 0 {
		return echo.ErrNotFound
	}
	ls, err := a.loadLeaderSurvey(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	action := areaURL(ls.Info.Slug, area)
	opts, sum, done, err := a.filteredSummary(c, ls, action, leaderAreaLabel(area)+": what families said")
	if done || err != nil {
		return err
	}
	as := sum.Area(area)
	if as == nil {
		return echo.ErrNotFound
	}
	d := areaPageData{leaderView: newLeaderView(ls, opts, action), ID: area, Label: as.Label,
		Comments: countText(as.Comments, sum.SuppressionThreshold), Suppressed: as.Comments == nil}
	if e := leaderTaxonomy().Area(area); e != nil {
		d.Description = e.Description
	}
	if prev, err := a.defaultCandidate(ctx, ls); err != nil {
		return err
	} else if prev != nil {
		d.PreviousCompareURL = compareURL(ls.Info.Slug) + "?with=" + prev.Slug + "#area-" + area
	}
	for _, q := range as.Questions {
		d.Questions = append(d.Questions, questionChart(q, ls.Def, sum.SuppressionThreshold))
	}
	ix, err := a.commentIndexFor(ctx, ls)
	if err != nil {
		return err
	}
	if !d.Suppressed {
		d.Tone, d.ToneTable = toneChart("Tone of comments about "+as.Label, as.Sentiment, *as.Comments, sum)
		tones := a.themeTones(ls, ix, ai, opts)
		var bars []chartBar
		for _, t := range as.Themes {
			row := newThemeRow(ls.Info.Slug, d.Query, t, sum.SuppressionThreshold)
			if t.Count != nil {
				ti := leaderThemeIndex(t.ID)
				var others [][]int
				for _, o := range tones.others {
					others = append(others, o[ti][:])
				}
				shown := shownCounts(slices.Clone(tones.counts[ti][:]), others, sum.SuppressionThreshold, true)
				for k, s := range sentimentKeys {
					row.Tone = append(row.Tone, figureRow{Label: sentimentLabels[s], Count: countText(shown[k], sum.SuppressionThreshold), Hidden: shown[k] == nil})
				}
				text := row.Count
				if row.Share != "" {
					text += " (" + row.Share + ")"
				}
				bars = append(bars, chartBar{Label: t.Label, Value: float64(*t.Count), Text: text})
				if len(t.Quotes) > 0 && len(d.Quotes) < quotedThemes {
					d.Quotes = append(d.Quotes, quoteGroup{Theme: t.Label, URL: row.URL, Quotes: t.Quotes})
				}
			}
			d.Themes = append(d.Themes, row)
		}
		if len(bars) > 0 {
			d.ThemeChart = barChart("Themes in comments about "+as.Label, bars)
		}
	}
	d.List, err = a.commentList(c, ls, ix, commentQuery{area: ai, theme: -1, opts: &opts}, action, !d.Suppressed)
	if err != nil {
		return err
	}
	return a.page(c, http.StatusOK, "leader_area", &view{Title: as.Label + ": what families said", Data: d})
}

// themeTones counts the tone of an area's comments theme by theme, under
// a filter and under each filter one step from it.
type themeToneCounts struct {
	counts [][4]int   // per theme in leaderTaxonomy order
	others [][][4]int // the same, per neighbouring filter
}

func (a *App) themeTones(ls *leaderSurvey, ix *commentIndex, area int, opts analysis.SummaryOptions) themeToneCounts {
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	count := func(o analysis.SummaryOptions) [][4]int {
		key := "tones|" + ls.DefKey + "|" + strconv.Itoa(area) + filterQuery(o)
		return remember(lc, key, len(ls.Responses), func() [][4]int {
			out := make([][4]int, len(leaderTaxonomy().Themes))
			kept := a.keptResponses(ls, o)
			for _, i := range ix.byArea[area] {
				e := &ix.entries[i]
				if kept != nil && !kept.has(e.response) {
					continue
				}
				for t := range out {
					if e.hasTheme(t) {
						out[t][e.sentiment]++
					}
				}
			}
			return out
		})
	}
	tc := themeToneCounts{counts: count(opts)}
	for _, n := range neighbourFilters(opts) {
		tc.others = append(tc.others, count(n))
	}
	return tc
}

// themePageData is a theme page: one theme across every area.
type themePageData struct {
	leaderView
	ID, Label, Description string
	Comments               string
	Suppressed             bool
	Tone                   template.HTML
	ToneTable              figureTable
	Areas                  []themeAreaRow
	AreaChart              template.HTML
	Quotes                 []string
	List                   commentList
}

type themeAreaRow struct {
	Label, URL   string
	Count, Share string
	Hidden       bool
}

func (a *App) leaderTheme(c echo.Context) error {
	ctx := c.Request().Context()
	theme := c.Param("theme")
	ti := leaderThemeIndex(theme)
	if ti < 0 {
		return echo.ErrNotFound
	}
	ls, err := a.loadLeaderSurvey(ctx, c.Param("slug"))
	if err != nil {
		return err
	}
	action := themeURL(ls.Info.Slug, theme)
	label := leaderThemeLabel(theme)
	opts, sum, done, err := a.filteredSummary(c, ls, action, label+": what families said")
	if done || err != nil {
		return err
	}
	d := themePageData{leaderView: newLeaderView(ls, opts, action), ID: theme, Label: label}
	if e := leaderTaxonomy().Theme(theme); e != nil {
		d.Description = e.Description
	}
	ix, err := a.commentIndexFor(ctx, ls)
	if err != nil {
		return err
	}
	// The theme's comments across the survey, whatever their area, and
	// their tone: a total and four parts of it.
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	count := func(o analysis.SummaryOptions) []int {
		return remember(lc, "theme|"+ls.DefKey+"|"+theme+filterQuery(o), len(ls.Responses), func() []int {
			out := make([]int, 5)
			kept := a.keptResponses(ls, o)
			for i := range ix.entries {
				e := &ix.entries[i]
				if e.hasTheme(ti) && (kept == nil || kept.has(e.response)) {
					out[0]++
					out[1+e.sentiment]++
				}
			}
			return out
		})
	}
	counts := count(opts)
	var totals, tones [][]int
	for _, n := range neighbourFilters(opts) {
		o := count(n)
		totals = append(totals, o[:1])
		tones = append(tones, o[1:])
	}
	total := shownCounts(slices.Clone(counts[:1]), totals, sum.SuppressionThreshold, false)[0]
	d.Comments, d.Suppressed = countText(total, sum.SuppressionThreshold), total == nil
	if total != nil {
		shown := shownCounts(slices.Clone(counts[1:]), tones, sum.SuppressionThreshold, true)
		byKey := map[analysis.Sentiment]*int{}
		for k, s := range sentimentKeys {
			byKey[s] = shown[k]
		}
		d.Tone, d.ToneTable = toneFigures("Tone of comments about "+label, byKey, *total, sum.SuppressionThreshold, sum.PercentageBase)
	}
	var bars []chartBar
	seen := map[string]bool{}
	for _, as := range sum.Areas {
		row := themeAreaRow{Label: as.Label, URL: areaURL(ls.Info.Slug, as.ID) + d.Query, Hidden: true, Count: withheldText(sum.SuppressionThreshold)}
		if t := as.Theme(theme); t != nil {
			row.Count, row.Share, row.Hidden = countText(t.Count, sum.SuppressionThreshold), shareText(t.Share), t.Count == nil
			for _, q := range t.Quotes {
				if !seen[q] && len(d.Quotes) < 6 {
					seen[q] = true
					d.Quotes = append(d.Quotes, q)
				}
			}
		} else if as.Comments != nil {
			row.Count, row.Hidden = "0", false
		}
		text := row.Count
		if row.Share != "" {
			text += " (" + row.Share + " of the area's comments)"
		}
		bar := chartBar{Label: as.Label, Text: text, Hidden: row.Hidden}
		if !row.Hidden {
			bar.Value, _ = strconv.ParseFloat(strings.ReplaceAll(row.Count, ",", ""), 64)
		}
		bars = append(bars, bar)
		d.Areas = append(d.Areas, row)
	}
	d.AreaChart = barChart("Comments about "+label+" in each service area", bars)
	d.List, err = a.commentList(c, ls, ix, commentQuery{area: -1, theme: ti, opts: &opts}, action, !d.Suppressed)
	if err != nil {
		return err
	}
	return a.page(c, http.StatusOK, "leader_theme", &view{Title: label + ": what families said", Data: d})
}

// commentList is one page of comments, searched and filtered, with the
// links to the other pages.
type commentList struct {
	Shown     bool
	Action    string
	Hidden    []hiddenField // the filters, kept when searching
	Search    string
	Total     int
	Summary   string
	Comments  []commentView
	Pages     []pageLink
	Prev      string
	Next      string
	Threshold int
}

type hiddenField struct{ Name, Value string }

type pageLink struct {
	Number  int
	URL     string
	Current bool
	Gap     bool
}

// commentView is one comment as leaders see it: redacted, with its
// coding and the reasons for it.
type commentView struct {
	ID       string
	Text     string
	Question string
	Coding   codingView
}

// codingView is how a comment was coded and why. Source says what coded
// it: "person" (a member of staff's correction), "model" (learned from
// staff coding) or "rules" (the SEND taxonomy's rules).
type codingView struct {
	Source       string
	SourceLabel  string
	CorrectURL   string
	For          string // which comment, for the correction link's name
	Areas        []string
	Themes       []string
	Sentiment    string
	Safeguarding bool
	Reasons      []reasonView
}

type reasonView struct {
	Label        string
	Terms        []string
	FromQuestion bool
}

// commentList finds the page of comments the request asks for (?q= words
// and ?page=N). shown is false when the group is too small to list.
func (a *App) commentList(c echo.Context, ls *leaderSurvey, ix *commentIndex, q commentQuery, action string, shown bool) (commentList, error) {
	l := commentList{Shown: shown, Action: action, Threshold: defaultThreshold}
	for name, vals := range filterValuesOf(*q.opts) {
		for _, v := range vals {
			l.Hidden = append(l.Hidden, hiddenField{Name: name, Value: v})
		}
	}
	slices.SortFunc(l.Hidden, func(x, y hiddenField) int { return strings.Compare(x.Name+"\x00"+x.Value, y.Name+"\x00"+y.Value) })
	if !shown {
		return l, nil
	}
	l.Search = strings.TrimSpace(c.QueryParam("q"))
	if r := []rune(l.Search); len(r) > maxSearchRunes {
		l.Search = string(r[:maxSearchRunes])
	}
	q.words = searchWords(l.Search)
	page, _ := strconv.Atoi(c.QueryParam("page"))
	page = max(page, 1)
	q.kept = a.keptResponses(ls, *q.opts)
	total, idx := ix.find(q, (page-1)*commentsPerPage, commentsPerPage)
	last := max((total+commentsPerPage-1)/commentsPerPage, 1)
	if page > last {
		page = last
		total, idx = ix.find(q, (page-1)*commentsPerPage, commentsPerPage)
	}
	l.Total = total
	what := "comments"
	if total == 1 {
		what = "comment"
	}
	switch {
	case total == 0 && l.Search != "":
		l.Summary = "No comments have all of these words."
	case total == 0:
		l.Summary = "There are no comments."
	case total <= commentsPerPage:
		l.Summary = "Showing all " + formatCount(total) + " " + what + "."
	default:
		from := (page-1)*commentsPerPage + 1
		l.Summary = "Showing " + formatCount(from) + " to " + formatCount(from+len(idx)-1) + " of " + formatCount(total) + " " + what + ", newest first."
	}
	pageURL := func(n int) string {
		v := filterValuesOf(*q.opts)
		if l.Search != "" {
			v.Set("q", l.Search)
		}
		if n > 1 {
			v.Set("page", strconv.Itoa(n))
		}
		if len(v) == 0 {
			return action + "#comments"
		}
		return action + "?" + v.Encode() + "#comments"
	}
	for k, i := range idx {
		cv, err := a.newCommentView(c.Request().Context(), ls, ix, i, (page-1)*commentsPerPage+k+1, pageURL(page))
		if err != nil {
			return l, err
		}
		l.Comments = append(l.Comments, cv)
	}
	if last > 1 {
		if page > 1 {
			l.Prev = pageURL(page - 1)
		}
		if page < last {
			l.Next = pageURL(page + 1)
		}
		for n := 1; n <= last; n++ {
			switch {
			case n == 1 || n == last || n >= page-2 && n <= page+2:
				l.Pages = append(l.Pages, pageLink{Number: n, URL: pageURL(n), Current: n == page})
			case len(l.Pages) > 0 && !l.Pages[len(l.Pages)-1].Gap:
				l.Pages = append(l.Pages, pageLink{Gap: true})
			}
		}
	}
	return l, nil
}

// newCommentView codes a comment again to give the reasons for its
// codes, which the index does not keep, and where its coding came from.
// back is the page to return to after correcting the coding.
func (a *App) newCommentView(ctx context.Context, ls *leaderSurvey, ix *commentIndex, i int32, n int, back string) (commentView, error) {
	e := &ix.entries[i]
	qid := ix.questions[e.question]
	r := &ls.Responses[e.response]
	raw := r.Answers[qid].Text
	cv := commentView{ID: "comment-" + strconv.Itoa(n), Text: e.text, Question: qid}
	area := ""
	q := ls.Def.Question(qid)
	if q != nil {
		cv.Question, area = q.Text, string(q.Area)
	}
	cd, by, err := a.coder.Code(ctx, ls.Info.ID, r.Reference, qid, raw, area)
	if err != nil {
		return cv, err
	}
	cv.Coding = newCodingView(cd, by, e.text)
	cv.Coding.For = "comment " + strconv.Itoa(n)
	if q != nil && r.ID > 0 {
		cv.Coding.CorrectURL = "/admin/surveys/" + ls.Info.Slug + "/comments/" + strconv.FormatInt(r.ID, 10) + "/" + url.PathEscape(qid) +
			"?next=" + url.QueryEscape(back)
	}
	return cv, nil
}

// codingSources say in words who or what coded a comment.
var codingSources = map[string]string{
	codedByPerson: "a member of staff",
	codedByModel:  "the model learned from staff coding",
	codedByRules:  "the SEND taxonomy rules",
}

// newCodingView describes a coding and where it came from. The words
// behind a rule are shown only where the redacted comment still has
// them, so a reason never gives back what redaction took out.
func newCodingView(cd analysis.Coding, source, redacted string) codingView {
	cv := codingView{Source: source, SourceLabel: codingSources[source], Sentiment: sentimentLabels[cd.Sentiment], Safeguarding: cd.Safeguarding}
	if cv.SourceLabel == "" {
		cv.SourceLabel = source
	}
	if cv.Sentiment == "" {
		cv.Sentiment = sentimentLabels[analysis.Neutral]
	}
	for _, id := range cd.Areas {
		cv.Areas = append(cv.Areas, leaderAreaLabel(id))
	}
	for _, id := range cd.Themes {
		cv.Themes = append(cv.Themes, leaderThemeLabel(id))
	}
	for _, r := range cd.Reasons {
		rv := reasonView{FromQuestion: r.FromQuestion}
		switch {
		case r.Code == string(analysis.Positive):
			rv.Label = "Positive tone"
		case r.Code == string(analysis.Negative):
			rv.Label = "Negative tone"
		case r.Code == analysis.SafeguardingCode:
			rv.Label = "Safeguarding"
		case slices.Contains(analysis.AreaIDs, r.Code):
			rv.Label = leaderAreaLabel(r.Code)
		default:
			rv.Label = leaderThemeLabel(r.Code)
		}
		for _, t := range r.Terms {
			if source == codedByRules && !containsFold(redacted, t) {
				t = "[withheld]"
			}
			if !slices.Contains(rv.Terms, t) {
				rv.Terms = append(rv.Terms, t)
			}
		}
		cv.Reasons = append(cv.Reasons, rv)
	}
	return cv
}
