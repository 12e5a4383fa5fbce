package main

import (
	"bytes"
	"context"
	"encoding/json"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

const journeySlug = "short-breaks-check"

// designer returns a client signed in as a staff member with the given
// roles (a designer if none are given).
func (ta *testApp) designer(t *testing.T, roles ...staff.Role) *httpClient {
	t.Helper()
	if len(roles) == 0 {
		roles = []staff.Role{staff.Designer}
	}
	email := regexp.MustCompile(`[^a-z0-9]+`).ReplaceAllString(strings.ToLower(t.Name()), "-") + "@example.org"
	return ta.staffUser(t, email, roles...)
}

// form gets the page at path and submits its form to action with fields.
func (b *httpClient) form(path, action string, fields url.Values) page {
	b.t.Helper()
	p := b.get(path)
	if p.status != http.StatusOK {
		b.t.Fatalf("GET %s = %d\n%s", path, p.status, p.body)
	}
	return b.submit(p, action, fields)
}

func wantStatus(t *testing.T, p page, want int) {
	t.Helper()
	if p.status != want {
		t.Fatalf("status = %d, want %d\n%s", p.status, want, p.body)
	}
}

func wantContains(t *testing.T, p page, wants ...string) {
	t.Helper()
	for _, w := range wants {
		if !strings.Contains(p.body, w) {
			t.Errorf("page lacks %q\n%s", w, p.body)
		}
	}
}

func (ta *testApp) latest(t *testing.T, slug string) *sqlite.Version {
	t.Helper()
	v, err := ta.db.LatestVersion(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// draftOf stores journey.json as a draft, so it can be changed freely.
func (ta *testApp) draftOf(t *testing.T) {
	t.Helper()
	ta.importSurvey(t, "journey.json", false)
}

func TestDesignListShowsCountsNotAnswers(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	family := newHTTPClient(t, ta)
	start := family.get("/s/" + journeySlug)
	family.submit(start, "/s/"+journeySlug+"/start", nil)
	p0 := family.get("/s/" + journeySlug + "/page/0")
	family.submit(p0, "/s/"+journeySlug+"/page/0", url.Values{"a-age_band": {"0-4"}, "a-uses_short_breaks": {"no"}})
	p := family.get("/s/" + journeySlug + "/page/2")
	family.submit(p, "/s/"+journeySlug+"/page/2", url.Values{"a-nickname": {"Secret-Sam"}})
	check := family.get("/s/" + journeySlug + "/check")
	family.submit(check, "/s/"+journeySlug+"/send", nil)
	if n := ta.countResponses(t, journeySlug); n != 1 {
		t.Fatalf("responses = %d, want 1", n)
	}

	tests := []struct {
		role     staff.Role
		wantLink bool
	}{
		{staff.Designer, true},
		{staff.Leader, false},
		{staff.Admin, true},
	}
	for _, tt := range tests {
		t.Run(string(tt.role), func(t *testing.T) {
			b := ta.designer(t, tt.role)
			list := b.get("/admin/surveys")
			wantStatus(t, list, http.StatusOK)
			wantContains(t, list, "Short breaks check-in", "Published", "<td>1</td>")
			if got := strings.Contains(list.body, `href="/admin/surveys/`+journeySlug+`"`); got != tt.wantLink {
				t.Errorf("link to the design page shown = %v, want %v", got, tt.wantLink)
			}
			if strings.Contains(list.body, "Secret-Sam") {
				t.Errorf("the list shows what a family wrote")
			}
		})
	}
	overview := ta.designer(t).get("/admin/surveys/" + journeySlug)
	wantContains(t, overview, "Answers received", "<dd>1</dd>")
	if strings.Contains(overview.body, "Secret-Sam") {
		t.Errorf("the overview shows what a family wrote")
	}
}

func TestDesignCreateSurvey(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)

	// With no web address, one is suggested from the title to check.
	suggest := b.form("/admin/surveys/new", "/admin/surveys/new", url.Values{"title": {"SEND local area 2026"}})
	wantStatus(t, suggest, http.StatusOK)
	wantContains(t, suggest, `value="send-local-area-2026"`, "We have suggested a web address")

	tests := []struct {
		name, title, slug string
		status            int
		wants             []string
	}{
		{"no title", "", "my-survey", 422, []string{`href="#title"`, "Survey title is required", `value="my-survey"`}},
		{"bad address", "My survey", "My Survey!", 422, []string{`href="#slug"`, "Web address must be 3 to 64 characters", `value="My survey"`}},
		{"address taken", "Again", journeySlug, 422, []string{"already used"}},
		{"reserved address", "New", "new", 422, []string{"already used"}},
		{"too long title", strings.Repeat("x", 201), "long-one", 422, []string{"Survey title must be at most 200 characters (it has 201)"}},
		{"good", "SEND local area 2026", "send-local-area-2026", 303, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.form("/admin/surveys/new", "/admin/surveys/new", url.Values{"title": {tt.title}, "slug": {tt.slug}})
			wantStatus(t, p, tt.status)
			wantContains(t, p, tt.wants...)
			if tt.status == 303 {
				wantRedirect(t, p, "/admin/surveys/send-local-area-2026?done=created")
			}
		})
	}
	v := ta.latest(t, "send-local-area-2026")
	if v.Published() || v.Number != 1 || len(v.Definition.Sections) != 1 || len(v.Definition.Questions()) != 1 {
		t.Errorf("new survey = version %d published %v with %d sections, want a draft version 1 with a starter section", v.Number, v.Published(), len(v.Definition.Sections))
	}
	overview := b.get("/admin/surveys/send-local-area-2026?done=created")
	wantContains(t, overview, "Survey created", "Section 1: Section 1", "Draft")
}

func TestDesignDetails(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	b := ta.designer(t)
	path := "/admin/surveys/" + journeySlug + "/details"

	bad := b.form(path, path, url.Values{"title": {""}, "description": {"Kept as typed"}, "privacy_notice": {strings.Repeat("p", 4001)}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, "There is a problem", `href="#title"`, "Survey title is required", `href="#privacy-notice"`,
		"Privacy notice must be at most 4000 characters (it has 4001)", "Kept as typed")
	if v := ta.latest(t, journeySlug); v.Number != 1 {
		t.Fatalf("a refused change stored version %d", v.Number)
	}

	ok := b.form(path, path, url.Values{"title": {"Short breaks 2026"}, "description": {"About short breaks."}, "privacy_notice": {"We keep it safe."}})
	wantRedirect(t, ok, "/admin/surveys/"+journeySlug+"?done=saved")
	// The published version is untouched: the change is a new draft.
	v1, err := ta.db.VersionByNumber(context.Background(), journeySlug, 1)
	if err != nil || v1.Definition.Title != "Short breaks check-in" {
		t.Fatalf("version 1 = %+v, %v; want it unchanged", v1, err)
	}
	v2 := ta.latest(t, journeySlug)
	if v2.Number != 2 || v2.Published() || v2.Definition.Title != "Short breaks 2026" || v2.Definition.PrivacyNotice != "We keep it safe." {
		t.Fatalf("latest = version %d published %v title %q, want draft 2 with the new title", v2.Number, v2.Published(), v2.Definition.Title)
	}
	// A second change replaces the draft rather than adding versions.
	wantRedirect(t, b.form(path, path, url.Values{"title": {"Short breaks 2026!"}}), "/admin/surveys/"+journeySlug+"?done=saved")
	if v := ta.latest(t, journeySlug); v.Number != 2 || v.Definition.Title != "Short breaks 2026!" {
		t.Errorf("latest = version %d %q, want draft 2 changed", v.Number, v.Definition.Title)
	}
	if pub, _ := ta.db.PublishedVersion(context.Background(), journeySlug); pub.Number != 1 {
		t.Errorf("families answer version %d, want 1 until the draft is published", pub.Number)
	}
}

func TestDesignAddQuestionOfEachType(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	newPath := "/admin/surveys/" + journeySlug + "/sections/more/questions/new"
	tests := []struct {
		typ    survey.QuestionType
		fields url.Values
		check  func(q *survey.Question) string
	}{
		{survey.ShortText, url.Values{"text": {"Your first name"}, "max_length": {"40"}, "required": {"yes"}},
			func(q *survey.Question) string {
				if q.ID != "your_first_name" || q.MaxLength != 40 || !q.Required {
					return "want id your_first_name, max 40, required"
				}
				return ""
			}},
		{survey.LongText, url.Values{"text": {"Tell us about school"}, "hint": {"Anything you like."}, "area": {"education"}},
			func(q *survey.Question) string {
				if q.Hint != "Anything you like." || q.Area != survey.Education || q.MaxLength != 0 {
					return "want the hint, education and the default limit"
				}
				return ""
			}},
		{survey.SingleChoice, url.Values{"text": {"Which school?"}, "option_label": {"Mainstream school", "Special school", ""}, "option_value": {"", "special", ""}, "profile": {"yes"}},
			func(q *survey.Question) string {
				if len(q.Options) != 2 || q.Options[0].Value != "mainstream_school" || q.Options[1].Value != "special" || !q.Profile {
					return "want a value made from the first label, the second kept, and profile"
				}
				return ""
			}},
		{survey.MultiChoice, url.Values{"text": {"Which services?"}, "option_label": {"Health", "Social care"}, "option_value": {"health", "care"}, "show_if": {"uses_short_breaks"}, "show_if_for": {"uses_short_breaks"}, "show_if_values": {"yes"}},
			func(q *survey.Question) string {
				if q.ShowIf == nil || q.ShowIf.Question != "uses_short_breaks" || q.ShowIf.Equals == nil || *q.ShowIf.Equals != "yes" {
					return "want show_if uses_short_breaks equals yes"
				}
				return ""
			}},
		{survey.YesNo, url.Values{"text": {"Is it enough?"}, "show_if": {"age_band"}, "show_if_for": {"age_band"}, "show_if_values": {"5-10", "11-15"}},
			func(q *survey.Question) string {
				if q.ShowIf == nil || len(q.ShowIf.AnyOf) != 2 || q.ShowIf.Equals != nil {
					return "want show_if age_band any_of two values"
				}
				return ""
			}},
		{survey.Scale, url.Values{"text": {"How happy are you?"}, "scale_min": {"0"}, "scale_max": {"10"}, "scale_min_label": {"Not at all"}, "scale_max_label": {"Very"}},
			func(q *survey.Question) string {
				if q.Scale == nil || q.Scale.Min != 0 || q.Scale.Max != 10 || q.Scale.MaxLabel != "Very" {
					return "want a 0 to 10 scale"
				}
				return ""
			}},
		{survey.Number, url.Values{"text": {"How many hours?"}, "min": {"0"}, "max": {"40.5"}, "id": {"hours"}, "show_if": {"wait_months"}, "show_if_for": {"wait_months"}, "show_if_text": {"3, 6"}},
			func(q *survey.Question) string {
				if q.ID != "hours" || q.Min == nil || *q.Min != 0 || q.Max == nil || *q.Max != 40.5 || q.ShowIf == nil || len(q.ShowIf.AnyOf) != 2 {
					return "want id hours, 0 to 40.5, shown for 3 or 6 months"
				}
				return ""
			}},
	}
	for _, tt := range tests {
		t.Run(string(tt.typ), func(t *testing.T) {
			form := b.get(newPath + "?type=" + string(tt.typ))
			wantStatus(t, form, http.StatusOK)
			tt.fields.Set("type", string(tt.typ))
			p := b.submit(form, newPath, tt.fields)
			if p.status != http.StatusSeeOther || !strings.HasPrefix(p.location, "/admin/surveys/"+journeySlug+"?done=saved") {
				t.Fatalf("save = %d %q\n%s", p.status, p.location, p.body)
			}
			def := ta.latest(t, journeySlug).Definition
			sec := def.Sections[1]
			q := &sec.Questions[len(sec.Questions)-1]
			if q.Type != tt.typ || q.Text != tt.fields.Get("text") {
				t.Fatalf("stored %s %q, want %s %q", q.Type, q.Text, tt.typ, tt.fields.Get("text"))
			}
			if msg := tt.check(q); msg != "" {
				got, _ := json.Marshal(q)
				t.Errorf("stored %s: %s", got, msg)
			}
		})
	}
	// Without a type, the page asks for one first.
	chooser := b.get(newPath)
	wantContains(t, chooser, "What type of answer does the question need?", `name="type" value="scale"`)
}

func TestDesignQuestionErrors(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	editPath := "/admin/surveys/" + journeySlug + "/questions/"
	tests := []struct {
		name, question string
		fields         url.Values
		wants          []string
	}{
		{"no text", "nickname", url.Values{"type": {"short_text"}, "text": {""}, "hint": {"Kept hint"}},
			[]string{`href="#question-text"`, "Question is required", "Kept hint", `id="question-text-error"`}},
		{"not a number", "nickname", url.Values{"type": {"short_text"}, "text": {"Name?"}, "max_length": {"lots"}},
			[]string{`href="#question-max-length"`, "Most characters must be a whole number", `value="lots"`}},
		{"too few options", "needs", url.Values{"type": {"multi_choice"}, "text": {"Needs?"}, "option_label": {"Only one"}},
			[]string{`href="#option-0-value"`, "Options must have at least 2 options"}},
		{"repeated option value", "needs", url.Values{"type": {"multi_choice"}, "text": {"Needs?"}, "option_label": {"A", "B"}, "option_value": {"same", "same"}},
			[]string{`href="#option-1-value"`, `Option 2 value: &#34;same&#34; is used by an earlier option`}},
		{"option with semicolon", "needs", url.Values{"type": {"multi_choice"}, "text": {"Needs?"}, "option_label": {"A", "B"}, "option_value": {"a;b", "b"}},
			[]string{`href="#option-0-value"`, "Option 1 value must not contain"}},
		{"scale backwards", "break_rating", url.Values{"type": {"scale"}, "text": {"Rate"}, "scale_min": {"5"}, "scale_max": {"1"}, "show_if": {"uses_short_breaks"}, "show_if_for": {"uses_short_breaks"}, "show_if_values": {"yes"}},
			[]string{`href="#scale-max"`, "Highest point must be greater than scale.min"}},
		{"number bounds", "wait_months", url.Values{"type": {"number"}, "text": {"Months?"}, "min": {"10"}, "max": {"1"}},
			[]string{`href="#question-max"`, "Highest number must not be less than min"}},
		{"bad short name", "nickname", url.Values{"type": {"short_text"}, "text": {"Name?"}, "id": {"Nick Name"}},
			[]string{`href="#question-id"`, "Short name must be 1 to 64 characters"}},
		{"short name taken", "nickname", url.Values{"type": {"short_text"}, "text": {"Name?"}, "id": {"comments"}},
			[]string{`href="#question-id"`, "is used by another question"}},
		{"show-if answers not chosen", "comments", url.Values{"type": {"long_text"}, "text": {"More?"}, "show_if": {"age_band"}},
			[]string{`href="#show-if-question"`, "Choose which answers to", `name="show_if_values" value="0-4"`}},
		{"show-if with no answer ticked", "comments", url.Values{"type": {"long_text"}, "text": {"More?"}, "show_if": {"age_band"}, "show_if_for": {"age_band"}},
			[]string{`href="#show-if-value-0"`, "Choose at least one answer"}},
		// Removing an option that a later question depends on is refused,
		// naming the question that depends on it.
		{"option in use elsewhere", "age_band", url.Values{"type": {"single_choice"}, "text": {"Age?"}, "option_label": {"0 to 4", "5 to 10"}, "option_value": {"0-4", "5-10"}},
			[]string{`/questions/post16_plan#show-if-question`, "“What are the plans after 16?”", "is not an option of question"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			before := ta.latest(t, journeySlug).Definition.MarshalIndent()
			p := b.form(editPath+tt.question, editPath+tt.question, tt.fields)
			wantStatus(t, p, http.StatusUnprocessableEntity)
			wantContains(t, p, append([]string{"There is a problem"}, tt.wants...)...)
			if after := ta.latest(t, journeySlug).Definition.MarshalIndent(); !bytes.Equal(before, after) {
				t.Errorf("a refused change was stored")
			}
		})
	}
}

func TestDesignQuestionEditorButtons(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	path := "/admin/surveys/" + journeySlug + "/questions/needs"
	base := url.Values{"type": {"multi_choice"}, "text": {"Changed, not saved"}, "option_label": {"Autism", "ADHD", "Something else", ""}, "option_value": {"autism", "adhd", "", ""}, "extra": {"1"}}
	tests := []struct {
		action string
		want   []string // option values in order
	}{
		{"option-up:1", []string{"adhd", "autism", "something_else"}},
		{"option-down:0", []string{"adhd", "autism", "something_else"}},
		{"option-remove:1", []string{"autism", "something_else"}},
		{"add-options", []string{"autism", "adhd", "something_else"}},
	}
	for _, tt := range tests {
		t.Run(tt.action, func(t *testing.T) {
			fields := url.Values{}
			for k, v := range base {
				fields[k] = slices.Clone(v)
			}
			fields.Set("action", tt.action)
			p := b.form(path, path, fields)
			wantStatus(t, p, http.StatusOK)
			got := regexp.MustCompile(`name="option_value" value="([^"]+)"`).FindAllStringSubmatch(p.body, -1)
			var values []string
			for _, m := range got {
				values = append(values, m[1])
			}
			if !slices.Equal(values, tt.want) {
				t.Errorf("option values = %q, want %q", values, tt.want)
			}
			wantContains(t, p, "Changed, not saved")
			if ta.latest(t, journeySlug).Definition.Question("needs").Text != "What needs does your child have?" {
				t.Errorf("a button other than Save stored the change")
			}
		})
	}
	// Choosing the earlier question shows its answers to tick.
	p := b.form(path, path, url.Values{"type": {"multi_choice"}, "text": {"Needs?"}, "show_if": {"age_band"}, "action": {"show-if"}})
	wantStatus(t, p, http.StatusOK)
	wantContains(t, p, `name="show_if_for" value="age_band"`, `<label for="show-if-value-2">11 to 15</label>`)
}

func TestDesignRenameQuestionFollowsConditions(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	path := "/admin/surveys/" + journeySlug + "/questions/age_band"
	p := b.form(path, path, url.Values{"type": {"single_choice"}, "text": {"How old is your child?"}, "id": {"child_age"}, "required": {"yes"}, "profile": {"yes"},
		"option_label": {"0 to 4", "5 to 10", "11 to 15"}, "option_value": {"0-4", "5-10", "11-15"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("rename = %d\n%s", p.status, p.body)
	}
	def := ta.latest(t, journeySlug).Definition
	if def.Question("age_band") != nil || def.Question("child_age") == nil {
		t.Fatalf("the question was not renamed")
	}
	if got := def.Question("post16_plan").ShowIf.Question; got != "child_age" {
		t.Errorf("dependent show_if.question = %q, want child_age", got)
	}
	if b.get(path).status != http.StatusNotFound {
		t.Errorf("the old address still finds the question")
	}
}

func TestDesignQuestionSavedOverSomeoneElsesChange(t *testing.T) {
	// Two designers open the same question; the second to save is told,
	// and their save replaces the other's only when they save again.
	ta := newTestApp(t)
	ta.draftOf(t)
	first, second := ta.designer(t), ta.staffUser(t, "second@example.org", staff.Designer)
	path := "/admin/surveys/" + journeySlug + "/questions/age_band"
	fields := func(text string) url.Values {
		return url.Values{"type": {"single_choice"}, "text": {text}, "id": {"age_band"}, "required": {"yes"}, "profile": {"yes"},
			"option_label": {"0 to 4", "5 to 10", "11 to 15"}, "option_value": {"0-4", "5-10", "11-15"}}
	}
	opened := first.get(path)
	wantStatus(t, opened, http.StatusOK)
	basedOn := opened.inputValue("based_on")
	if basedOn == "" {
		t.Fatalf("the editor carries no based_on fingerprint\n%s", opened.body)
	}
	wantStatus(t, second.form(path, path, fields("Their wording")), http.StatusSeeOther)

	mine := fields("My wording")
	mine.Set("based_on", basedOn)
	refused := first.submit(opened, path, mine)
	wantStatus(t, refused, http.StatusConflict)
	wantContains(t, refused, "Someone else changed this question", "My wording")
	if got := ta.latest(t, journeySlug).Definition.Question("age_band").Text; got != "Their wording" {
		t.Fatalf("after the refused save the question reads %q, want their wording kept", got)
	}
	again := refused.inputValue("based_on")
	if again == "" || again == basedOn {
		t.Fatalf("the refused form carries based_on %q, want the current question's fingerprint", again)
	}
	mine.Set("based_on", again)
	wantStatus(t, first.submit(refused, path, mine), http.StatusSeeOther)
	if got := ta.latest(t, journeySlug).Definition.Question("age_band").Text; got != "My wording" {
		t.Errorf("after saving again the question reads %q, want %q", got, "My wording")
	}
}

func TestDesignSections(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	s := "/admin/surveys/" + journeySlug

	bad := b.form(s+"/sections/new", s+"/sections/new", url.Values{"title": {""}, "first_question": {""}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, `href="#section-title"`, "Section title is required", `href="#first-question"`, "First question is required")

	p := b.form(s+"/sections/new", s+"/sections/new", url.Values{"title": {"School and college"}, "first_question": {"Which school does your child go to?"}})
	wantRedirect(t, p, s+"/questions/which_school_does_your_child?change_type=1")
	def := ta.latest(t, journeySlug).Definition
	if n := len(def.Sections); n != 4 || def.Sections[3].ID != "school_and_college" {
		t.Fatalf("sections = %d, last %q; want a fourth section school_and_college", n, def.Sections[3].ID)
	}

	taken := b.form(s+"/sections/school_and_college", s+"/sections/school_and_college", url.Values{"title": {"School"}, "id": {"family"}})
	wantStatus(t, taken, http.StatusUnprocessableEntity)
	wantContains(t, taken, `href="#section-id"`, "Short name: &#34;family&#34; is used by another section")

	wantRedirect(t, b.form(s+"/sections/school_and_college", s+"/sections/school_and_college", url.Values{"title": {"School"}, "id": {"school"}, "description": {"About school."}}), s+"?done=saved")
	if sec := ta.latest(t, journeySlug).Definition.Sections[3]; sec.ID != "school" || sec.Title != "School" || sec.Description != "About school." {
		t.Errorf("section = %+v, want it renamed", sec)
	}

	// Moving "Growing up" (which depends on an answer in section 1) up.
	overview := b.get(s)
	wantRedirect(t, b.submit(overview, s+"/sections/teens/move", url.Values{"direction": {"up"}}), s+"?done=saved#section-teens")
	if ids := sectionIDs(ta.latest(t, journeySlug).Definition); !slices.Equal(ids, []string{"family", "teens", "more", "school"}) {
		t.Errorf("sections = %v after moving teens up", ids)
	}
	// Moving it above the question it depends on is refused.
	refused := b.submit(overview, s+"/sections/teens/move", url.Values{"direction": {"up"}})
	wantStatus(t, refused, http.StatusUnprocessableEntity)
	wantContains(t, refused, "There is a problem", "it depends on the answer to “How old is your child?”, so it must come after that question")
	if ids := sectionIDs(ta.latest(t, journeySlug).Definition); !slices.Equal(ids, []string{"family", "teens", "more", "school"}) {
		t.Errorf("sections = %v after a refused move", ids)
	}

	// Deleting a section asks first, naming its questions.
	confirm := b.get(s + "/sections/family/delete")
	wantStatus(t, confirm, http.StatusOK)
	wantContains(t, confirm, "How old is your child?", "“What are the plans after 16?”", "Their conditions will be removed")
	wantRedirect(t, b.submit(confirm, s+"/sections/family/delete", nil), s+"?done=saved#main")
	def = ta.latest(t, journeySlug).Definition
	if def.Question("age_band") != nil || def.Question("post16_plan").ShowIf != nil {
		t.Errorf("after deleting the section: age_band %v, post16_plan show_if %v; want both gone", def.Question("age_band"), def.Question("post16_plan").ShowIf)
	}
}

func sectionIDs(def *survey.Definition) []string {
	var ids []string
	for _, s := range def.Sections {
		ids = append(ids, s.ID)
	}
	return ids
}

func questionIDs(def *survey.Definition) []string {
	var ids []string
	for _, q := range def.Questions() {
		ids = append(ids, q.ID)
	}
	return ids
}

func TestDesignMoveAndDeleteQuestions(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	s := "/admin/surveys/" + journeySlug
	overview := b.get(s)

	tests := []struct {
		question, direction string
		status              int
		want                []string
	}{
		// Across a section boundary: the last of section 1 goes first in section 2.
		{"break_rating", "down", 303, []string{"age_band", "uses_short_breaks", "break_rating", "needs", "wait_months", "nickname", "comments", "post16_plan"}},
		{"wait_months", "up", 303, []string{"age_band", "uses_short_breaks", "break_rating", "wait_months", "needs", "nickname", "comments", "post16_plan"}},
		{"break_rating", "up", 303, []string{"age_band", "uses_short_breaks", "break_rating", "wait_months", "needs", "nickname", "comments", "post16_plan"}},
		{"break_rating", "up", 422, nil}, // it would come before uses_short_breaks
		{"age_band", "up", 409, nil},     // already first
		{"post16_plan", "down", 409, nil},
	}
	for _, tt := range tests {
		t.Run(tt.question+" "+tt.direction, func(t *testing.T) {
			before := questionIDs(ta.latest(t, journeySlug).Definition)
			p := b.submit(overview, s+"/questions/"+tt.question+"/move", url.Values{"direction": {tt.direction}})
			wantStatus(t, p, tt.status)
			got := questionIDs(ta.latest(t, journeySlug).Definition)
			if tt.want == nil {
				tt.want = before
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("questions = %v, want %v", got, tt.want)
			}
		})
	}

	confirm := b.get(s + "/questions/uses_short_breaks/delete")
	wantStatus(t, confirm, http.StatusOK)
	wantContains(t, confirm, "Do you use short breaks?", "“How good are they?”")
	wantRedirect(t, b.submit(confirm, s+"/questions/uses_short_breaks/delete", nil), s+"?done=saved#main")
	def := ta.latest(t, journeySlug).Definition
	if def.Question("uses_short_breaks") != nil || def.Question("break_rating").ShowIf != nil {
		t.Errorf("the question or the condition on it is still there")
	}

	only := b.get(s + "/questions/post16_plan/delete")
	wantStatus(t, only, http.StatusConflict)
	wantContains(t, only, "the only question in its section")
	if p := b.submit(overview, s+"/questions/post16_plan/delete", nil); p.status != http.StatusUnprocessableEntity {
		t.Errorf("deleting the only question = %d, want 422", p.status)
	}
}

func TestDesignNotFound(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	page := b.get("/admin/surveys/" + journeySlug)
	s := "/admin/surveys/" + journeySlug
	paths := []string{
		"/admin/surveys/no-such-survey",
		"/admin/surveys/no-such-survey/details",
		"/admin/surveys/no-such-survey/publish",
		"/admin/surveys/no-such-survey/duplicate",
		"/admin/surveys/no-such-survey/export",
		"/admin/surveys/no-such-survey/preview",
		"/admin/surveys/no-such-survey/sections/new",
		s + "/sections/nope",
		s + "/sections/nope/delete",
		s + "/sections/nope/questions/new",
		s + "/questions/nope",
		s + "/questions/nope/delete",
		s + "/preview/page/99",
		s + "/export?version=7",
	}
	for _, p := range paths {
		t.Run("GET "+p, func(t *testing.T) {
			if got := b.get(p); got.status != http.StatusNotFound {
				t.Errorf("status = %d, want 404", got.status)
			}
		})
	}
	posts := []string{
		"/admin/surveys/no-such-survey/details",
		"/admin/surveys/no-such-survey/publish",
		"/admin/surveys/no-such-survey/close",
		"/admin/surveys/no-such-survey/delete",
		"/admin/surveys/no-such-survey/duplicate",
		"/admin/surveys/no-such-survey/sections/new",
		s + "/sections/nope",
		s + "/sections/nope/move?direction=up",
		s + "/sections/nope/delete",
		s + "/sections/nope/questions/new",
		s + "/questions/nope",
		s + "/questions/nope/move?direction=down",
		s + "/questions/nope/delete",
		s + "/preview/page/99",
	}
	for _, p := range posts {
		t.Run("POST "+p, func(t *testing.T) {
			if got := b.submit(page, p, url.Values{"title": {"T"}, "text": {"Q"}, "type": {"short_text"}}); got.status != http.StatusNotFound {
				t.Errorf("status = %d, want 404\n%s", got.status, got.body)
			}
		})
	}
}

func TestDesignLifecycle(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	s := "/admin/surveys/" + journeySlug
	ctx := context.Background()
	status := func() sqlite.SurveyInfo {
		si, err := ta.db.FindSurveyBySlug(ctx, journeySlug)
		if err != nil {
			t.Fatal(err)
		}
		return si
	}

	steps := []struct {
		name           string
		confirmStatus  int
		confirmWants   []string
		postStatus     int
		location       string
		wantStatus     sqlite.Status
		wantPublishedV int
	}{
		{"close", 409, []string{"Only a published survey"}, 409, "", sqlite.StatusDraft, 0},
		{"reopen", 409, []string{"Only a closed survey"}, 409, "", sqlite.StatusDraft, 0},
		{"publish", 200, []string{"Version 1 will be published", "Publish survey"}, 303, s + "?done=published", sqlite.StatusPublished, 1},
		{"publish", 409, []string{"already published"}, 409, "", sqlite.StatusPublished, 1},
		{"delete", 409, []string{"Only a draft that was never published"}, 409, "", sqlite.StatusPublished, 1},
		{"close", 200, []string{"Families will no longer be able to answer it"}, 303, s + "?done=closed", sqlite.StatusClosed, 1},
		{"reopen", 200, []string{"Families will be able to answer version 1 again"}, 303, s + "?done=reopened", sqlite.StatusPublished, 1},
	}
	for i, st := range steps {
		t.Run(st.name+"-"+string(rune('a'+i)), func(t *testing.T) {
			confirm := b.get(s + "/" + st.name)
			wantStatus(t, confirm, st.confirmStatus)
			wantContains(t, confirm, st.confirmWants...)
			p := b.submit(b.get(s), s+"/"+st.name, nil)
			wantStatus(t, p, st.postStatus)
			if st.location != "" {
				wantRedirect(t, p, st.location)
			}
			si := status()
			if si.Status != st.wantStatus || si.PublishedVersion != st.wantPublishedV {
				t.Errorf("survey is %s with version %d published, want %s with %d", si.Status, si.PublishedVersion, st.wantStatus, st.wantPublishedV)
			}
		})
	}

	// A change after publishing is a new draft; publishing it makes
	// version 2, and version 1 stays as it was.
	wantRedirect(t, b.form(s+"/details", s+"/details", url.Values{"title": {"Round two"}}), s+"?done=saved")
	confirm := b.get(s + "/publish")
	wantContains(t, confirm, "Version 2 will be published", "stay with the version the family answered")
	wantRedirect(t, b.submit(confirm, s+"/publish", nil), s+"?done=published")
	v1, _ := ta.db.VersionByNumber(ctx, journeySlug, 1)
	v2, _ := ta.db.PublishedVersion(ctx, journeySlug)
	if v1.Definition.Title != "Short breaks check-in" || v2.Number != 2 || v2.Definition.Title != "Round two" {
		t.Errorf("versions: 1 %q, published %d %q", v1.Definition.Title, v2.Number, v2.Definition.Title)
	}

	// Deleting a draft that was never published.
	wantRedirect(t, b.form("/admin/surveys/new", "/admin/surveys/new", url.Values{"title": {"Throwaway"}, "slug": {"throwaway"}}), "/admin/surveys/throwaway?done=created")
	confirm = b.get("/admin/surveys/throwaway/delete")
	wantStatus(t, confirm, http.StatusOK)
	wantRedirect(t, b.submit(confirm, "/admin/surveys/throwaway/delete", nil), "/admin/surveys?done=deleted")
	if taken, _ := ta.db.SlugTaken(ctx, "throwaway"); taken {
		t.Errorf("the deleted draft is still there")
	}
}

func TestDesignDuplicate(t *testing.T) {
	ta := newTestApp(t)
	def, err := survey.ParseDefinition(strings.NewReader(`{"slug": "send-survey-2026", "title": "SEND survey 2026", "description": "Hello.",
		"sections": [{"id": "s", "title": "S", "questions": [{"id": "age", "type": "yes_no", "text": "Over 16?"}]}]}`))
	if err != nil {
		t.Fatal(err)
	}
	ta.storeSurvey(t, def, true)
	b := ta.designer(t)
	path := "/admin/surveys/send-survey-2026/duplicate"
	form := b.get(path)
	wantStatus(t, form, http.StatusOK)
	wantContains(t, form, `value="SEND survey 2027"`, `value="send-survey-2027"`, "Question short names stay the same")

	taken := b.submit(form, path, url.Values{"title": {"Again"}, "slug": {"send-survey-2026"}})
	wantStatus(t, taken, http.StatusUnprocessableEntity)
	wantContains(t, taken, "already used")

	wantRedirect(t, b.submit(form, path, url.Values{"title": {"SEND survey 2027"}, "slug": {"send-survey-2027"}}), "/admin/surveys/send-survey-2027?done=duplicated")
	v := ta.latest(t, "send-survey-2027")
	if v.Number != 1 || v.Published() || v.Definition.Title != "SEND survey 2027" || v.Definition.Description != "Hello." || v.Definition.Question("age") == nil {
		t.Errorf("copy = version %d %q, want a draft with the same questions", v.Number, v.Definition.Title)
	}
	if orig := ta.latest(t, "send-survey-2026"); orig.Number != 1 || orig.Definition.Title != "SEND survey 2026" {
		t.Errorf("the original changed: %q", orig.Definition.Title)
	}
}

func TestDesignExport(t *testing.T) {
	ta := newTestApp(t)
	v := ta.importSurvey(t, "journey.json", true)
	b := ta.designer(t)
	res, err := b.client.Get(ta.srv.URL + "/admin/surveys/" + journeySlug + "/export?version=1")
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	if got, want := res.Header.Get("Content-Disposition"), `attachment; filename="short-breaks-check-v1.json"`; got != want {
		t.Errorf("Content-Disposition = %q, want %q", got, want)
	}
	if !bytes.Equal(buf.Bytes(), v.Definition.MarshalIndent()) {
		t.Errorf("export differs from the stored definition:\n%s", buf.String())
	}
	if _, err := survey.ParseDefinition(&buf); err != nil {
		t.Errorf("the export does not import: %v", err)
	}
}

// upload posts a definition file to the import form.
func (b *httpClient) upload(form page, name string, content []byte, replace bool) page {
	b.t.Helper()
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("_csrf", form.csrf(b.t))
	if replace {
		w.WriteField("replace", "yes")
	}
	fw, _ := w.CreateFormFile("definition", name)
	fw.Write(content)
	w.Close()
	res, err := b.client.Post(b.base+"/admin/surveys/import", w.FormDataContentType(), &body)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.read(res)
}

func TestDesignImport(t *testing.T) {
	ta := newTestApp(t)
	b := ta.designer(t)
	good, err := os.ReadFile(filepath.Join("testdata", "journey.json"))
	if err != nil {
		t.Fatal(err)
	}
	// A definition over the usual 64 KiB form limit, but within the
	// definition limit, still imports.
	var big survey.Definition
	json.Unmarshal(good, &big)
	big.Slug, big.Description = "big-survey", strings.Repeat("Long words. ", 300)
	for i := range 30 {
		s := big.Sections[1]
		s.ID = "copy" + strings.Repeat("x", i+1)
		s.Questions = nil
		for _, q := range big.Sections[1].Questions {
			q.ID = q.ID + "_" + strings.Repeat("x", i+1)
			q.Hint = strings.Repeat("A hint that goes on. ", 20)
			s.Questions = append(s.Questions, q)
		}
		big.Sections = append(big.Sections, s)
	}
	bigJSON := big.MarshalIndent()
	if len(bigJSON) <= formBodyLimit {
		t.Fatalf("the big definition is only %d bytes", len(bigJSON))
	}

	tests := []struct {
		name    string
		file    []byte
		replace bool
		status  int
		wants   []string
	}{
		{"new survey", good, false, 303, nil},
		{"same address again", good, false, 422, []string{"already exists", "tick the box"}},
		{"same address, replacing the draft", good, true, 303, nil},
		{"not JSON", []byte("{nope"), false, 422, []string{"survey.json: The definition is not valid JSON", "(file): line 1, column 2"}},
		{"rule breaks listed like the CLI", []byte(`{"slug": "X", "title": "", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "type": "essay", "text": "Q", "colour": "red"}]}]}`), false, 422,
			[]string{"sections[0].questions[0].colour: is not a known field", "slug: must be 3 to 64 characters", "title: is required", "sections[0].questions[0].type: &#34;essay&#34; is not a question type"}},
		{"reserved address", []byte(`{"slug": "import", "title": "T", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "type": "yes_no", "text": "Q"}]}]}`), false, 422, []string{"choose another"}},
		{"bigger than a form", bigJSON, false, 303, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := b.upload(b.get("/admin/surveys/import"), "survey.json", tt.file, tt.replace)
			wantStatus(t, p, tt.status)
			wantContains(t, p, tt.wants...)
		})
	}
	if v := ta.latest(t, journeySlug); v.Number != 1 {
		t.Errorf("replacing a draft made version %d, want the draft replaced", v.Number)
	}
	if v := ta.latest(t, "big-survey"); len(v.Definition.Sections) != 33 {
		t.Errorf("big survey has %d sections", len(v.Definition.Sections))
	}
	noFile := b.submit(b.get("/admin/surveys/import"), "/admin/surveys/import", nil)
	wantStatus(t, noFile, http.StatusUnprocessableEntity)
	wantContains(t, noFile, "Choose a survey definition file")
}

func TestDesignPreviewStoresNothing(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t) // a draft: families cannot see it, but designers can try it
	b := ta.designer(t)
	s := "/admin/surveys/" + journeySlug + "/preview"

	start := b.get(s)
	wantStatus(t, start, http.StatusOK)
	wantContains(t, start, "Short breaks check-in", "Start now")
	first := b.submit(start, s+"/start", nil)
	wantRedirect(t, first, s+"/page/0")
	p0 := b.get(first.location)
	wantContains(t, p0, "How old is your child?", "Section 1 of 3")
	if strings.Contains(p0.body, "How good are they?") {
		t.Fatalf("the dependent question is on the same step")
	}
	missing := b.submit(p0, s+"/page/0", url.Values{"a-uses_short_breaks": {"yes"}})
	wantStatus(t, missing, http.StatusUnprocessableEntity)
	wantContains(t, missing, `href="#q-age_band"`, `value="yes" checked`)

	next := b.submit(p0, s+"/page/0", url.Values{"a-age_band": {"5-10"}, "a-uses_short_breaks": {"yes"}})
	if next.status != http.StatusSeeOther || !strings.HasPrefix(next.location, s+"/page/1?p=") {
		t.Fatalf("continue = %d %q", next.status, next.location)
	}
	p1 := b.get(next.location)
	wantContains(t, p1, "How good are they?")
	next = b.submit(p1, next.location, url.Values{"a-break_rating": {"4"}})
	p2 := b.get(next.location)
	wantContains(t, p2, "What needs does your child have?")
	// Saving is explained, not done.
	saved := b.submit(p2, next.location, url.Values{"action": {"save"}})
	savedPage := b.get(saved.location)
	wantContains(t, savedPage, "Saving answers is not part of the preview", "Carry on with the preview")
	next = b.submit(p2, next.location, url.Values{"a-nickname": {"Sam"}})
	// Age 5 to 10 hides the post-16 step, so the check page comes next.
	if !strings.HasPrefix(next.location, s+"/check?p=") {
		t.Fatalf("after page 2 went to %q, want the check page", next.location)
	}
	check := b.get(next.location)
	wantContains(t, check, "5 to 10", "Yes", "Sam", "Send my answers")
	if strings.Contains(check.body, "What are the plans after 16?") {
		t.Errorf("a hidden question is on the check page")
	}
	sendURL := regexp.MustCompile(`action="([^"]*/preview/send[^"]*)"`).FindStringSubmatch(check.body)
	if sendURL == nil {
		t.Fatalf("no send form")
	}
	wantRedirect(t, b.submit(check, htmlUnescape(sendURL[1]), nil), s+"/done")
	wantContains(t, b.get(s+"/done"), "Nothing you entered was stored")

	si, _ := ta.db.FindSurveyBySlug(context.Background(), journeySlug)
	if si.Responses != 0 {
		t.Errorf("the preview stored %d responses", si.Responses)
	}
	if n, _ := ta.db.DeleteExpiredDrafts(context.Background()); n != 0 {
		t.Errorf("the preview stored drafts")
	}
	// Sending with a required answer missing goes back, as for families.
	bad := b.submit(check, s+"/send", nil)
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, "Select an answer to: How old is your child?")
}

func htmlUnescape(s string) string { return strings.ReplaceAll(s, "&amp;", "&") }

func TestDesignPlainEnglishAndJargon(t *testing.T) {
	ta := newTestApp(t)
	ta.draftOf(t)
	b := ta.designer(t)
	path := "/admin/surveys/" + journeySlug + "/questions/comments"

	// Advice never blocks saving.
	p := b.form(path, path, url.Values{"type": {"long_text"}, "id": {"comments"}, "text": {"What did the SENCO say about the EHCP?"}})
	if p.status != http.StatusSeeOther {
		t.Fatalf("save with jargon = %d, want 303", p.status)
	}
	edit := b.get(path)
	wantContains(t, edit, "Plain English check", "Not every family will know what &#34;SENCO&#34; means", "Estimated reading age")
	overview := b.get("/admin/surveys/" + journeySlug)
	wantContains(t, overview, "Plain English: 2 suggestions")

	// The list is the forum's to change.
	jargon := b.get("/admin/jargon")
	wantStatus(t, jargon, http.StatusOK)
	wantContains(t, jargon, "EHCP", "term,explanation")
	bad := b.submit(jargon, "/admin/jargon", url.Values{"csv": {"term,explanation\nFOO,\n"}})
	wantStatus(t, bad, http.StatusUnprocessableEntity)
	wantContains(t, bad, `href="#jargon-csv"`, "Line 2, column &#34;explanation&#34;", "FOO,")
	wantRedirect(t, b.submit(jargon, "/admin/jargon", url.Values{"csv": {"term,explanation\nSENCO,the teacher for special needs\nShort breaks,time apart\n"}}), "/admin/jargon")
	edit = b.get(path)
	if strings.Contains(edit.body, "EHCP&#34; means") {
		t.Errorf("a term taken off the list still gets advice")
	}
	wantContains(t, b.get("/admin/surveys/"+journeySlug+"/questions/uses_short_breaks"), "Not every family will know what &#34;short breaks&#34; means")

	res, err := b.client.Get(ta.srv.URL + "/admin/jargon/download")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	buf.ReadFrom(res.Body)
	res.Body.Close()
	if res.Header.Get("Content-Disposition") == "" || !strings.Contains(buf.String(), "Short breaks,time apart") {
		t.Errorf("download = %q, %q", res.Header.Get("Content-Disposition"), buf.String())
	}
	confirm := b.submit(b.get("/admin/jargon"), "/admin/jargon", url.Values{"action": {"default"}})
	wantStatus(t, confirm, http.StatusOK)
	wantContains(t, confirm, "You cannot undo this", `name="confirm" value="yes"`)
	if strings.Contains(b.get(path).body, "EHCP&#34; means") {
		t.Errorf("the list was replaced before it was confirmed")
	}
	wantRedirect(t, b.submit(confirm, "/admin/jargon", url.Values{"action": {"default"}, "confirm": {"yes"}}), "/admin/jargon")
	wantContains(t, b.get(path), "EHCP")
}

func TestDesignAuditLog(t *testing.T) {
	ta := newTestApp(t)
	b := ta.designer(t)
	s := "/admin/surveys/audit-me"
	wantRedirect(t, b.form("/admin/surveys/new", "/admin/surveys/new", url.Values{"title": {"Audit me"}, "slug": {"audit-me"}}), s+"?done=created")
	b.form(s+"/details", s+"/details", url.Values{"title": {"Audit me too"}})
	b.submit(b.get(s), s+"/publish", nil)
	b.submit(b.get(s), s+"/close", nil)
	b.submit(b.get(s), s+"/reopen", nil)
	b.form(s+"/duplicate", s+"/duplicate", url.Values{"title": {"Copy"}, "slug": {"audit-copy"}})
	b.get(s + "/export")
	b.submit(b.get("/admin/surveys/audit-copy"), "/admin/surveys/audit-copy/delete", nil)
	b.upload(b.get("/admin/surveys/import"), "x.json", []byte(`{"slug": "imported", "title": "I", "sections": [{"id": "a", "title": "A", "questions": [{"id": "q", "type": "yes_no", "text": "Q"}]}]}`), false)

	entries, err := ta.db.AuditLog(context.Background(), 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range entries {
		if strings.HasPrefix(e.Action, "survey.") {
			got = append(got, e.Action+" "+e.Target)
		}
	}
	slices.Reverse(got)
	want := []string{"survey.create audit-me", "survey.edit audit-me", "survey.publish audit-me", "survey.close audit-me", "survey.reopen audit-me",
		"survey.duplicate audit-copy", "survey.export audit-me", "survey.delete audit-copy", "survey.import imported"}
	if !slices.Equal(got, want) {
		t.Errorf("audit log =\n%q\nwant\n%q", got, want)
	}
}
