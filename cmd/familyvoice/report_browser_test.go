package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/xuri/excelize/v2"
)

// TestBrowserReportActionsResults has a leader, in headless Chromium with
// JavaScript off, record an action through the form, turn on the public
// results page and approve a quote, read the public page as a family
// would, open the report and print it to PDF, and download the exports
// with the same sign-in cookie. axe-core checks every page at 360 and 1280
// pixels wide.
func TestBrowserReportActionsResults(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	if err := installDemo(ctx, ta.db, 0, demoSeed); err != nil {
		t.Fatal(err)
	}
	token := newStaffSession(t, ta.db, "lead@example.org", staff.Leader)
	base := ta.srv.URL
	survey := base + "/admin/surveys/" + demo.Slug
	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())
	b.SetCookie(t, base, sessionCookie, token)
	axe, submit := pageChecks(b)

	t.Run("record an action", func(t *testing.T) {
		if got := b.Navigate(t, survey+"/actions"); got != http.StatusOK {
			t.Fatalf("actions page: status %d", got)
		}
		axe(t, "actions page")
		submit(t, `main a[href$="/actions/new"]`, http.StatusOK)
		axe(t, "add action form")
		submit(t, "main form button.button", http.StatusUnprocessableEntity)
		if !strings.Contains(b.Text(t, ".error-summary"), "Choose the theme the action is about") {
			t.Errorf("error summary = %q", b.Text(t, ".error-summary"))
		}
		axe(t, "add action form with errors")
		b.SetValue(t, "#theme", "waiting_times")
		b.SetValue(t, "#area", "health")
		b.SetValue(t, "#what", "Publish the waiting time for every health clinic each month")
		b.SetValue(t, "#who", "Children's community health")
		b.SetValue(t, "#due-day", "31")
		b.SetValue(t, "#due-month", "3")
		b.SetValue(t, "#due-year", "2027")
		b.Click(t, "#status-in_progress")
		submit(t, "main form button.button", http.StatusOK)
		if !strings.Contains(b.Text(t, "main"), "Action added.") || !strings.Contains(b.Text(t, "main"), "31 March 2027") {
			t.Fatalf("after adding, at %s:\n%s", b.URL(t), b.Text(t, "main"))
		}
		axe(t, "actions page with an action")
	})

	t.Run("open the public results page", func(t *testing.T) {
		b.Navigate(t, survey+"/results")
		axe(t, "public results settings")
		submit(t, `#published button`, http.StatusOK)
		submit(t, `button[value="approve"]`, http.StatusOK)
		if !strings.Contains(b.Text(t, "main"), "Quotes approved: 1.") {
			t.Fatalf("after approving:\n%s", b.Text(t, "main"))
		}
		axe(t, "public results settings with an approved quote")

		family := browser.New(t, browser.Mobile(), browser.NoJavaScript())
		if got := family.Navigate(t, base+"/s/"+demo.Slug+"/results"); got != http.StatusOK {
			t.Fatalf("public results page: status %d", got)
		}
		if got := family.Count(t, "blockquote.quote"); got != 1 {
			t.Errorf("the public page shows %d quotes, want the one approved", got)
		}
		if !strings.Contains(family.Text(t, "main"), "Publish the waiting time for every health clinic each month") {
			t.Errorf("the public page lacks the action")
		}
		family.AssertNoAxeViolations(t, "public results page at 360px")
		family.Run(t, "widening to 1280px", chromedp.EmulateViewport(browser.DesktopWidth, browser.DesktopHeight))
		family.AssertNoAxeViolations(t, "public results page at 1280px")
		family.AssertNoDialogs(t)
	})

	t.Run("print the report", func(t *testing.T) {
		if got := b.Navigate(t, survey+"/report"); got != http.StatusOK {
			t.Fatalf("report: status %d", got)
		}
		axe(t, "report")
		if got := b.Count(t, "section.report-area"); got < 6 {
			t.Errorf("the report has %d sections, want one per area and more", got)
		}
		pdf := b.PDF(t)
		if !bytes.HasPrefix(pdf, []byte("%PDF")) {
			t.Fatalf("the printed report is not a PDF: %q", pdf[:min(len(pdf), 16)])
		}
		if pages := len(regexp.MustCompile(`/Type\s*/Page[^s]`).FindAllIndex(pdf, -1)); pages < 6 {
			t.Errorf("the printed report has %d pages, want each area on a page of its own", pages)
		} else {
			t.Logf("the printed report has %d A4 pages (%d bytes)", pages, len(pdf))
		}
	})

	t.Run("download the exports", func(t *testing.T) {
		get := func(name string) (*http.Response, []byte) {
			req, _ := http.NewRequest("GET", survey+"/export/"+name, nil)
			req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
			res, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer res.Body.Close()
			body, _ := io.ReadAll(res.Body)
			return res, body
		}
		res, body := get("comments.csv")
		if res.StatusCode != http.StatusOK || !strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment") ||
			!strings.Contains(string(body), "row,question_id,question_area,text") {
			t.Errorf("comments.csv: %d %q", res.StatusCode, res.Header.Get("Content-Disposition"))
		}
		res, body = get("summary.xlsx")
		if res.StatusCode != http.StatusOK {
			t.Fatalf("summary.xlsx: %d", res.StatusCode)
		}
		f, err := excelize.OpenReader(bytes.NewReader(body))
		if err != nil {
			t.Fatalf("open the workbook: %v", err)
		}
		defer f.Close()
		if rows, _ := f.GetRows("Comments"); len(rows) < 100 {
			t.Errorf("the workbook has %d comment rows", len(rows))
		}
	})
}
