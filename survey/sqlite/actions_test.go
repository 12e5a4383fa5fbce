package sqlite

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

func TestActionLifecycle(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	due := time.Date(2026, 9, 30, 0, 0, 0, 0, time.UTC)
	a := &Action{SurveyID: v.SurveyID, Theme: "waiting_times", Area: "health", What: " Publish waiting times each month ",
		Who: "CAMHS", Due: due, Status: ActionPlanned, RecordedBy: "lead@example.org"}
	if err := db.CreateAction(ctx, a); err != nil {
		t.Fatalf("CreateAction: %v", err)
	}
	got, err := db.ActionByID(ctx, v.SurveyID, a.ID)
	if err != nil {
		t.Fatalf("ActionByID: %v", err)
	}
	if got.What != "Publish waiting times each month" || !got.Due.Equal(due) || got.RecordedBy != "lead@example.org" || got.RecordedAt.IsZero() {
		t.Errorf("stored action = %+v", got)
	}
	got.Status, got.UpdatedBy = ActionDone, "chair@example.org"
	if err := db.UpdateAction(ctx, got); err != nil {
		t.Fatalf("UpdateAction: %v", err)
	}
	list, err := db.ListActions(ctx, v.SurveyID)
	if err != nil || len(list) != 1 || list[0].Status != ActionDone || list[0].UpdatedBy != "chair@example.org" {
		t.Fatalf("ListActions = %+v, %v", list, err)
	}
	if _, err := db.ActionByID(ctx, v.SurveyID+1, a.ID); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("action of another survey: err = %v, want not found", err)
	}
	if err := db.DeleteAction(ctx, v.SurveyID, a.ID); err != nil {
		t.Fatalf("DeleteAction: %v", err)
	}
	if err := db.DeleteAction(ctx, v.SurveyID, a.ID); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("second delete: err = %v, want not found", err)
	}
}

func TestActionValidate(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	err := db.CreateAction(context.Background(), &Action{SurveyID: v.SurveyID, What: "  ", Status: "someday"})
	var e *survey.Error
	if !errors.As(err, &e) || e.Code != survey.EInvalid {
		t.Fatalf("err = %v, want invalid", err)
	}
	fields := map[string]bool{}
	for _, f := range e.Fields {
		fields[f.Field] = true
	}
	for _, want := range []string{"theme", "what", "who", "due", "status"} {
		if !fields[want] {
			t.Errorf("no error for %s in %v", want, e.Fields)
		}
	}
}

func TestResultsPageAndQuotes(t *testing.T) {
	db := openTestDB(t)
	v := publishTestSurvey(t, db)
	ctx := context.Background()
	if on, err := db.ResultsPublished(ctx, v.SurveyID); err != nil || on {
		t.Fatalf("ResultsPublished before any setting = %t, %v; want off", on, err)
	}
	for _, want := range []bool{true, false, true} {
		if err := db.SetResultsPublished(ctx, v.SurveyID, want, "lead@example.org"); err != nil {
			t.Fatal(err)
		}
		if got, _ := db.ResultsPublished(ctx, v.SurveyID); got != want {
			t.Errorf("ResultsPublished = %t, want %t", got, want)
		}
	}
	q := ApprovedQuote{SurveyID: v.SurveyID, Area: "education", Theme: "communication", Text: "Nobody called back.", ApprovedBy: "lead@example.org"}
	for range 2 {
		if err := db.ApproveQuote(ctx, q); err != nil {
			t.Fatal(err)
		}
	}
	list, err := db.ApprovedQuotes(ctx, v.SurveyID)
	if err != nil || len(list) != 1 || list[0].Text != q.Text {
		t.Fatalf("ApprovedQuotes = %+v, %v; want the one quote", list, err)
	}
	if err := db.WithdrawQuote(ctx, v.SurveyID, q.Area, q.Theme, q.Text); err != nil {
		t.Fatal(err)
	}
	if list, _ := db.ApprovedQuotes(ctx, v.SurveyID); len(list) != 0 {
		t.Errorf("after withdrawing, ApprovedQuotes = %+v", list)
	}
}
