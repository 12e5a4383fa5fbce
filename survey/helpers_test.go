package survey_test

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
)

// fullExample is the definition in testdata that uses every question type,
// every kind of show_if and a chain of them.
const fullExample = "send-local-area.json"

func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", name))
	if err != nil {
		t.Fatalf("read testdata: %v", err)
	}
	return b
}

// mustParse parses a definition that the test expects to be valid.
func mustParse(t testing.TB, src []byte) *survey.Definition {
	t.Helper()
	d, err := survey.ParseDefinition(bytes.NewReader(src))
	if err != nil {
		t.Fatalf("ParseDefinition: %v", err)
	}
	return d
}

func fullDefinition(t testing.TB) *survey.Definition {
	t.Helper()
	return mustParse(t, readTestdata(t, fullExample))
}

// fieldErrors returns the field errors of an EInvalid *survey.Error, and
// fails the test for any other error.
func fieldErrors(t testing.TB, err error) []survey.FieldError {
	t.Helper()
	if err == nil {
		t.Fatal("got no error, want an invalid definition error")
	}
	var e *survey.Error
	if !errors.As(err, &e) {
		t.Fatalf("got error %T %v, want *survey.Error", err, err)
	}
	if got, want := e.Code, survey.EInvalid; got != want {
		t.Fatalf("got code %q, want %q", got, want)
	}
	if e.Message == "" {
		t.Error("got an empty error message")
	}
	return e.Fields
}

// wantField is an expected problem: the exact field path and a piece of
// the message that a person needs to see.
type wantField struct {
	field string
	msg   string
}

// checkFieldErrors compares problems in order: the field exactly, the
// message by the piece of it given.
func checkFieldErrors(t testing.TB, got []survey.FieldError, want []wantField) {
	t.Helper()
	if len(got) != len(want) {
		t.Fatalf("got %d errors, want %d:\n%s", len(got), len(want), survey.FieldErrors(got).Error())
	}
	for i := range want {
		if got[i].Field != want[i].field {
			t.Errorf("error %d: got field %q, want %q", i, got[i].Field, want[i].field)
		}
		if !strings.Contains(got[i].Message, want[i].msg) {
			t.Errorf("error %d (%s): got message %q, want it to contain %q", i, got[i].Field, got[i].Message, want[i].msg)
		}
	}
}

// oneSection wraps question objects (as JSON) in a one-section definition.
func oneSection(questions ...string) string {
	return `{"slug": "test-survey", "title": "Test", "sections": [{"id": "s", "title": "Section", "questions": [` +
		strings.Join(questions, ",") + `]}]}`
}

// parseAnswers reads an answers object as the API receives it, failing the
// test on malformed JSON or answers of the wrong type.
func parseAnswers(t testing.TB, d *survey.Definition, src string) survey.Answers {
	t.Helper()
	a, errs, err := d.ParseJSONAnswers([]byte(src))
	if err != nil {
		t.Fatalf("answers JSON: %v", err)
	}
	if len(errs) > 0 {
		t.Fatalf("ParseJSONAnswers: %v", survey.FieldErrors(errs))
	}
	return a
}

func questionIDs(qs []*survey.Question) []string {
	ids := make([]string, len(qs))
	for i, q := range qs {
		ids[i] = q.ID
	}
	return ids
}
