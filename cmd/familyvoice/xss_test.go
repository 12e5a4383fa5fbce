package main

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// xssPayloads reads the corpus of script-injection attempts.
func xssPayloads(t *testing.T) []string {
	t.Helper()
	f, err := os.Open("testdata/xss-payloads.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); l != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	if len(out) < 50 {
		t.Fatalf("only %d payloads; the suite needs at least 50", len(out))
	}
	return out
}

// xssDefinition builds a survey with a payload in every text a person
// sees: titles, descriptions, the privacy notice, questions, hints,
// option labels and scale labels.
func xssDefinition(payloads []string) *survey.Definition {
	next := 0
	p := func() string {
		s := payloads[next%len(payloads)]
		next++
		return s
	}
	d := &survey.Definition{Slug: "xss-survey", Title: "XSS " + p(), Description: p(), PrivacyNotice: p()}
	for si := 0; si < 3; si++ {
		sec := survey.Section{ID: fmt.Sprintf("s%d", si), Title: p(), Description: p()}
		sec.Questions = []survey.Question{
			{ID: fmt.Sprintf("choice_%d", si), Type: survey.SingleChoice, Text: p(), Hint: p(), Area: survey.Areas[si],
				Options: []survey.Option{{Value: "o1", Label: p()}, {Value: "o2", Label: p()}, {Value: "o3", Label: p()}}},
			{ID: fmt.Sprintf("many_%d", si), Type: survey.MultiChoice, Text: p(), Hint: p(), Profile: si == 0,
				Options: []survey.Option{{Value: "m1", Label: p()}, {Value: "m2", Label: p()}}},
			{ID: fmt.Sprintf("rate_%d", si), Type: survey.Scale, Text: p(), Hint: p(), Area: survey.Areas[si],
				Scale: &survey.ScaleRange{Min: 1, Max: 5, MinLabel: p(), MaxLabel: p()}},
			{ID: fmt.Sprintf("comment_%d", si), Type: survey.LongText, Text: p(), Hint: p(), Area: survey.Areas[si]},
			{ID: fmt.Sprintf("short_%d", si), Type: survey.ShortText, Text: p(), Hint: p(), MaxLength: 400},
		}
		d.Sections = append(d.Sections, sec)
	}
	return d
}

