package sqlite

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

func testDef(t *testing.T, slug string) *survey.Definition {
	t.Helper()
	def, err := survey.ParseDefinition(strings.NewReader(strings.Replace(testDefinition, "test-survey", slug, 1)))
	if err != nil {
		t.Fatal(err)
	}
	return def
}

func TestCreateSurveyNeverOverwrites(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	v, err := db.CreateSurvey(ctx, testDef(t, "new-one"))
	if err != nil {
		t.Fatalf("CreateSurvey: %v", err)
	}
	if v.Number != 1 || v.Published() || v.Status != StatusDraft {
		t.Errorf("created version %d published %v status %s, want a draft version 1", v.Number, v.Published(), v.Status)
	}
	again := testDef(t, "new-one")
	again.Title = "Someone else's"
	if _, err := db.CreateSurvey(ctx, again); survey.ErrorCode(err) != survey.EConflict {
		t.Errorf("CreateSurvey on a taken slug = %v, want a conflict", err)
	}
	if got, _ := db.LatestVersion(ctx, "new-one"); got.Definition.Title != "Test survey" {
		t.Errorf("the first survey became %q", got.Definition.Title)
	}
	bad := testDef(t, "bad-one")
	bad.Title = ""
	if _, err := db.CreateSurvey(ctx, bad); survey.ErrorCode(err) != survey.EInvalid {
		t.Errorf("CreateSurvey of an invalid definition = %v, want invalid", err)
	}
}

func TestUpdateDraft(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	publishTestSurvey(t, db)
	retitle := func(title string) func(*survey.Definition) error {
		return func(d *survey.Definition) error { d.Title = title; return nil }
	}
	errRefused := errors.New("refused")
	tests := []struct {
		name        string
		edit        func(*survey.Definition) error
		wantCode    survey.Code
		wantErr     error
		wantVersion int
		wantTitle   string
	}{
		{"after a publish, a new draft", retitle("Two"), "", nil, 2, "Two"},
		{"then the draft is replaced", retitle("Two again"), "", nil, 2, "Two again"},
		{"an invalid result is not stored", retitle(""), survey.EInvalid, nil, 2, "Two again"},
		{"an error from the edit is returned as it is", func(*survey.Definition) error { return errRefused }, "", errRefused, 2, "Two again"},
		{"the slug cannot change", func(d *survey.Definition) error { d.Slug = "other-slug"; return nil }, survey.EInvalid, nil, 2, "Two again"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := db.UpdateDraft(ctx, "test-survey", tt.edit)
			switch {
			case tt.wantErr != nil && !errors.Is(err, tt.wantErr):
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			case tt.wantCode != "" && survey.ErrorCode(err) != tt.wantCode:
				t.Errorf("err = %v, want code %s", err, tt.wantCode)
			case tt.wantErr == nil && tt.wantCode == "" && err != nil:
				t.Errorf("err = %v", err)
			}
			v, _ := db.LatestVersion(ctx, "test-survey")
			if v.Number != tt.wantVersion || v.Published() || v.Definition.Title != tt.wantTitle {
				t.Errorf("latest = version %d published %v %q, want draft %d %q", v.Number, v.Published(), v.Definition.Title, tt.wantVersion, tt.wantTitle)
			}
		})
	}
	if v, _ := db.VersionByNumber(ctx, "test-survey", 1); v.Definition.Title != "Test survey" {
		t.Errorf("published version 1 changed to %q", v.Definition.Title)
	}
	if _, err := db.UpdateDraft(ctx, "no-such", retitle("x")); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("UpdateDraft of an unknown survey = %v, want not found", err)
	}
}

func TestSettings(t *testing.T) {
	db := openTestDB(t)
	ctx := context.Background()
	if _, err := db.Setting(ctx, "jargon_csv"); survey.ErrorCode(err) != survey.ENotFound {
		t.Errorf("unset setting = %v, want not found", err)
	}
	for _, want := range []string{"first", "second"} {
		if err := db.SetSetting(ctx, "jargon_csv", want); err != nil {
			t.Fatal(err)
		}
		if got, err := db.Setting(ctx, "jargon_csv"); err != nil || got != want {
			t.Errorf("Setting = %q, %v; want %q", got, err, want)
		}
	}
}
