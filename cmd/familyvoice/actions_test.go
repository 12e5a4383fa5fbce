package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

const actionsBase = "/admin/surveys/" + reportSlug + "/actions"

func validActionForm() url.Values {
	return url.Values{
		"theme": {"waiting_times"}, "area": {"health"},
		"what": {"Publish waiting times for every clinic each month"}, "who": {"Children's community health"},
		"due_day": {"31"}, "due_month": {"3"}, "due_year": {"2027"}, "status": {"planned"},
	}
}

func TestActionsAddChangeDelete(t *testing.T) {
	ta, v := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	ctx := context.Background()

	list := b.get(actionsBase)
	wantStatus(t, list, http.StatusOK)
	wantContains(t, list, "You said, we did", "No actions have been recorded yet", "The public results page is off")

	// The form can be opened from a theme, with it chosen.
	form := b.get(actionsBase + "/new?theme=transport&area=health")
	wantStatus(t, form, http.StatusOK)
	wantContains(t, form, `<option value="transport" selected>`, `<option value="health" selected>`, `value="planned" checked`)

	added := b.submit(form, actionsBase, validActionForm())
	wantRedirect(t, added, actionsBase+"?done=added#action-1")
	list = b.get(actionsBase + "?done=added")
	wantContains(t, list, "Action added.", "Waiting times", "Health", "Publish waiting times for every clinic each month",
		"Children&#39;s community health", "31 March 2027", "Planned", "By lead@example.org on")

	edit := b.get(actionsBase + "/1")
	wantStatus(t, edit, http.StatusOK)
	wantContains(t, edit, `value="Children&#39;s community health"`, `value="31"`, `value="2027"`, "Recorded by lead@example.org")
	changed := validActionForm()
	changed.Set("status", "done")
	changed.Set("area", "")
	wantRedirect(t, b.submit(edit, actionsBase+"/1", changed), actionsBase+"?done=saved#action-1")
	ac, err := ta.db.ActionByID(ctx, v.SurveyID, 1)
	if err != nil || ac.Status != sqlite.ActionDone || ac.Area != "" || ac.UpdatedBy != "lead@example.org" {
		t.Fatalf("after change: %+v, %v", ac, err)
	}
	list = b.get(actionsBase)
	wantContains(t, list, "All areas", "Done")

	confirm := b.get(actionsBase + "/1/delete")
	wantStatus(t, confirm, http.StatusOK)
	wantContains(t, confirm, "Delete this action?", "Publish waiting times for every clinic each month", "Delete action", "Cancel")
	wantRedirect(t, b.submit(confirm, actionsBase+"/1/delete", nil), actionsBase+"?done=deleted")
	if _, err := ta.db.ActionByID(ctx, v.SurveyID, 1); err == nil {
		t.Error("the action is still there after deleting")
	}
	if p := b.submit(confirm, actionsBase+"/1/delete", nil); p.status != http.StatusNotFound {
		t.Errorf("deleting again = %d, want 404", p.status)
	}

	var actions []string
	for _, e := range ta.auditEntries(t) {
		if strings.HasPrefix(e.Action, "action.") {
			actions = append(actions, e.Action)
			if e.Target != reportSlug || strings.Contains(e.Detail, "Publish") || strings.Contains(e.Detail, "community") {
				t.Errorf("audit entry = %+v: want the survey and action number, never the text", e)
			}
		}
	}
	if got, want := strings.Join(actions, " "), "action.delete action.change action.add"; got != want {
		t.Errorf("audit = %q, want %q", got, want)
	}
}

func TestActionsValidation(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	form := b.get(actionsBase + "/new")
	cases := []struct {
		name   string
		change func(url.Values)
		href   string
		want   string
	}{
		{"no theme", func(f url.Values) { f.Del("theme") }, "#theme", "Choose the theme the action is about"},
		{"a theme not in the taxonomy", func(f url.Values) { f.Set("theme", "parking") }, "#theme", "Choose the theme the action is about"},
		{"an unknown area", func(f url.Values) { f.Set("area", "housing") }, "#area", "Choose a service area from the list"},
		{"nothing to do", func(f url.Values) { f.Set("what", "   ") }, "#what", "Enter what will be done"},
		{"too long", func(f url.Values) { f.Set("what", strings.Repeat("é", sqlite.MaxActionWhat+1)) }, "#what", "600 characters or fewer"},
		{"nobody responsible", func(f url.Values) { f.Del("who") }, "#who", "Enter the team or service responsible"},
		{"no date", func(f url.Values) { f.Del("due_day"); f.Del("due_month"); f.Del("due_year") }, "#due-day", "Enter the date it will be done by"},
		{"half a date", func(f url.Values) { f.Del("due_month") }, "#due-day", "must include a month"},
		{"not a real date", func(f url.Values) { f.Set("due_day", "31"); f.Set("due_month", "2") }, "#due-day", "must be a real date"},
		{"a two-digit year", func(f url.Values) { f.Set("due_year", "27") }, "#due-day", "must be a real date"},
		{"no status", func(f url.Values) { f.Del("status") }, "#status-planned", "Choose whether the action is planned"},
		{"an unknown status", func(f url.Values) { f.Set("status", "someday") }, "#status-planned", "Choose whether the action is planned"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			fields := validActionForm()
			tc.change(fields)
			p := b.submit(form, actionsBase, fields)
			wantStatus(t, p, http.StatusUnprocessableEntity)
			wantContains(t, p, "There is a problem", `href="`+tc.href+`"`, tc.want, "field--error", "<title>Error:")
			// What was typed is kept.
			if who := fields.Get("who"); who != "" {
				wantContains(t, p, `value="Children&#39;s community health"`)
			}
		})
	}
	// Several problems are reported together, in the order of the form.
	p := b.submit(form, actionsBase, url.Values{"due_day": {"40"}, "due_month": {"1"}, "due_year": {"2027"}})
	wantStatus(t, p, http.StatusUnprocessableEntity)
	order := []string{`href="#theme"`, `href="#what"`, `href="#who"`, `href="#due-day"`, `href="#status-planned"`}
	last := -1
	for _, o := range order {
		i := strings.Index(p.body, o)
		if i < last {
			t.Errorf("%s is out of order in the error summary", o)
		}
		last = i
	}
	if n, _ := ta.db.ListActions(context.Background(), 1); len(n) != 0 {
		t.Errorf("an invalid action was stored: %+v", n)
	}
}

func TestActionsNeedCSRF(t *testing.T) {
	ta, _ := newReportFixture(t)
	b := ta.staffUser(t, "lead@example.org", staff.Leader)
	b.get(actionsBase)
	if p := b.post(actionsBase, validActionForm()); p.status != http.StatusForbidden {
		t.Errorf("POST without a token = %d, want 403", p.status)
	}
}
