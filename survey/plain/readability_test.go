package plain

import (
	"math"
	"slices"
	"testing"
)

func TestMeasure(t *testing.T) {
	// Ease for the first two texts is the figure Rudolf Flesch published
	// for them; grades and ages follow from the formulas.
	tests := []struct {
		name       string
		text       string
		wantEase   float64
		wantGrade  float64
		wantAge    float64
		within     float64
		wantWords  int
		wantSents  int
		wantLong   []string
		checkScore bool
	}{
		{
			name: "cat on the mat", text: "The cat sat on the mat.",
			wantEase: 116.1, wantGrade: -1.45, wantAge: 5, within: 0.5,
			wantWords: 6, wantSents: 1, checkScore: true,
		},
		{
			name: "platypus", text: "The Australian platypus is seemingly a hybrid of a mammal and reptilian creature.",
			wantEase: 37.5, wantGrade: 11.3, wantAge: 16.3, within: 1,
			wantWords: 13, wantSents: 1, checkScore: true,
		},
		{
			name: "children's story", text: "Tom has a red ball. He likes to play with it in the park. His dog runs after the ball.",
			wantEase: 111.2, wantGrade: -0.6, wantAge: 5, within: 1,
			wantWords: 20, wantSents: 3, checkScore: true,
		},
		{
			name: "family guidance",
			text: "You can apply for an education, health and care needs assessment if you think your child needs more support than their school can give. " +
				"The council must tell you within six weeks whether it will carry out the assessment.",
			wantEase: 74.2, wantGrade: 7.7, wantAge: 12.7, within: 1,
			wantWords: 39, wantSents: 2, wantLong: []string{"education"}, checkScore: true,
		},
		{
			name:      "academic",
			text:      "The implementation of individualised educational provision necessitates comprehensive multidisciplinary collaboration between professionals and families.",
			wantWords: 14, wantSents: 1,
			wantLong: []string{"implementation", "individualised", "educational", "necessitates", "comprehensive", "multidisciplinary", "collaboration", "professionals"},
		},
		{
			name:      "long words once and abbreviations left out",
			text:      "Communication with the SENDIASS was good. Communication with CAMHS was poor.",
			wantWords: 11, wantSents: 2, wantLong: []string{"Communication"},
		},
		{name: "empty", text: "  \n ", wantWords: 0, wantSents: 0, checkScore: true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Measure(tt.text)
			if got.Words != tt.wantWords || got.Sentences != tt.wantSents {
				t.Errorf("Measure() words, sentences = %d, %d, want %d, %d", got.Words, got.Sentences, tt.wantWords, tt.wantSents)
			}
			if !slices.Equal(got.LongWords, tt.wantLong) {
				t.Errorf("Measure() long words = %q, want %q", got.LongWords, tt.wantLong)
			}
			if !tt.checkScore {
				return
			}
			for _, c := range []struct {
				what      string
				got, want float64
			}{
				{"ease", got.Ease, tt.wantEase},
				{"grade", got.Grade, tt.wantGrade},
				{"age", got.Age, tt.wantAge},
			} {
				if math.Abs(c.got-c.want) > tt.within {
					t.Errorf("Measure() %s = %.2f, want %.1f ± %.1f", c.what, c.got, c.want, tt.within)
				}
			}
		})
	}
}

func TestReadingAge(t *testing.T) {
	tests := []struct {
		name    string
		text    string
		wantMin float64
		wantMax float64
		wantOK  bool
	}{
		{"simple question", "How old is your child?", 5, 5, false},
		{"simple sentence of eight words", "Tell us what went well at your school.", 5, 9, true},
		{"hard question", "How satisfied are you with the communication you have received from professionals?", 14, 20, true},
		{"academic", "The implementation of individualised educational provision necessitates comprehensive multidisciplinary collaboration.", 25, 60, true},
		{"short but hard", "Rate the accessibility of information provided", 20, 26, false},
		{"no words", "?!", 0, 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := ReadingAge(tt.text)
			if got < tt.wantMin || got > tt.wantMax || ok != tt.wantOK {
				t.Errorf("ReadingAge(%q) = %.1f, %v, want %.0f to %.0f, %v", tt.text, got, ok, tt.wantMin, tt.wantMax, tt.wantOK)
			}
		})
	}
}

func TestSentences(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"full stops", "One. Two words. Three more words.", []string{"One.", "Two words.", "Three more words."}},
		{"questions and exclamations", "Really?! Yes. (Honestly.) Next", []string{"Really?!", "Yes.", "(Honestly.)", "Next"}},
		{"quotes after the end", `She said "no." Then left.`, []string{`She said "no."`, "Then left."}},
		{"abbreviation before a small letter", "Therapy, e.g. speech therapy, helps. Yes.", []string{"Therapy, e.g. speech therapy, helps.", "Yes."}},
		{"abbreviation before a capital", "Tell us, e.g. Speech therapy. Yes.", []string{"Tell us, e.g. Speech therapy.", "Yes."}},
		{"title", "Ask Dr. Patel about it.", []string{"Ask Dr. Patel about it."}},
		{"initial", "Ask J. Smith about it.", []string{"Ask J. Smith about it."}},
		{"etc ends a sentence", "Speech, OT etc. What else?", []string{"Speech, OT etc.", "What else?"}},
		{"decimal", "It took 2.5 hours. Then more.", []string{"It took 2.5 hours.", "Then more."}},
		{"list items", "This could include:\n- speech therapy\n- OT\r\n\n", []string{"This could include:", "- speech therapy", "- OT"}},
		{"no end mark", "How old is your child", []string{"How old is your child"}},
		{"punctuation only", "... ?", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := slices.Collect(sentences(tt.text))
			if !slices.Equal(got, tt.want) {
				t.Errorf("sentences(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestWords(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string
	}{
		{"apostrophes", "child's children’s parents' ", []string{"child's", "children’s", "parents"}},
		{"hyphens", "co-production - and well-being", []string{"co-production", "and", "well-being"}},
		{"slash", "parent/carer", []string{"parent", "carer"}},
		{"abbreviations and numbers", "e.g. 2.5 LS6", []string{"e.g", "2.5", "LS6"}},
		{"accents", "café naïve", []string{"café", "naïve"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, w := range words(tt.text) {
				got = append(got, w)
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("words(%q) = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}
