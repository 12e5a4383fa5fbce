package main

import (
	"context"
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey/demo"
)

// answerPageJS fills in every question on a step: the first option of
// each group of radios or checkboxes, a number in number boxes and a few
// words in text boxes. It is how a family in a hurry answers.
const answerPageJS = `(() => {
	const seen = new Set();
	for (const input of document.querySelectorAll('main input[type=radio], main input[type=checkbox]')) {
		if (!seen.has(input.name)) { seen.add(input.name); input.checked = true; }
	}
	for (const input of document.querySelectorAll('main input[type=text]')) {
		input.value = input.getAttribute('inputmode') === 'decimal' ? '3' : 'Fine';
	}
	for (const area of document.querySelectorAll('main textarea')) {
		area.value = 'The school has been helpful but we waited a long time for speech therapy.';
	}
	return seen.size;
})()`

// TestBrowserDemoSurvey completes the demo survey at phone size, with
// JavaScript off and then on: an error first, save and resume with the
// link, every step, check answers and the confirmation, with axe-core on
// every page.
func TestBrowserDemoSurvey(t *testing.T) {
	for _, tc := range []struct {
		name string
		opts []browser.Option
	}{
		{"javascript off", []browser.Option{browser.Mobile(), browser.NoJavaScript()}},
		{"javascript on", []browser.Option{browser.Mobile()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ta := newTestApp(t)
			if err := installDemo(context.Background(), ta.db, 5, 1); err != nil {
				t.Fatal(err)
			}
			before := ta.countResponses(t, demo.Slug)
			base := ta.srv.URL + "/s/" + demo.Slug
			b := browser.New(t, tc.opts...)
			b.Navigate(t, base)
			b.AssertNoAxeViolations(t, "start page")
			b.Submit(t, "button.button--start")

			// Continue with nothing chosen: the required questions say so.
			if got := b.Submit(t, `button[value="continue"]`); got != http.StatusUnprocessableEntity {
				t.Fatalf("empty first step: status %d, want 422", got)
			}
			b.AssertNoAxeViolations(t, "first step with errors")

			// Save at once and come back by the link in a fresh browser.
			browser.Eval[int](t, b, answerPageJS)
			b.Submit(t, `button[value="save"]`)
			link := regexp.MustCompile(`http://[^\s"<]+/resume/[A-Za-z0-9_-]+`).FindString(b.Text(t, "main"))
			if link == "" {
				t.Fatalf("no resume link on the saved page")
			}
			b = browser.New(t, tc.opts...)
			b.Navigate(t, link)

			for step := 0; step < 40 && !strings.HasSuffix(b.URL(t), "/check"); step++ {
				b.AssertNoAxeViolations(t, "step "+b.URL(t))
				browser.Eval[int](t, b, answerPageJS)
				if got := b.Submit(t, `button[value="continue"]`); got != http.StatusOK {
					t.Fatalf("continue on %s: status %d\n%s", b.URL(t), got, b.Text(t, ".error-summary"))
				}
			}
			if !strings.HasSuffix(b.URL(t), "/check") {
				t.Fatalf("never reached check your answers; at %s", b.URL(t))
			}
			b.AssertNoAxeViolations(t, "check answers")
			if got := b.Submit(t, `form[action$="/send"] button`); got != http.StatusOK {
				t.Fatalf("send: status %d", got)
			}
			b.AssertNoAxeViolations(t, "confirmation")
			if !strings.Contains(b.Text(t, ".panel"), "FV-") {
				t.Errorf("confirmation = %q", b.Text(t, ".panel"))
			}
			if got := ta.countResponses(t, demo.Slug); got != before+1 {
				t.Errorf("responses = %d, want %d", got, before+1)
			}
		})
	}
}

// TestBrowserNarrowScreen checks the family pages fit a 320 px screen
// with nothing wider than it.
func TestBrowserNarrowScreen(t *testing.T) {
	ta := newTestApp(t)
	if err := installDemo(context.Background(), ta.db, 5, 1); err != nil {
		t.Fatal(err)
	}
	b := browser.New(t, browser.Viewport(320, 640), browser.NoJavaScript())
	b.Navigate(t, ta.srv.URL+"/s/"+demo.Slug)
	for _, page := range []string{"start page", "first step", "first step with errors"} {
		if w := browser.Eval[int](t, b, `document.documentElement.scrollWidth`); w > 320 {
			t.Errorf("%s is %d px wide at a 320 px screen", page, w)
		}
		switch page {
		case "start page":
			b.Submit(t, "button.button--start")
		case "first step":
			b.Submit(t, `button[value="continue"]`)
		}
	}
}
