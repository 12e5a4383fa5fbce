package main

import (
	"net/http"
	"regexp"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
)

// TestBrowserFamilyJourney drives the whole family journey in headless
// Chromium at phone width with JavaScript off: an error, save and resume
// on another device, check answers, a change, and the confirmation. Every
// page is checked with axe-core.
func TestBrowserFamilyJourney(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	base := ta.srv.URL + "/s/short-breaks-check"
	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())

	if got := b.Navigate(t, base); got != http.StatusOK {
		t.Fatalf("start page status = %d", got)
	}
	b.AssertNoAxeViolations(t, "start page")
	if got := b.Submit(t, "button.button--start"); got != http.StatusOK {
		t.Fatalf("start: status %d", got)
	}
	b.AssertNoAxeViolations(t, "first step")

	// Continue without the required answer: the error summary links to
	// the field and the page keeps what was chosen.
	b.Click(t, "#q-uses_short_breaks")
	if got := b.Submit(t, `button[value="continue"]`); got != http.StatusUnprocessableEntity {
		t.Fatalf("missing answer: status %d, want 422", got)
	}
	if !strings.Contains(b.Text(t, ".error-summary"), "How old is your child?") {
		t.Errorf("error summary = %q", b.Text(t, ".error-summary"))
	}
	if !strings.HasPrefix(b.Title(t), "Error:") {
		t.Errorf("title = %q, want it to start with Error:", b.Title(t))
	}
	b.AssertNoAxeViolations(t, "first step with errors")
	if !browser.Eval[bool](t, b, `document.querySelector('#q-uses_short_breaks').checked`) {
		t.Errorf("the chosen answer was lost on the error page")
	}
	b.Click(t, "#q-age_band-2") // 11 to 15
	b.Submit(t, `button[value="continue"]`)
	b.AssertNoAxeViolations(t, "rating step")
	b.Click(t, "#q-break_rating-3") // 4
	b.Submit(t, `button[value="continue"]`)

	// Save and come back later from another device with the code.
	b.SetValue(t, "#q-nickname", "Sam")
	b.Click(t, "#q-needs")
	b.Submit(t, `button[value="save"]`)
	b.AssertNoAxeViolations(t, "saved page")
	code := regexp.MustCompile(`[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}`).FindString(b.Text(t, "main"))
	if code == "" {
		t.Fatalf("no code on the saved page: %s", b.Text(t, "main"))
	}

	other := browser.New(t, browser.Mobile(), browser.NoJavaScript())
	other.Navigate(t, base)
	other.Click(t, `a[href$="/resume"]`)
	other.AssertNoAxeViolations(t, "resume page")
	other.SetValue(t, "#code", code)
	if got := other.Submit(t, "main button"); got != http.StatusOK {
		t.Fatalf("resume: status %d", got)
	}
	if got := other.Value(t, "#q-nickname"); got != "Sam" {
		t.Errorf("resumed nickname = %q, want Sam", got)
	}
	other.SetValue(t, "#q-wait_months", "6")
	other.Submit(t, `button[value="continue"]`)
	other.AssertNoAxeViolations(t, "post-16 step")
	other.SetValue(t, "#q-post16_plan", "College, we hope.")
	other.Submit(t, `button[value="continue"]`)
	other.AssertNoAxeViolations(t, "check answers page")
	if got := other.Text(t, "main"); !strings.Contains(got, "College, we hope.") || !strings.Contains(got, "Autism") {
		t.Errorf("check page = %s", got)
	}
	if got := other.Submit(t, `form[action$="/send"] button`); got != http.StatusOK {
		t.Fatalf("send: status %d", got)
	}
	other.AssertNoAxeViolations(t, "confirmation page")
	if !regexp.MustCompile(`FV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}`).MatchString(other.Text(t, ".panel")) {
		t.Errorf("confirmation = %q, want a reference", other.Text(t, ".panel"))
	}
	if n := ta.countResponses(t, "short-breaks-check"); n != 1 {
		t.Errorf("stored %d responses, want 1", n)
	}
}

// TestBrowserKeyboardOnlyJourney answers a step with the keyboard alone,
// checking that focus is always visible.
func TestBrowserKeyboardOnlyJourney(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())
	b.Navigate(t, ta.srv.URL+"/s/short-breaks-check")
	// Skip link, home link, then the start button.
	for i := 0; i < 12 && !b.IsFocused(t, "button.button--start"); i++ {
		b.Tab(t)
		b.AssertFocusVisible(t)
	}
	if !b.IsFocused(t, "button.button--start") {
		t.Fatalf("Start now never took focus; focused: %s", b.Focused(t))
	}
	if got := b.PressAndWait(t, kb.Enter); got != http.StatusOK {
		t.Fatalf("Enter on Start now: status %d", got)
	}
	// Tab to the first radio, choose with Space, move on to the yes/no.
	for i := 0; i < 12 && !b.IsFocused(t, "#q-age_band"); i++ {
		b.Tab(t)
		b.AssertFocusVisible(t)
	}
	b.Space(t)
	for i := 0; i < 12 && !b.IsFocused(t, "#q-uses_short_breaks-1"); i++ {
		b.Tab(t)
		b.AssertFocusVisible(t)
		if b.IsFocused(t, "#q-uses_short_breaks") {
			b.Press(t, kb.ArrowDown) // radios in a group move with arrows
		}
	}
	b.Space(t)
	for i := 0; i < 6 && !b.IsFocused(t, `button[value="continue"]`); i++ {
		b.Tab(t)
		b.AssertFocusVisible(t)
	}
	if got := b.PressAndWait(t, kb.Enter); got != http.StatusOK {
		t.Fatalf("Enter on Continue: status %d", got)
	}
	if !strings.Contains(b.URL(t), "/page/2") {
		t.Errorf("after the first step, at %s; want page 2 (no short breaks, so no rating)", b.URL(t))
	}
}
