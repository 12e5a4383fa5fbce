package main

import (
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"
	"sync"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/plain"
	"github.com/labstack/echo/v4"
)

// The plain English check: advice on every question (long sentences, a
// high reading age, unexplained jargon), never blocking a change. The
// jargon list is the forum's own, edited here as CSV and kept in the
// settings table; until someone edits it, the default list applies.

const jargonSetting = "jargon_csv"

// checkers keeps the Checker built from the last jargon list read, as
// building one compiles every term.
var checkers struct {
	sync.Mutex
	csv     string
	checker *plain.Checker
}

// jargonCSV returns the forum's jargon list, or the default one.
func (a *App) jargonCSV(c echo.Context) (string, bool, error) {
	s, err := a.db.Setting(c.Request().Context(), jargonSetting)
	if survey.ErrorCode(err) == survey.ENotFound {
		return string(plain.DefaultJargonCSV()), false, nil
	}
	return s, true, err
}

// jargon returns the plain English checker with the forum's jargon list.
// A list that cannot be read (which saving never allows) falls back to
// the default, so advice is never lost.
func (a *App) jargon(c echo.Context) *plain.Checker {
	csv, _, err := a.jargonCSV(c)
	if err != nil {
		a.log.Error("read jargon list", "err", err)
		csv = string(plain.DefaultJargonCSV())
	}
	checkers.Lock()
	defer checkers.Unlock()
	if checkers.checker != nil && checkers.csv == csv {
		return checkers.checker
	}
	terms, err := plain.LoadJargon(strings.NewReader(csv))
	if err != nil {
		terms = plain.DefaultJargon()
	}
	checkers.csv, checkers.checker = csv, plain.NewChecker(terms)
	return checkers.checker
}

// questionAdvice is the plain English advice on a question, one message
// each.
func questionAdvice(q *survey.Question, checker *plain.Checker) []string {
	var out []string
	for _, ad := range checker.CheckQuestion(q.Text, q.Hint) {
		out = append(out, ad.Message)
	}
	return out
}

// adviceCount is how many pieces of advice a whole survey has.
func adviceCount(def *survey.Definition, checker *plain.Checker) int {
	n := 0
	for _, q := range def.Questions() {
		n += len(checker.CheckQuestion(q.Text, q.Hint))
	}
	return n
}

// readingAge describes the estimated reading age of a question.
func readingAge(q *survey.Question) string {
	text := q.Text
	if strings.TrimSpace(q.Hint) != "" {
		text += "\n" + q.Hint
	}
	age, ok := plain.ReadingAge(text)
	if !ok {
		return "The question is too short for a reliable reading age."
	}
	return fmt.Sprintf("Estimated reading age: about %.0f (aim for %d).", math.Round(age), plain.DefaultAimReadingAge)
}

type jargonData struct {
	CSV           string
	Terms         []plain.Term
	Custom        bool
	Error         string
	Action        string
	DownloadURL   string
	DefaultAction string
}

func (a *App) jargonForm(c echo.Context) error {
	csv, custom, err := a.jargonCSV(c)
	if err != nil {
		return err
	}
	return a.renderJargon(c, http.StatusOK, jargonData{CSV: csv, Custom: custom}, nil)
}

func (a *App) renderJargon(c echo.Context, status int, d jargonData, errs []errorLink) error {
	d.Action, d.DownloadURL = "/admin/jargon", "/admin/jargon/download"
	if terms, err := plain.LoadJargon(strings.NewReader(d.CSV)); err == nil {
		d.Terms = terms
	} else if d.Error == "" {
		d.Terms = plain.DefaultJargon()
	}
	return a.page(c, status, "design_jargon", &view{Title: "Jargon list", Errors: errs, Data: &d})
}

// jargonPost saves an edited list, or puts the default back.
func (a *App) jargonPost(c echo.Context) error {
	ctx := c.Request().Context()
	if c.FormValue("action") == "default" {
		if c.FormValue("confirm") != "yes" {
			return a.page(c, http.StatusOK, "design_confirm", &view{Title: "Put back the standard list", Data: confirmData{
				Heading: "Put back the standard jargon list", Caption: "Jargon list",
				Paragraphs: []string{"The forum's own list will be replaced by the standard one. You cannot undo this, so download the list first if you may want it again."},
				Action:     "/admin/jargon", Button: "Put back the standard list", BackURL: "/admin/jargon", Warning: true,
				Hidden: map[string]string{"action": "default", "confirm": "yes"},
			}})
		}
		if err := a.db.SetSetting(ctx, jargonSetting, string(plain.DefaultJargonCSV())); err != nil {
			return err
		}
		a.audit(c, "jargon.update", "", "default list restored")
		return c.Redirect(http.StatusSeeOther, "/admin/jargon")
	}
	csv := strings.ReplaceAll(c.FormValue("csv"), "\r\n", "\n")
	terms, err := plain.LoadJargon(strings.NewReader(csv))
	if err != nil {
		var ie *plain.InputError
		if !errors.As(err, &ie) {
			return err
		}
		msg := capitalise(ie.Error())
		return a.renderJargon(c, http.StatusUnprocessableEntity, jargonData{CSV: csv, Custom: true, Error: msg},
			[]errorLink{{Href: "#jargon-csv", Message: msg}})
	}
	// The list is kept as typed, with any notes columns the forum keeps.
	if err := a.db.SetSetting(ctx, jargonSetting, csv); err != nil {
		return err
	}
	a.audit(c, "jargon.update", "", fmt.Sprintf("%d terms", len(terms)))
	return c.Redirect(http.StatusSeeOther, "/admin/jargon")
}

// jargonDownload sends the list as a CSV file for a spreadsheet.
func (a *App) jargonDownload(c echo.Context) error {
	csv, _, err := a.jargonCSV(c)
	if err != nil {
		return err
	}
	c.Response().Header().Set(echo.HeaderContentDisposition, `attachment; filename="jargon.csv"`)
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", []byte(csv))
}
