package main

import (
	"context"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp/kb"
	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// TestBrowserDesignSurvey has a designer build a three-question survey
// with a show-if condition from nothing, preview it, and publish it; then
// a family answers it. Everything runs in headless Chromium with
// JavaScript off, at phone width, and axe-core checks every staff page
// at 360 and 1280 pixels wide. One browser serves every step.
func TestBrowserDesignSurvey(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	newStaffUser(t, ta.db, "designer@example.org", staff.Designer)
	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())
	base := ta.srv.URL
	const slug = "short-breaks-2026"
	overview := base + "/admin/surveys/" + slug

	axe, submit := pageChecks(b)
	// saveQuestion saves the question editor and checks it went back to
	// the overview.
	saveQuestion := func(t *testing.T) {
		t.Helper()
		submit(t, `form[method="post"] > button[value="save"]`, http.StatusOK)
		if !strings.Contains(b.URL(t), "done=saved") {
			t.Fatalf("after saving, at %s:\n%s", b.URL(t), b.Text(t, "main"))
		}
	}

	t.Run("sign in", func(t *testing.T) {
		b.Navigate(t, base+"/login")
		axe(t, "sign-in page")
		b.SetValue(t, "#email", "designer@example.org")
		b.SetValue(t, "#password", staffPassword)
		submit(t, "main button", http.StatusOK)
		b.Navigate(t, base+"/admin/surveys")
		axe(t, "survey list")
	})

	t.Run("create", func(t *testing.T) {
		submit(t, `a[href="/admin/surveys/new"]`, http.StatusOK)
		axe(t, "create survey page")
		b.SetValue(t, "#title", "Short breaks 2026")
		submit(t, "main form button", http.StatusOK)
		if got := b.Value(t, "#slug"); got != slug {
			t.Fatalf("suggested web address = %q, want %q", got, slug)
		}
		axe(t, "create survey page with a suggested address")
		submit(t, "main form button", http.StatusOK)
		if !strings.HasPrefix(b.URL(t), overview) {
			t.Fatalf("after creating, at %s", b.URL(t))
		}
		axe(t, "survey overview")
	})

	t.Run("first question: yes or no", func(t *testing.T) {
		submit(t, `a[href$="/questions/question_1"]`, http.StatusOK)
		submit(t, `a[href$="?change_type=1"]`, http.StatusOK)
		axe(t, "type of answer page")
		b.Click(t, "#type-yes_no")
		submit(t, "main form button", http.StatusOK)
		axe(t, "question editor, yes or no")
		b.SetValue(t, "#question-text", "Do you use short breaks?")
		b.SetValue(t, "#question-id", "uses_short_breaks")
		b.Click(t, "#question-required")
		saveQuestion(t)
	})

	t.Run("second question: a scale shown only after yes", func(t *testing.T) {
		b.Navigate(t, overview+"/sections/section_1/questions/new")
		b.Click(t, "#type-scale")
		submit(t, "main form button", http.StatusOK)
		// Saving with no question text shows the error beside the field.
		submit(t, `form[method="post"] > button[value="save"]`, http.StatusUnprocessableEntity)
		if !strings.Contains(b.Text(t, ".error-summary"), "Question is required") {
			t.Errorf("error summary = %q", b.Text(t, ".error-summary"))
		}
		axe(t, "question editor with an error")
		b.SetValue(t, "#question-text", "How good are the short breaks?")
		b.SetValue(t, "#scale-min-label", "Very poor")
		b.SetValue(t, "#scale-max-label", "Very good")
		b.SetValue(t, "#show-if-question", "uses_short_breaks")
		submit(t, `button[value="show-if"]`, http.StatusOK)
		axe(t, "question editor choosing the answers that show it")
		if got := b.Value(t, "#question-text"); got != "How good are the short breaks?" {
			t.Errorf("the question text was lost: %q", got)
		}
		b.Click(t, "#show-if-value-0") // Yes
		b.SetValue(t, "#question-id", "break_rating")
		saveQuestion(t)
	})

	t.Run("third question: options", func(t *testing.T) {
		b.Navigate(t, overview+"/sections/section_1/questions/new?type=multi_choice")
		b.SetValue(t, "#question-text", "What would help your family most?")
		b.SetValue(t, "#option-0-label", "Someone to talk to")
		b.SetValue(t, "#option-1-label", "More short breaks")
		submit(t, `button[value="add-options"]`, http.StatusOK)
		axe(t, "question editor with options")
		if got := b.Value(t, "#option-0-value"); got != "someone_to_talk_to" {
			t.Errorf("suggested value = %q, want someone_to_talk_to", got)
		}
		b.SetValue(t, "#option-2-label", "Something else")
		b.SetValue(t, "#question-id", "help")
		saveQuestion(t)
		axe(t, "survey overview with three questions")
		def := ta.latest(t, slug).Definition
		if got := questionIDs(def); !slices.Equal(got, []string{"uses_short_breaks", "break_rating", "help"}) {
			t.Fatalf("questions = %v", got)
		}
		if c := def.Question("break_rating").ShowIf; c == nil || c.Equals == nil || *c.Equals != "yes" {
			t.Errorf("break_rating show_if = %+v, want equals yes", c)
		}
	})

	t.Run("move a question by keyboard", func(t *testing.T) {
		b.Navigate(t, overview)
		found := false
		for range 80 {
			b.Tab(t)
			b.AssertFocusVisible(t)
			if browser.Eval[string](t, b, `document.activeElement.textContent`) == "Move up question 3" {
				found = true
				break
			}
		}
		if !found {
			t.Fatalf("never reached “Move up question 3”; focused: %s", b.Focused(t))
		}
		if got := b.PressAndWait(t, kb.Enter); got != http.StatusOK {
			t.Fatalf("Enter on Move up: status %d", got)
		}
		if got := questionIDs(ta.latest(t, slug).Definition); !slices.Equal(got, []string{"uses_short_breaks", "help", "break_rating"}) {
			t.Errorf("questions = %v after moving the third up", got)
		}
	})

	t.Run("other staff pages", func(t *testing.T) {
		for _, p := range []struct{ path, name string }{
			{"/details", "title and description page"},
			{"/sections/new", "add section page"},
			{"/sections/section_1", "edit section page"},
			{"/questions/help/delete", "delete question page"},
			{"/duplicate", "copy as a new round page"},
			{"/delete", "delete survey page"},
		} {
			if got := b.Navigate(t, overview+p.path); got != http.StatusOK {
				t.Errorf("%s: status %d", p.path, got)
			}
			axe(t, p.name)
		}
		b.Navigate(t, base+"/admin/surveys/import")
		axe(t, "import page")
		b.Navigate(t, base+"/admin/jargon")
		axe(t, "jargon list page")
	})

	t.Run("preview", func(t *testing.T) {
		b.Navigate(t, overview)
		href := browser.Eval[string](t, b, `document.querySelector('a[href$="/preview"]').getAttribute("href")`)
		b.Navigate(t, base+href)
		axe(t, "preview start page")
		submit(t, "button.button--start", http.StatusOK)
		if b.Count(t, "#q-break_rating") != 0 {
			t.Errorf("the rating shows before the answer it depends on")
		}
		// The rating depends on an answer on the first step, so it has a
		// step of its own.
		b.Click(t, "#q-uses_short_breaks") // Yes
		b.Click(t, "#q-help")
		submit(t, `button[value="continue"]`, http.StatusOK)
		axe(t, "preview step")
		if b.Count(t, "#q-break_rating-3") != 1 {
			t.Fatalf("the rating does not show after yes:\n%s", b.Text(t, "main"))
		}
		b.Click(t, "#q-break_rating-3")
		submit(t, `button[value="continue"]`, http.StatusOK)
		axe(t, "preview check page")
		submit(t, `form[action*="/preview/send"] button`, http.StatusOK)
		if !strings.Contains(b.Text(t, "main"), "Nothing you entered was stored") {
			t.Errorf("end of preview = %s", b.Text(t, "main"))
		}
		if n := ta.countResponses(t, slug); n != 0 {
			t.Errorf("the preview stored %d responses", n)
		}
	})

	t.Run("publish", func(t *testing.T) {
		b.Navigate(t, overview+"/publish")
		axe(t, "publish page")
		submit(t, "main form button", http.StatusOK)
		if !strings.Contains(b.Text(t, ".notice"), "Survey published") {
			t.Errorf("notice = %q", b.Text(t, ".notice"))
		}
		axe(t, "overview of a published survey")
	})

	t.Run("a family answers", func(t *testing.T) {
		family := browser.New(t, browser.Mobile(), browser.NoJavaScript())
		family.Navigate(t, base+"/s/"+slug)
		family.Submit(t, "button.button--start")
		family.Click(t, "#q-uses_short_breaks-1") // No
		family.Click(t, "#q-help-1")
		family.Submit(t, `button[value="continue"]`)
		if !strings.HasSuffix(family.URL(t), "/check") || strings.Contains(family.Text(t, "main"), "How good are the short breaks?") {
			t.Errorf("after no, at %s:\n%s", family.URL(t), family.Text(t, "main"))
		}
		if got := family.Submit(t, `form[action$="/send"] button`); got != http.StatusOK {
			t.Fatalf("send: status %d", got)
		}
		if n := ta.countResponses(t, slug); n != 1 {
			t.Errorf("stored %d responses, want 1", n)
		}
		v, err := ta.db.PublishedVersion(ctx, slug)
		if err != nil || v.Definition.Question("help").Type != survey.MultiChoice {
			t.Errorf("published version = %v, %v", v, err)
		}
	})
}