// TestXSSNoPayloadRuns puts every payload into a survey's texts and into
// answers, then renders every family and staff page in Chromium with
// JavaScript on. Any alert, confirm or prompt fails the test.
func TestXSSNoPayloadRuns(t *testing.T) {
	payloads := xssPayloads(t)
	ta := newTestApp(t)
	ctx := context.Background()
	def := xssDefinition(payloads)
	if err := def.Validate(); err != nil {
		t.Fatalf("XSS survey is not valid: %v", err)
	}
	v := ta.storeSurvey(t, def, true)
	// Answers carrying payloads, through the API, enough for summaries.
	for i := 0; i < 12; i++ {
		answers := map[string]any{}
		for si := 0; si < 3; si++ {
			answers[fmt.Sprintf("choice_%d", si)] = []string{"o1", "o2", "o3"}[i%3]
			answers[fmt.Sprintf("rate_%d", si)] = 1 + i%5
			answers[fmt.Sprintf("comment_%d", si)] = payloads[(i*3+si)%len(payloads)] + " the school and CAMHS " + payloads[(i*7+si)%len(payloads)]
			answers[fmt.Sprintf("short_%d", si)] = payloads[(i+si*11)%len(payloads)]
		}
		body, _ := json.Marshal(map[string]any{"answers": answers})
		if res, b := ta.do(t, "POST", "/api/v1/surveys/xss-survey/responses", "application/json", string(body)); res.StatusCode != 201 {
			t.Fatalf("submit: %d %s", res.StatusCode, b)
		}
	}

	// A family's draft full of payloads, for the journey pages.
	d, keys, err := ta.db.CreateDraft(ctx, v, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	for si := 0; si < 3; si++ {
		d.Answers[fmt.Sprintf("choice_%d", si)] = survey.TextValue(survey.SingleChoice, "o2")
		d.Answers[fmt.Sprintf("many_%d", si)] = survey.ChoicesValue("m1", "m2")
		d.Answers[fmt.Sprintf("comment_%d", si)] = survey.TextValue(survey.LongText, payloads[si]+payloads[si+10])
		d.Answers[fmt.Sprintf("short_%d", si)] = survey.TextValue(survey.ShortText, payloads[si+20])
	}
	if err := ta.db.SaveDraftAnswers(ctx, d, time.Hour); err != nil {
		t.Fatal(err)
	}
	admin, err := ta.db.CreateUser(ctx, "xss-admin@example.org", staff.HashPassword("a long test password"), []staff.Role{staff.Admin})
	if err != nil {
		t.Fatal(err)
	}
	session, err := ta.db.CreateSession(ctx, admin.ID)
	if err != nil {
		t.Fatal(err)
	}

	b := browser.New(t, browser.Desktop())
	b.SetCookie(t, ta.srv.URL+"/s/xss-survey", draftCookie, keys.Token)
	b.SetCookie(t, ta.srv.URL+"/", sessionCookie, session)
	start := []string{"/", "/s/xss-survey", "/s/xss-survey/check", "/s/xss-survey/saved", "/s/xss-survey/resume", "/admin"}
	for n := range def.Pages() {
		start = append(start, pageURL("xss-survey", n))
	}
	visited := crawl(t, b, ta.srv.URL, start, 150)
	t.Logf("rendered %d pages", len(visited))
	if len(visited) < 10 {
		t.Errorf("only %d pages were rendered: %v", len(visited), visited)
	}
}

// crawl visits the start pages and every same-site page they link to
// (breadth first, up to limit), failing if any page opens a dialog.
func crawl(t *testing.T, b *browser.Browser, base string, start []string, limit int) []string {
	t.Helper()
	queue := append([]string(nil), start...)
	seen := map[string]bool{}
	var visited []string
	for len(queue) > 0 && len(visited) < limit {
		p := queue[0]
		queue = queue[1:]
		if seen[p] || skipCrawl(p) {
			continue
		}
		seen[p] = true
		b.Navigate(t, base+p)
		visited = append(visited, p)
		if ds := b.Dialogs(); len(ds) > 0 {
			t.Fatalf("a payload ran on %s: %v", p, ds)
		}
		// The policy blocks inline script even if escaping fails, so look
		// for injected markup too: that catches a missed escape on its own.
		if bad := browser.Eval[[]string](t, b, injectedMarkupJS); len(bad) > 0 {
			t.Fatalf("payload markup reached the page %s: %v", p, bad)
		}
		links := browser.Eval[[]string](t, b, `Array.from(document.querySelectorAll('a[href]')).map(a => a.getAttribute('href'))`)
		for _, l := range links {
			u, err := url.Parse(l)
			if err != nil || u.IsAbs() || !strings.HasPrefix(u.Path, "/") {
				continue // only this site's own pages
			}
			u.Fragment = ""
			if !seen[u.String()] {
				queue = append(queue, u.String())
			}
		}
	}
	return visited
}

// injectedMarkupJS lists elements and attributes no FamilyVoice page
// has of its own: event handlers, script and frame elements, and
// javascript: or data: URLs.
const injectedMarkupJS = `(() => {
	const bad = [];
	for (const el of document.querySelectorAll('*')) {
		const tag = el.tagName.toLowerCase();
		if (['iframe', 'object', 'embed', 'base', 'frame', 'applet', 'marquee', 'keygen'].includes(tag)) bad.push(tag);
		if (tag === 'script' && !(el.getAttribute('src') || '').startsWith('/static/')) bad.push('script');
		if (tag === 'meta' && el.hasAttribute('http-equiv')) bad.push('meta http-equiv');
		for (const a of el.attributes) {
			if (/^on/i.test(a.name)) bad.push(tag + ' ' + a.name);
			if (/(href|src|action|data)$/i.test(a.name) && /^\s*(javascript|data|vbscript):/i.test(a.value)) bad.push(tag + ' ' + a.name + '=' + a.value);
		}
	}
	return bad;
})()`

// skipCrawl leaves out pages that download files or end the session.
func skipCrawl(p string) bool {
	for _, s := range []string{"/logout", "/export", "/download", ".csv", ".xlsx", ".json", "/static/", "/resume/"} {
		if strings.Contains(p, s) {
			return true
		}
	}
	return false
}

// TestCSPBlocksInlineScript proves the Content-Security-Policy alone
// stops an inline script, by serving one unescaped: with the app's
// headers no dialog opens, without them one does (so the check works).
func TestCSPBlocksInlineScript(t *testing.T) {
	page := `<!DOCTYPE html><html lang="en"><title>t</title><p>x</p><script>alert("inline ran")</script><img src=x onerror="alert('handler ran')">`
	serve := func(withHeaders bool) string {
		e := echo.New()
		if withHeaders {
			e.Use(securityHeaders)
		}
		e.GET("/", func(c echo.Context) error { return c.HTML(http.StatusOK, page) })
		srv := httptest.NewServer(e)
		t.Cleanup(srv.Close)
		return srv.URL
	}
	b := browser.New(t)
	b.Navigate(t, serve(true))
	b.Run(t, "waiting", chromedp.Sleep(200*time.Millisecond))
	if ds := b.Dialogs(); len(ds) > 0 {
		t.Errorf("with the CSP, inline script ran: %v", ds)
	}
	control := browser.New(t)
	control.Navigate(t, serve(false))
	control.Run(t, "waiting", chromedp.Sleep(200*time.Millisecond))
	if len(control.Dialogs()) == 0 {
		t.Errorf("without the CSP no dialog opened, so this test could not see script running")
	}
}
