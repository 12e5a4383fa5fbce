package export

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+44 7700 900123", "'+44 7700 900123"},
		{"-1", "'-1"},
		{"@cmd", "'@cmd"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"plain text", "plain text"},
		{"", ""},
		{"a=b", "a=b"},
	}
	for _, tt := range tests {
		if got := SafeCell(tt.in); got != tt.want {
			t.Errorf("SafeCell(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestColumnsKeepEveryVersionsQuestions(t *testing.T) {
	v1 := &survey.Definition{Sections: []survey.Section{{Questions: []survey.Question{{ID: "a"}, {ID: "old"}, {ID: "b"}}}}}
	v2 := &survey.Definition{Sections: []survey.Section{{Questions: []survey.Question{{ID: "b"}, {ID: "a"}, {ID: "new"}}}}}
	if got, want := strings.Join(Columns([]*survey.Definition{v1, v2}), ","), "b,a,new,old"; got != want {
		t.Errorf("Columns = %s, want %s", got, want)
	}
}

func TestCSVAndJSONWriters(t *testing.T) {
	r := Response{Reference: "FV-2222-3333", SubmittedAt: time.Date(2026, 9, 14, 10, 0, 0, 0, time.UTC), Version: 2,
		Answers: survey.Answers{
			"needs":   survey.ChoicesValue("autism", "adhd"),
			"rating":  survey.NumberValue(survey.Scale, 4),
			"comment": survey.TextValue(survey.LongText, "=1+1"),
		}}
	var buf bytes.Buffer
	cw, err := NewCSVWriter(&buf, []string{"needs", "rating", "comment", "unanswered"})
	if err != nil {
		t.Fatal(err)
	}
	if err := cw.Write(r); err != nil {
		t.Fatal(err)
	}
	if err := cw.Flush(); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"reference", "submitted_at", "version", "needs", "rating", "comment", "unanswered"},
		{"FV-2222-3333", "2026-09-14T10:00:00Z", "2", "autism;adhd", "4", "'=1+1", ""},
	}
	for i := range want {
		if strings.Join(rows[i], "|") != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, rows[i], want[i])
		}
	}

	buf.Reset()
	jw, _ := NewJSONWriter(&buf)
	jw.Write(r)
	jw.Write(r)
	jw.Close()
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil || len(got) != 2 {
		t.Fatalf("JSON = %s, %v", buf.String(), err)
	}
	if got[0]["reference"] != "FV-2222-3333" || got[0]["version"] != float64(2) || got[0]["answers"].(map[string]any)["comment"] != "=1+1" {
		t.Errorf("JSON = %v", got[0])
	}
	buf.Reset()
	jw, _ = NewJSONWriter(&buf)
	jw.Close()
	if strings.TrimSpace(buf.String()) != "[]" {
		t.Errorf("empty JSON = %q, want []", buf.String())
	}
}
