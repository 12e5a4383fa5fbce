package sqlite

import (
	"context"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

func TestCorrectionsAreOfComments(t *testing.T) {
	// A coding is stored only for a text answer of a response of the
	// survey, and comes back with the comment it codes.
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	rc := submitTestAnswers(t, db, v)
	correction := func(surveyID, responseID int64, question string) error {
		return db.SaveCorrection(ctx, surveyID, Correction{ResponseID: responseID, QuestionID: question,
			Areas: []string{"education"}, Sentiment: "positive", CodedBy: "lead@example.org"})
	}
	for _, tc := range []struct {
		name       string
		surveyID   int64
		responseID int64
		question   string
	}{
		{"a number answer", v.SurveyID, rc.ID, "rating"},
		{"a question not answered", v.SurveyID, rc.ID, "missing"},
		{"another survey's response", v.SurveyID + 1, rc.ID, "comment"},
		{"no such response", v.SurveyID, rc.ID + 1, "comment"},
	} {
		if err := correction(tc.surveyID, tc.responseID, tc.question); survey.ErrorCode(err) != survey.ENotFound {
			t.Errorf("%s: %v, want not found", tc.name, err)
		}
	}
	if err := correction(v.SurveyID, rc.ID, "comment"); err != nil {
		t.Fatalf("SaveCorrection: %v", err)
	}
	got, err := db.Corrections(ctx, v.SurveyID)
	if err != nil || len(got) != 1 {
		t.Fatalf("Corrections = %+v, %v; want one", got, err)
	}
	if got[0].Text != "The SENCO was brilliant." || got[0].Reference != rc.Reference || got[0].QuestionID != "comment" {
		t.Errorf("correction = %+v, want the comment %q of %s", got[0], "The SENCO was brilliant.", rc.Reference)
	}
}

func TestPackedText(t *testing.T) {
	packed := packAnswers([]string{"comment", "needs", "rating"}, survey.Answers{
		"comment": survey.TextValue(survey.LongText, "Two lines\nwith t9 ;n1;"),
		"needs":   survey.ChoicesValue("autism", "adhd"),
		"rating":  survey.NumberValue(survey.Scale, 4),
	})
	for _, tc := range []struct {
		packed, question, want string
		ok, err                bool
	}{
		{packed, "comment", "Two lines\nwith t9 ;n1;", true, false},
		{packed, "needs", "autism", true, false},
		{packed, "rating", "", false, false},
		{packed, "missing", "", false, false},
		{"", "comment", "", false, false},
		{"comment t99 short", "comment", "", false, true},
		{"comment x", "comment", "", false, true},
	} {
		got, ok, err := packedText(tc.packed, tc.question)
		if got != tc.want || ok != tc.ok || (err != nil) != tc.err {
			t.Errorf("packedText(%q, %s) = %q, %v, %v; want %q, %v, error %v", tc.packed, tc.question, got, ok, err, tc.want, tc.ok, tc.err)
		}
	}
}
