package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"fmt"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// submitComments stores one response per text and returns their ids.
func submitComments(t *testing.T, ta *testApp, v *sqlite.Version, texts []string) []int64 {
	t.Helper()
	var ids []int64
	for _, text := range texts {
		rc, err := ta.db.Submit(context.Background(), sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID,
			Answers: survey.Answers{"club_comment": survey.TextValue(survey.LongText, text)}})
		if err != nil {
			t.Fatal(err)
		}
		ids = append(ids, rc.ID)
	}
	return ids
}

// clubComments are comments about a scheme the rules have never heard of,
// so only staff coding can teach FamilyVoice what they are about.
func clubComments(n int, offset int) []string {
	kinds := []string{"Gruffalo club", "the Gruffalo sessions", "Saturday Gruffalo group"}
	tails := []string{"happened on Tuesday", "was in the blue hall", "had ten children in it", "started at nine"}
	var out []string
	for i := offset; i < offset+n; i++ {
		out = append(out, fmt.Sprintf("%s %s, number %d", kinds[i%len(kinds)], tails[i%len(tails)], i))
	}
	return out
}

func TestCorrectionsChangeLaterPredictions(t *testing.T) {
	ta := newTestApp(t)
	v := ta.importSurvey(t, "comments.json", true)
	ctx := context.Background()
	texts := clubComments(30, 0)
	texts = append(texts, "The teachers at school were kind but the SENCO left", "School is fine", "The head listens to us",
		"My child likes maths club at school", "The school nurse was helpful")
	ids := submitComments(t, ta, v, texts)
	newer := submitComments(t, ta, v, []string{"Saturday Gruffalo group was in the blue hall again"})[0]

	responses, err := ta.insights.Responses(ctx, v.SurveyID)
	if err != nil {
		t.Fatal(err)
	}
	refOf := map[int64]string{}
	for _, r := range responses {
		refOf[r.ID] = r.Reference
	}
	before, by, err := ta.coder.Code(ctx, v.SurveyID, refOf[newer], "club_comment", "Saturday Gruffalo group was in the blue hall again", "social_care")
	if err != nil || by != codedByRules || before.HasTheme("respite") {
		t.Fatalf("before any coding: %+v by %s, %v; want the rules, without respite", before, by, err)
	}
	for i, id := range ids {
		cr := sqlite.Correction{ResponseID: id, Reference: refOf[id], QuestionID: "club_comment", Text: texts[i], CodedBy: "lead@example.org"}
		if i < 30 {
			cr.Areas, cr.Themes, cr.Sentiment = []string{"social_care"}, []string{"respite", "praise"}, "positive"
		} else {
			cr.Areas, cr.Themes, cr.Sentiment = []string{"education"}, []string{"staff_training"}, "neutral"
		}
		if err := ta.coder.Correct(ctx, v.SurveyID, cr); err != nil {
			t.Fatal(err)
		}
	}
	if err := ta.coder.Retrain(ctx, v.SurveyID); err != nil {
		t.Fatal(err)
	}
	after, by, err := ta.coder.Code(ctx, v.SurveyID, refOf[newer], "club_comment", "Saturday Gruffalo group was in the blue hall again", "social_care")
	if err != nil || by != codedByModel || !after.HasTheme("respite") || after.Sentiment != "positive" {
		t.Errorf("after staff coding: %+v by %s, %v; want the learned model to code it respite, positive", after, by, err)
	}
	corrected, by, _ := ta.coder.Code(ctx, v.SurveyID, refOf[ids[30]], "club_comment", texts[30], "social_care")
	if by != codedByPerson || !corrected.HasTheme("staff_training") {
		t.Errorf("corrected comment: %+v by %s, want the person's coding", corrected, by)
	}
	// The model survives a restart: a new coder loads it from the database.
	fresh := newCoder(ta.db, ta.rules, ta.log, nil)
	if _, by, _ := fresh.Code(ctx, v.SurveyID, refOf[newer], "club_comment", "Saturday Gruffalo group was in the blue hall again", "social_care"); by != codedByModel {
		t.Errorf("after a restart the comment is coded by %s, want the stored model", by)
	}
}

