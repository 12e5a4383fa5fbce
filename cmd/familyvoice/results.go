package main

import (
	"fmt"
	"net/http"
	"slices"

	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// The public results page tells families what they said and what is
// being done about it. It is off until a leader turns it on, and shows
// only what the unfiltered summary shows anyone: counts of 5 or more,
// tone and the top themes of each area, with no breakdown by who the
// families are. Quotes appear only when a leader approved each one, and
// only while the summary still offers it, so a quote whose group shrank
// or whose response was erased drops off by itself.

// resultsTopThemes is how many themes an area shows on the public page.
const resultsTopThemes = 5

// resultsQuoteKey identifies a quote under a theme of an area.
func resultsQuoteKey(area, theme, text string) string { return area + "\x00" + theme + "\x00" + text }

func resultsThemeAnchor(area, theme string) string { return "theme-" + area + "-" + theme }

type resultsQuote struct {
	Area, Theme, Text     string
	AreaLabel, ThemeLabel string
	Approved              bool
}

type resultsQuoteTheme struct {
	ID, Label, Anchor string
	Count, Share      string
	Quotes            []resultsQuote
}

type resultsQuoteArea struct {
	ID, Label string
	Themes    []resultsQuoteTheme
}

type resultsAdminData struct {
	Title, Slug string
	Notice      string
	On          bool
	PublicURL   string
	ActionsURL  string
	ReportURL   string
	Action      string
	QuoteAction string
	Areas       []resultsQuoteArea
	Stale       []resultsQuote
	Approved    int
	Threshold   int
}

// resultsAdmin is where leaders turn the public page on or off and
// approve, one by one, the quotes it may show.
func (a *App) resultsAdmin(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	return a.renderResultsAdmin(c, http.StatusOK, ls, nil)
}

func (a *App) renderResultsAdmin(c echo.Context, status int, ls *leaderSurvey, errs []errorLink) error {
	ctx := c.Request().Context()
	on, err := a.db.ResultsPublished(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	approved, err := a.db.ApprovedQuotes(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	sum, err := a.reportSummary(c, ls)
	if err != nil {
		return err
	}
	isApproved := map[string]bool{}
	for _, q := range approved {
		isApproved[resultsQuoteKey(q.Area, q.Theme, q.Text)] = true
	}
	offered := map[string]bool{}
	d := resultsAdminData{
		Title: ls.Def.Title, Slug: ls.Info.Slug, Notice: actionsNotices[c.QueryParam("done")], On: on,
		PublicURL: resultsPublicURL(ls.Info.Slug), ActionsURL: actionsURL(ls.Info.Slug), ReportURL: reportURL(ls.Info.Slug),
		Action: resultsAdminURL(ls.Info.Slug), QuoteAction: resultsAdminURL(ls.Info.Slug) + "/quotes",
		Approved: len(approved), Threshold: sum.SuppressionThreshold,
	}
	for _, as := range sum.Areas {
		ra := resultsQuoteArea{ID: as.ID, Label: as.Label}
		for _, t := range as.Themes {
			if len(t.Quotes) == 0 {
				continue
			}
			rt := resultsQuoteTheme{ID: t.ID, Label: t.Label, Anchor: resultsThemeAnchor(as.ID, t.ID),
				Count: reportCount(t.Count, sum.SuppressionThreshold), Share: shareText(t.Share)}
			for _, text := range t.Quotes {
				k := resultsQuoteKey(as.ID, t.ID, text)
				offered[k] = true
				rt.Quotes = append(rt.Quotes, resultsQuote{Area: as.ID, Theme: t.ID, Text: text, Approved: isApproved[k]})
			}
			ra.Themes = append(ra.Themes, rt)
		}
		if len(ra.Themes) > 0 {
			d.Areas = append(d.Areas, ra)
		}
	}
	for _, q := range approved {
		if !offered[resultsQuoteKey(q.Area, q.Theme, q.Text)] {
			d.Stale = append(d.Stale, resultsQuote{Area: q.Area, Theme: q.Theme, Text: q.Text,
				AreaLabel: reportAreaLabel(q.Area), ThemeLabel: reportThemeLabel(q.Theme), Approved: true})
		}
	}
	return a.page(c, status, "results_admin", &view{Title: "Public results page: " + ls.Def.Title, Errors: errs, Data: d})
}

// resultsAdminPost turns the public results page on or off.
func (a *App) resultsAdminPost(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	var on bool
	switch c.FormValue("published") {
	case "on":
		on = true
	case "off":
	default:
		return a.renderResultsAdmin(c, http.StatusUnprocessableEntity, ls,
			[]errorLink{{Href: "#published", Message: "Choose whether to show the results page to families"}})
	}
	if err := a.db.SetResultsPublished(c.Request().Context(), ls.Info.ID, on, actor(c)); err != nil {
		return err
	}
	done := "results-off"
	if on {
		done = "results-on"
	}
	a.audit(c, "results."+map[bool]string{true: "on", false: "off"}[on], ls.Info.Slug, "")
	back := resultsAdminURL(ls.Info.Slug)
	if c.FormValue("from") == "actions" {
		back = actionsURL(ls.Info.Slug)
	}
	return c.Redirect(http.StatusSeeOther, back+"?done="+done)
}

// resultsQuotePost approves one quote for the public page, or withdraws
// the approval. Only a quote the summary offers now can be approved, so
// nothing else can be made to appear as a family's words.
func (a *App) resultsQuotePost(c echo.Context) error {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	area, theme, text := c.FormValue("area"), c.FormValue("theme"), c.FormValue("quote")
	ctx := c.Request().Context()
	switch c.FormValue("decision") {
	case "approve":
		sum, err := a.reportSummary(c, ls)
		if err != nil {
			return err
		}
		var offered bool
		if as := sum.Area(area); as != nil {
			if t := as.Theme(theme); t != nil {
				offered = slices.Contains(t.Quotes, text)
			}
		}
		if !offered {
			return a.renderResultsAdmin(c, http.StatusUnprocessableEntity, ls,
				[]errorLink{{Href: "#quotes", Message: "That quote is no longer in the summary. Choose from the quotes below."}})
		}
		if err := a.db.ApproveQuote(ctx, sqlite.ApprovedQuote{SurveyID: ls.Info.ID, Area: area, Theme: theme, Text: text, ApprovedBy: actor(c)}); err != nil {
			return err
		}
		a.audit(c, "quote.approve", ls.Info.Slug, fmt.Sprintf("area %s, theme %s", area, theme))
		return c.Redirect(http.StatusSeeOther, resultsAdminURL(ls.Info.Slug)+"?done=approved#"+resultsThemeAnchor(area, theme))
	case "withdraw":
		if err := a.db.WithdrawQuote(ctx, ls.Info.ID, area, theme, text); err != nil {
			return err
		}
		a.audit(c, "quote.withdraw", ls.Info.Slug, fmt.Sprintf("area %s, theme %s", area, theme))
		return c.Redirect(http.StatusSeeOther, resultsAdminURL(ls.Info.Slug)+"?done=withdrawn#"+resultsThemeAnchor(area, theme))
	}
	return a.renderResultsAdmin(c, http.StatusUnprocessableEntity, ls,
		[]errorLink{{Href: "#quotes", Message: "Choose a quote to approve or withdraw"}})
}

type resultsPublicTheme struct {
	Label, Count, Share string
	Quotes              []string
}

type resultsPublicArea struct {
	ID, Label, Comments string
	Suppressed          bool
	Sentiment           []reportBar
	Themes              []resultsPublicTheme
	Actions             []actionView
}

type resultsPublicData struct {
	Title     string
	SurveyURL string
	Open      bool
	Responses string
	Threshold int
	Areas     []resultsPublicArea
	Actions   []actionView // for every area
}

// resultsPublic is the results page families see, when a leader has
// turned it on; otherwise there is no such page.
func (a *App) resultsPublic(c echo.Context) error {
	ctx := c.Request().Context()
	ls, err := a.reportSurvey(c)
	if err != nil {
		return err
	}
	on, err := a.db.ResultsPublished(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	if !on || ls.Info.PublishedVersion == 0 {
		return echo.ErrNotFound
	}
	sum, err := a.reportSummary(c, ls)
	if err != nil {
		return err
	}
	approved, err := a.db.ApprovedQuotes(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	actions, err := a.db.ListActions(ctx, ls.Info.ID)
	if err != nil {
		return err
	}
	isApproved := map[string]bool{}
	for _, q := range approved {
		isApproved[resultsQuoteKey(q.Area, q.Theme, q.Text)] = true
	}
	th := sum.SuppressionThreshold
	d := resultsPublicData{Title: ls.Def.Title, Responses: reportCount(sum.Responses, th), Threshold: th,
		Open: ls.Info.Status == sqlite.StatusPublished, SurveyURL: surveyPath(ls.Info.Slug)}
	views := actionViews(ls.Info.Slug, actions)
	for _, av := range views {
		if av.Area == "" {
			d.Actions = append(d.Actions, av)
		}
	}
	for i := range sum.Areas {
		as := &sum.Areas[i]
		pa := resultsPublicArea{ID: as.ID, Label: as.Label, Comments: reportCount(as.Comments, th), Suppressed: as.Suppressed}
		if !as.Suppressed {
			pa.Sentiment = reportSentimentBars(as, th, sum.PercentageBase)
			for _, t := range as.Themes {
				if t.Suppressed || len(pa.Themes) == resultsTopThemes {
					continue
				}
				pt := resultsPublicTheme{Label: t.Label, Count: reportCount(t.Count, th), Share: shareText(t.Share)}
				for _, q := range t.Quotes {
					if isApproved[resultsQuoteKey(as.ID, t.ID, q)] {
						pt.Quotes = append(pt.Quotes, q)
					}
				}
				pa.Themes = append(pa.Themes, pt)
			}
		}
		for _, av := range views {
			if av.Area == as.ID {
				pa.Actions = append(pa.Actions, av)
			}
		}
		d.Areas = append(d.Areas, pa)
	}
	return a.page(c, http.StatusOK, "results_public", &view{Title: "What families told us: " + ls.Def.Title, Data: d})
}
