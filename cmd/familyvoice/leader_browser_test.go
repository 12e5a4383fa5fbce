package main

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// TestBrowserLeaderJourney has a leader sign in and answer "what are
// families saying about autism support, and is it better than last
// year?" in headless Chromium with JavaScript off, at phone width: the
// overview, a filter by a profile answer, the autism page, a theme and
// the comparison with the previous round. axe-core checks every page at
// 360 and 1280 pixels wide, and a refused filter too.
func TestBrowserLeaderJourney(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	if err := installDemo(ctx, ta.db, 300, 1); err != nil {
		t.Fatal(err)
	}
	newStaffUser(t, ta.db, "leader@example.org", staff.Leader)
	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())
	base := ta.srv.URL

	axe, submit := pageChecks(b)
	// noSideways checks that nothing but a scrolling table is wider than
	// the phone's screen.
	noSideways := func(t *testing.T) {
		t.Helper()
		if w := browser.Eval[int](t, b, `document.documentElement.scrollWidth`); w > browser.MobileWidth {
			t.Errorf("the page is %dpx wide at 360px", w)
		}
	}

	t.Run("sign in and open the overview", func(t *testing.T) {
		b.Navigate(t, base+"/login?next=/admin/surveys")
		b.SetValue(t, "#email", "leader@example.org")
		b.SetValue(t, "#password", staffPassword)
		submit(t, "main button", http.StatusOK)
		submit(t, `a[href="/admin/surveys/`+demo.Slug+`/summary"]`, http.StatusOK)
		if got := b.Text(t, "h1"); got != "SEND local area survey 2026" {
			t.Fatalf("heading = %q", got)
		}
		if n := b.Count(t, `.card svg[role="img"]`); n != 5 {
			t.Errorf("%d area cards with a tone chart, want 5", n)
		}
		noSideways(t)
		axe(t, "overview")
	})

	t.Run("filter by a profile answer", func(t *testing.T) {
		b.Click(t, "#filters summary")
		b.Click(t, `input[name="f.child_age"][value="11-15"]`)
		submit(t, "#filters button", http.StatusOK)
		if !strings.Contains(b.URL(t), "f.child_age=11-15") {
			t.Fatalf("after filtering, at %s", b.URL(t))
		}
		if !strings.Contains(b.Text(t, "main"), "Showing only families who answered") {
			t.Errorf("the page does not say it is filtered")
		}
		noSideways(t)
		axe(t, "filtered overview")
	})

	t.Run("the autism page", func(t *testing.T) {
		submit(t, "#area-autism h3 a", http.StatusOK)
		if got := b.Text(t, "h1"); got != "Autism" {
			t.Fatalf("heading = %q", got)
		}
		if !strings.Contains(b.URL(t), "f.child_age=11-15") {
			t.Errorf("the filter was lost on the way: %s", b.URL(t))
		}
		if b.Count(t, ".comment") == 0 {
			t.Errorf("no comments listed")
		}
		b.Click(t, ".comment .why summary")
		noSideways(t)
		axe(t, "autism page")
		b.SetValue(t, "#comment-search", "diagnosis")
		submit(t, ".search button", http.StatusOK)
		if !strings.Contains(b.URL(t), "q=diagnosis") || !strings.Contains(b.URL(t), "f.child_age=11-15") {
			t.Errorf("search lost the words or the filter: %s", b.URL(t))
		}
		axe(t, "autism page searched")
	})

	t.Run("a theme across the areas", func(t *testing.T) {
		submit(t, `a[href^="/admin/surveys/`+demo.Slug+`/themes/diagnosis"]`, http.StatusOK)
		noSideways(t)
		axe(t, "theme page")
	})

	t.Run("compare with the previous round", func(t *testing.T) {
		b.Navigate(t, base+"/admin/surveys/"+demo.Slug+"/summary")
		submit(t, `#area-autism a[href*="/compare?with="]`, http.StatusOK)
		main := b.Text(t, "main")
		for _, want := range []string{"SEND local area survey 2025", "Autism", "Welch's t-test"} {
			if !strings.Contains(main, want) {
				t.Errorf("compare page lacks %q", want)
			}
		}
		noSideways(t)
		axe(t, "compare page")
	})

	t.Run("a refused filter", func(t *testing.T) {
		status := b.Navigate(t, base+"/admin/surveys/"+demo.Slug+"/summary?f.child_age=nonsense")
		if status != http.StatusUnprocessableEntity {
			t.Fatalf("status = %d, want 422", status)
		}
		axe(t, "refused filter")
	})
}
