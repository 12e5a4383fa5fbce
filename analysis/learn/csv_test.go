package learn

import (
	"encoding/csv"
	"errors"
	"reflect"
	"strings"
	"testing"
)

func TestReadExamples(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []Example
	}{
		{
			name: "all columns",
			in:   "id,text,labels,sentiment\n1,Great staff,Staff;Thanks,positive\n",
			want: []Example{{ID: "1", Text: "Great staff", Labels: []string{"Staff", "Thanks"}, Sentiment: "positive"}},
		},
		{
			name: "columns found by name, extra ignored",
			in:   "\ufeffSentiment, Labels ,Notes,Text,ID\nneg,Waiting,ignore me,Long wait,a7\n",
			want: []Example{{ID: "a7", Text: "Long wait", Labels: []string{"Waiting"}, Sentiment: "neg"}},
		},
		{
			name: "labels trimmed, empties and repeats dropped",
			in:   "id,text,labels\n1,x, Waiting ;;Staff; Waiting ;\n",
			want: []Example{{ID: "1", Text: "x", Labels: []string{"Waiting", "Staff"}}},
		},
		{
			name: "no labels and no sentiment allowed",
			in:   "id,text,labels,sentiment\n1,Nothing to add,,\n",
			want: []Example{{ID: "1", Text: "Nothing to add"}},
		},
		{
			name: "without ids the line stands in",
			in:   "text,labels\nfirst,A\n\"second\nover two lines\",B\nthird,C\n",
			want: []Example{
				{ID: "2", Text: "first", Labels: []string{"A"}},
				{ID: "3", Text: "second\nover two lines", Labels: []string{"B"}},
				{ID: "5", Text: "third", Labels: []string{"C"}},
			},
		},
		{
			name: "blank rows skipped",
			in:   "id,text,labels,sentiment\n1,one,A,\n,,,\n2,two,B,\n",
			want: []Example{{ID: "1", Text: "one", Labels: []string{"A"}}, {ID: "2", Text: "two", Labels: []string{"B"}}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadExamples(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func TestReadExamplesErrors(t *testing.T) {
	tests := []struct {
		name       string
		in         string
		wantLine   int
		wantColumn string
		wantMsg    string
	}{
		{"empty file", "", 1, "", "the file is empty"},
		{"no text column", "id,comment,labels\n1,x,A\n", 1, "", `no "text" column`},
		{"no labels column", "id,text\n1,x\n", 1, "", `no "labels" column`},
		{"column twice", "id,text,labels,Text\n", 1, "text", "appears twice"},
		{"header only", "id,text,labels\n", 2, "", "no comments"},
		{"empty comment", "id,text,labels\n1,ok,A\n2,,B\n", 3, "text", "comment is empty"},
		{"repeated id", "id,text,labels\n1,a,A\n2,b,B\n1,c,C\n", 4, "id", `already used on line 2`},
		{"short row", "id,text,labels\n1,a,A\n2,b\n", 3, "", "different number of cells"},
		{"stray quote", "id,text,labels\n1,a \"b\" c,A\n", 2, "", "character"},
		{"not UTF-8", "id,text,labels\n1,caf\xe9,A\n", 2, "text", "not UTF-8"},
		{"comment in labels column", "id,text,labels\n1,a," + strings.Repeat("x", 201) + "\n", 2, "labels", "longer than 200"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadExamples(strings.NewReader(tt.in))
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got error %v, want an InputError", err)
			}
			if ie.Line != tt.wantLine || ie.Column != tt.wantColumn || !strings.Contains(ie.Msg, tt.wantMsg) {
				t.Errorf("got line %d column %q message %q, want line %d column %q message containing %q",
					ie.Line, ie.Column, ie.Msg, tt.wantLine, tt.wantColumn, tt.wantMsg)
			}
		})
	}
}

func TestInputErrorMessage(t *testing.T) {
	tests := []struct {
		name string
		err  *InputError
		want string
	}{
		{"with column", &InputError{Line: 4, Column: "labels", Msg: "bad"}, `line 4, column "labels": bad`},
		{"whole line", &InputError{Line: 2, Msg: "bad"}, "line 2: bad"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.err.Error(); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClassifyCSV(t *testing.T) {
	withSentiment := trainSynthetic(t, 200)
	noSentiment, err := Train(dropSentiment(syntheticExamples(200, 1)), DefaultConfig())
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name  string
		model *Model
		in    string
		want  [][]string
	}{
		{
			name:  "ids kept, extra columns ignored, blank text left uncoded",
			model: withSentiment,
			in:    "Extra,ID,Text\nx,7,The taxi driver to school was awful.\ny,8,\nz,9,The nurse was lovely with my daughter.\n",
			want: [][]string{
				{"id", "labels", "sentiment"},
				{"7", "Transport", "negative"},
				{"8", "", ""},
				{"9", "Staff attitude", "positive"},
			},
		},
		{
			name:  "labels joined in score order",
			model: withSentiment,
			in:    "id,text\n1,The taxi driver to school was awful. The taxi driver was terrible. The wait for an appointment has been dreadful.\n",
			want: [][]string{
				{"id", "labels", "sentiment"},
				{"1", "Transport;Waiting times", "negative"},
			},
		},
		{
			name:  "line numbers without an id column",
			model: withSentiment,
			in:    "text\nThe EHCP review meeting was brilliant\n",
			want: [][]string{
				{"id", "labels", "sentiment"},
				{"2", "Education plan", "positive"},
			},
		},
		{
			name:  "empty sentiment when the training file had none",
			model: noSentiment,
			in:    "id,text\n1,The taxi driver to school was awful.\n",
			want: [][]string{
				{"id", "labels", "sentiment"},
				{"1", "Transport", ""},
			},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			if err := tt.model.ClassifyCSV(strings.NewReader(tt.in), &out); err != nil {
				t.Fatal(err)
			}
			got, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestClassifyCSVManyRows(t *testing.T) {
	m := trainSynthetic(t, 200)
	ex := syntheticExamples(classifyBatch+500, 5)
	var in strings.Builder
	w := csv.NewWriter(&in)
	w.Write([]string{"id", "text"})
	for _, e := range ex {
		w.Write([]string{e.ID, e.Text})
	}
	w.Flush()
	var out strings.Builder
	if err := m.ClassifyCSV(strings.NewReader(in.String()), &out); err != nil {
		t.Fatal(err)
	}
	rows, err := csv.NewReader(strings.NewReader(out.String())).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if got, want := len(rows), len(ex)+1; got != want {
		t.Fatalf("got %d rows, want %d", got, want)
	}
	for i, e := range ex {
		p := m.Predict(e.Text)
		want := []string{e.ID, strings.Join(p.LabelNames(), ";"), p.Sentiment}
		if got := rows[i+1]; !reflect.DeepEqual(got, want) {
			t.Fatalf("row %d: got %q, want %q", i+1, got, want)
		}
	}
}

func TestClassifyCSVErrors(t *testing.T) {
	m := trainSynthetic(t, 50)
	tests := []struct {
		name     string
		in       string
		wantLine int
	}{
		{"no text column", "id,comment\n1,hello\n", 1},
		{"bad row", "id,text\n1,hello\n2,hello,extra\n", 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := m.ClassifyCSV(strings.NewReader(tt.in), &strings.Builder{})
			var ie *InputError
			if !errors.As(err, &ie) {
				t.Fatalf("got error %v, want an InputError", err)
			}
			if got, want := ie.Line, tt.wantLine; got != want {
				t.Errorf("line: got %d, want %d (%v)", got, want, err)
			}
		})
	}
}