func TestCorrectingACommentThroughThePages(t *testing.T) {
	ta := newTestApp(t)
	v := ta.importSurvey(t, "comments.json", true)
	other := ta.importSurvey(t, "journey.json", true)
	_ = other
	id := submitComments(t, ta, v, []string{"The Gruffalo club is great, ring Jo on 07700 900123"})[0]
	b := newHTTPClient(t, ta)
	sc := ta.signedIn(t, staff.Leader)
	b.client = sc.client
	path := fmt.Sprintf("/admin/surveys/clubs-feedback/comments/%d/club_comment", id)
	form := b.get(path)
	if form.status != 200 || !strings.Contains(form.body, "the SEND taxonomy rules") || strings.Contains(form.body, "07700 900123") {
		t.Fatalf("coding form = %d\n%s", form.status, form.body)
	}
	bad := b.submit(form, path, url.Values{"areas": {"social_care"}, "themes": {"no_such_theme"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "Choose the tone") || !strings.Contains(bad.body, "is not a theme") {
		t.Errorf("bad coding = %d", bad.status)
	}
	wantRedirect(t, b.submit(form, path, url.Values{"areas": {"social_care"}, "themes": {"respite"}, "sentiment": {"positive"}}), path+"?saved=1")
	if p := b.get(path); !strings.Contains(p.body, "a member of staff") {
		t.Errorf("after saving, the comment is not shown as coded by staff")
	}
	sum, err := ta.insights.Summary(context.Background(), v.Definition, v.SurveyID, summaryOptionsWithCoder(t, ta, v.SurveyID))
	if err != nil {
		t.Fatal(err)
	}
	if sum.Area("social_care").Theme("respite") == nil {
		t.Errorf("the summary does not know the respite theme")
	}
	// Another survey's path or an unknown comment is not found.
	for _, p := range []string{"/admin/surveys/short-breaks-check/comments/" + fmt.Sprint(id) + "/club_comment",
		"/admin/surveys/clubs-feedback/comments/999999/club_comment", "/admin/surveys/clubs-feedback/comments/x/club_comment"} {
		if got := b.get(p); got.status != http.StatusNotFound {
			t.Errorf("%s = %d, want 404", p, got.status)
		}
	}
	// Designers may not read or code comments.
	designer := ta.signedIn(t, staff.Designer)
	if res := designer.request(t, "GET", ta.srv.URL+path); res.StatusCode != http.StatusForbidden {
		t.Errorf("designer = %d, want 403", res.StatusCode)
	}
}

// summaryOptionsWithCoder is what leaders' pages pass to a summary.
func summaryOptionsWithCoder(t *testing.T, ta *testApp, surveyID int64) analysis.SummaryOptions {
	t.Helper()
	o, err := ta.summaryOptions(context.Background(), surveyID)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

func TestCodedCommentsExportAndImport(t *testing.T) {
	ta := newTestApp(t)
	v := ta.importSurvey(t, "comments.json", true)
	ids := submitComments(t, ta, v, []string{"=cmd|' /C calc'!A0 gruffalo", "School is great"})
	sc := ta.signedIn(t, staff.Leader)
	res := sc.request(t, "GET", ta.srv.URL+"/admin/surveys/clubs-feedback/export/coded.csv")
	if res.StatusCode != 200 {
		t.Fatalf("export = %d", res.StatusCode)
	}
	// request() discards the body, so fetch it again to read it.
	req, _ := http.NewRequest("GET", ta.srv.URL+"/admin/surveys/clubs-feedback/export/coded.csv", nil)
	r2, err := sc.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(r2.Body).ReadAll()
	r2.Body.Close()
	if err != nil || len(rows) != 3 || strings.Join(rows[0], ",") != "id,text,labels,sentiment,coded_by" {
		t.Fatalf("export rows = %v, %v", rows, err)
	}
	if !strings.HasPrefix(rows[1][1], "'=") {
		t.Errorf("formula cell = %q, want it neutralised", rows[1][1])
	}
	upload := func(content string) *http.Response {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("_csrf", sc.csrf)
		fw, _ := mw.CreateFormFile("file", "coded.csv")
		fw.Write([]byte(content))
		mw.Close()
		req, _ := http.NewRequest("POST", ta.srv.URL+"/admin/surveys/clubs-feedback/coded/import", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		res, err := sc.client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		return res
	}
	before := ta.fingerprint(t)
	if res := upload("id,text,labels,sentiment\n" + fmt.Sprintf("%d:club_comment,x,made_up_label,positive\n", ids[0])); res.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("unknown label = %d, want 422", res.StatusCode)
	}
	if after := ta.fingerprint(t); after != before {
		t.Errorf("a refused import stored something")
	}
	if res := upload("id,text,labels,sentiment\n" + fmt.Sprintf("%d:club_comment,x,social_care;respite,positive\n", ids[0]) + "ext-1,The Gruffalo club saved us,respite,positive\n"); res.StatusCode != http.StatusSeeOther {
		t.Fatalf("import = %d, want 303", res.StatusCode)
	}
	corrections, _ := ta.db.Corrections(context.Background(), v.SurveyID)
	examples, _ := ta.db.CodedExamples(context.Background(), v.SurveyID)
	if len(corrections) != 1 || corrections[0].ResponseID != ids[0] || len(examples) != 1 {
		t.Errorf("corrections %+v, examples %+v; want one of each", corrections, examples)
	}
}
