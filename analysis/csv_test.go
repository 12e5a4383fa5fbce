package analysis

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"
)

func TestClassifyCSV(t *testing.T) {
	in := "text,area,id,extra\n" +
		"\"The SENCO is amazing, but CAMHS is a joke\",education,1,x\n" +
		"no comment,health,2,y\n" +
		"\"waited 2 years, she is self-harming\",,\"=HYPERLINK(\"\"x\"\")\",z\n" +
		"It has been fine,social_care,+3,\n"
	var out bytes.Buffer
	if err := DefaultClassifier().ClassifyCSV(strings.NewReader(in), &out); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(&out).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	want := [][]string{
		{"id", "service_areas", "themes", "sentiment", "safeguarding"},
		{"1", "education;health", "praise;mental_health", "mixed", "false"},
		{"2", "", "", "neutral", "false"},
		{"'=HYPERLINK(\"x\")", "", "waiting_times;mental_health", "negative", "true"},
		{"'+3", "social_care", "", "neutral", "false"},
	}
	if len(rows) != len(want) {
		t.Fatalf("got %d rows, want %d: %q", len(rows), len(want), rows)
	}
	for i := range want {
		if got := strings.Join(rows[i], "|"); got != strings.Join(want[i], "|") {
			t.Errorf("row %d = %q, want %q", i, got, strings.Join(want[i], "|"))
		}
	}
}

func TestClassifyCSVErrors(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"no id", "text,area\nhello,\n", `no "id" column`},
		{"no text", "id,comment\n1,hello\n", `no "text" column`},
		{"empty", "", "input is empty"},
		{"bad quoting", "id,text\n1,\"unterminated\n", "csv:"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := DefaultClassifier().ClassifyCSV(strings.NewReader(tt.in), &bytes.Buffer{})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("got error %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestSafeCell(t *testing.T) {
	tests := []struct{ in, want string }{
		{"=1+1", "'=1+1"}, {"+44", "'+44"}, {"-2", "'-2"}, {"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"}, {"\rx", "'\rx"}, {"r-17", "r-17"}, {"", ""},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			if got := safeCell(tt.in); got != tt.want {
				t.Errorf("safeCell(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestClassifyCSVStreams feeds a large generated file through a pipe to
// check that rows are written as they are read.
func TestClassifyCSVStreams(t *testing.T) {
	var in strings.Builder
	in.WriteString("id,text\n")
	const n = 20000
	for i := 0; i < n; i++ {
		in.WriteString("r,\"the school taxi was late again, we waited ages\"\n")
	}
	var out bytes.Buffer
	if err := DefaultClassifier().ClassifyCSV(strings.NewReader(in.String()), &out); err != nil {
		t.Fatal(err)
	}
	if got := strings.Count(out.String(), "\n"); got != n+1 {
		t.Errorf("got %d lines, want %d", got, n+1)
	}
}
