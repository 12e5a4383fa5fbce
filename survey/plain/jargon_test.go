package plain

import (
	"bytes"
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
)

func TestDefaultJargon(t *testing.T) {
	terms := DefaultJargon()
	if got, want := len(terms), 35; got < want {
		t.Fatalf("DefaultJargon() has %d terms, want at least %d", got, want)
	}
	for _, name := range []string{"EHCP", "ECHP", "SENCO", "CAMHS", "LA", "SEND", "local offer", "annual review", "transition", "provision", "statutory", "mainstream", "tribunal", "co-production"} {
		t.Run(name, func(t *testing.T) {
			if !slices.ContainsFunc(terms, func(tm Term) bool { return tm.Term == name }) {
				t.Errorf("DefaultJargon() has no %q", name)
			}
		})
	}
	t.Run("embedded file is as WriteJargon writes it", func(t *testing.T) {
		var b bytes.Buffer
		if err := WriteJargon(&b, terms); err != nil {
			t.Fatal(err)
		}
		if got, want := b.String(), string(DefaultJargonCSV()); got != want {
			t.Errorf("WriteJargon(DefaultJargon()) =\n%s\nwant\n%s", got, want)
		}
	})
	t.Run("fresh copy", func(t *testing.T) {
		terms[0].Aliases[0] = "changed"
		if got := DefaultJargon()[0].Aliases[0]; got == "changed" {
			t.Errorf("DefaultJargon() shares its slices between calls")
		}
	})
}

func TestJargonRoundTrip(t *testing.T) {
	terms := []Term{
		{Term: "SENCO", Aliases: []string{"SENDCo", "Senco"}, Explanation: "the teacher in charge of special educational needs at a school"},
		{Term: "local offer", Explanation: `the council's list of services, "what's on offer", for families`},
		{Term: "LA", Explanation: "local authority (LA): the council"},
		{Term: "Ysgol", Explanation: "Welsh for school — ysgol"},
	}
	var b bytes.Buffer
	if err := WriteJargon(&b, terms); err != nil {
		t.Fatalf("WriteJargon() error = %v", err)
	}
	got, err := LoadJargon(&b)
	if err != nil {
		t.Fatalf("LoadJargon() error = %v", err)
	}
	if !reflect.DeepEqual(got, terms) {
		t.Errorf("LoadJargon(WriteJargon(terms)) = %#v, want %#v", got, terms)
	}
}

func TestLoadJargon(t *testing.T) {
	tests := []struct {
		name string
		csv  string
		want []Term
	}{
		{
			name: "spreadsheet export",
			csv:  "\ufeffTerm , Explanation,Notes\r\nOT, occupational therapy ,added 2024\r\n,,\r\nPA|PAs? no,someone paid to help,\r\n",
			want: []Term{
				{Term: "OT", Explanation: "occupational therapy"},
				{Term: "PA", Aliases: []string{"PAs? no"}, Explanation: "someone paid to help"},
			},
		},
		{
			name: "columns in the other order",
			csv:  "explanation,term\nthe council,LA\n",
			want: []Term{{Term: "LA", Explanation: "the council"}},
		},
		{
			name: "spaces inside names and explanations tidied",
			csv:  "term,explanation\n\"annual   review \",\"the yearly\nmeeting\"\n",
			want: []Term{{Term: "annual review", Explanation: "the yearly meeting"}},
		},
		{name: "header only", csv: "term,explanation\n", want: nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := LoadJargon(strings.NewReader(tt.csv))
			if err != nil {
				t.Fatalf("LoadJargon() error = %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("LoadJargon() = %#v, want %#v", got, tt.want)
			}
		})
	}
}

func TestLoadJargonErrors(t *testing.T) {
	long := strings.Repeat("x", maxExplanationRunes+1)
	tests := []struct {
		name       string
		csv        string
		wantLine   int
		wantColumn string
		wantMsg    string
	}{
		{"empty file", "", 1, "", "the file is empty"},
		{"no header", "OT,occupational therapy\n", 1, "", "header term,explanation"},
		{"column twice", "term,explanation,term\n", 1, "term", "appears twice"},
		{"empty term", "term,explanation\nOT,occupational therapy\n,the council\n", 3, "term", "the term is empty"},
		{"empty alias", "term,explanation\nSENCO||SENDCo,a teacher\n", 2, "term", "empty name"},
		{"no letters", "term,explanation\n--,a dash\n", 2, "term", `"--" has no letters`},
		{"name twice", "term,explanation\nOT,occupational therapy\nLA,the council\nOT|O.T.,again\n", 4, "term", `"OT" is already on line 2`},
		{"empty explanation", "term,explanation\nOT,occupational therapy\nLA, \n", 3, "explanation", `what "LA" means`},
		{"explanation too long", "term,explanation\nOT," + long + "\n", 2, "explanation", "keep it under 500"},
		{"unquoted comma", "term,explanation\nOT,occupational therapy\nSEMH,social, emotional and mental health\n", 3, "", "double quotes"},
		{"bad quotes", "term,explanation\nOT,\"occupational therapy\nLA,the council\n", 2, "", "quote"},
		{"stray quote", "term,explanation\nOT,occupational \"therapy\"\n", 2, "", "quote"},
		{"not UTF-8", "term,explanation\nOT,th\xe9rapie\n", 2, "", "UTF-8"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadJargon(strings.NewReader(tt.csv))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("LoadJargon() error = %v, want an *InputError", err)
			}
			if ie.Line != tt.wantLine || ie.Column != tt.wantColumn || !strings.Contains(ie.Msg, tt.wantMsg) {
				t.Errorf("LoadJargon() error = line %d, column %q, %q; want line %d, column %q, containing %q",
					ie.Line, ie.Column, ie.Msg, tt.wantLine, tt.wantColumn, tt.wantMsg)
			}
			if got, want := err.Error(), "line "; !strings.HasPrefix(got, want) {
				t.Errorf("error text = %q, want it to start %q", got, want)
			}
		})
	}
}

func TestWriteJargonErrors(t *testing.T) {
	tests := []struct {
		name  string
		terms []Term
	}{
		{"separator in a name", []Term{{Term: "A|B", Explanation: "x"}}},
		{"empty alias", []Term{{Term: "OT", Aliases: []string{" "}, Explanation: "x"}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := WriteJargon(&bytes.Buffer{}, tt.terms); err == nil {
				t.Errorf("WriteJargon(%v) error = nil, want an error", tt.terms)
			}
		})
	}
}
