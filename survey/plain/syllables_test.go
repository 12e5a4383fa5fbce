package plain

import "testing"

func TestSyllables(t *testing.T) {
	tests := []struct {
		word string
		want int
	}{
		// Plain words and silent e.
		{"cat", 1},
		{"school", 1},
		{"make", 1},
		{"makes", 1},
		{"whole", 1},
		{"the", 1},
		{"table", 2},
		{"people", 2},
		{"centre", 2},
		{"places", 2},
		{"changes", 2},
		{"asked", 1},
		{"wanted", 2},
		{"needed", 2},
		// Vowels spoken apart or together.
		{"idea", 3},
		{"area", 3},
		{"create", 2},
		{"treated", 2},
		{"really", 2},
		{"reality", 4},
		{"quiet", 2},
		{"science", 2},
		{"field", 1},
		{"patient", 2},
		{"experience", 4},
		{"radio", 3},
		{"nation", 2},
		{"million", 2},
		{"usual", 3},
		{"being", 2},
		{"flying", 2},
		{"player", 2},
		{"beyond", 2},
		{"unique", 2},
		{"language", 2},
		// Compounds and endings.
		{"sometimes", 2},
		{"someone", 2},
		{"everyone", 3},
		{"therefore", 2},
		{"statement", 2},
		{"careful", 2},
		{"safeguarding", 3},
		{"autism", 3},
		{"struggling", 3},
		// Words questionnaires about SEND use.
		{"assessment", 3},
		{"education", 4},
		{"provision", 3},
		{"statutory", 4},
		{"disability", 5},
		{"communication", 5},
		{"occupational", 5},
		{"psychologist", 4},
		{"diagnosis", 4},
		{"appropriate", 4},
		{"individual", 5},
		{"accessibility", 6},
		{"paediatrician", 5},
		{"behaviour", 4},
		// Forms of writing.
		{"child's", 1},
		{"children’s", 2},
		{"didn't", 2},
		{"isn't", 2},
		{"don't", 1},
		{"co-production", 4},
		{"CAMHS", 1},
		{"naïve", 2},
		{"2024", 1},
		{"hmm", 1},
		{"", 1},
	}
	for _, tt := range tests {
		t.Run(tt.word, func(t *testing.T) {
			if got := Syllables(tt.word); got != tt.want {
				t.Errorf("Syllables(%q) = %d, want %d", tt.word, got, tt.want)
			}
		})
	}
}

func TestPlainerWordsAreLong(t *testing.T) {
	// A suggestion is only ever shown for a long word.
	for w := range plainerWords {
		t.Run(w, func(t *testing.T) {
			if got := Syllables(w); got < LongWordSyllables {
				t.Errorf("Syllables(%q) = %d, want at least %d", w, got, LongWordSyllables)
			}
		})
	}
}
