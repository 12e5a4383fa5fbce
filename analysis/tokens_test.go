package analysis

import (
	"testing"

	"github.com/familyvoice/familyvoice/analysis/text"
)

// checkSameTokens holds the classifier's tokenizer to text.Tokenize: the
// same words at the same offsets with the same stems (after spelling
// correction), so that the rules and the learned model read comments
// alike.
func checkSameTokens(t *testing.T, c *stemCache, s string) {
	t.Helper()
	got := c.tokenize(s, nil)
	want := text.Tokenize(s)
	if len(got) != len(want) {
		t.Fatalf("tokenize(%q) gave %d tokens, text.Tokenize %d", s, len(got), len(want))
	}
	for i := range want {
		g, w := got[i], want[i]
		norm := correctSpelling(w.Word)
		if g.start != w.Start || g.end != w.End || g.norm != norm || g.stem != text.Stem(norm) {
			t.Fatalf("tokenize(%q)[%d] = %q %q [%d,%d), want %q %q [%d,%d)", s, i, g.norm, g.stem, g.start, g.end,
				norm, text.Stem(norm), w.Start, w.End)
		}
	}
}

func TestTokenizeMatchesText(t *testing.T) {
	tests := []struct{ name, s string }{
		{"plain", "The SENCO never replies"},
		{"apostrophes", "couldn't parents' 'quoted' don’t ‘curly’"},
		{"misspellings", "sendco autisim appointmnet pediatrician theraphy recieve"},
		{"digits", "waited 2 yrs, 18 months; 1:1 support 24/7"},
		{"unicode", "Zoë’s café — naïve ÉCOLE Łódź"},
		{"punctuation only", "... !!! ---"},
		{"empty", ""},
		{"invalid utf8", "ok\xffbad\xc3"},
		{"long word", "supercalifragilisticexpialidocioussupercalifragilisticexpialidocious"},
	}
	c := newStemCache(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkSameTokens(t, c, tt.s)
		})
	}
}

func TestTokenizeFlags(t *testing.T) {
	toks := newStemCache(nil).tokenize("The LA said no. But SEND, part-time - then", nil)
	tests := []struct {
		i               int
		norm            string
		caps, brk, stop bool
	}{
		{1, "la", true, false, false},
		{4, "but", false, true, true},
		{5, "send", true, false, false},
		{6, "part", false, true, false},
		{7, "time", false, false, false},
		{8, "then", false, true, false},
	}
	for _, tt := range tests {
		t.Run(tt.norm, func(t *testing.T) {
			g := toks[tt.i]
			if g.norm != tt.norm || g.caps != tt.caps || g.brk != tt.brk || g.stop != tt.stop {
				t.Errorf("token %d = %+v, want norm %q caps %v brk %v stop %v", tt.i, g, tt.norm, tt.caps, tt.brk, tt.stop)
			}
		})
	}
}

// TestStemCachePublishes adds enough new words to make the cache publish
// a new map, and checks every word still reads back.
func TestStemCachePublishes(t *testing.T) {
	c := newStemCache(nil)
	words := make([]string, 500)
	for i := range words {
		words[i] = "word" + string(rune('a'+i%26)) + string(rune('a'+i/26))
		c.lookup([]byte(words[i]))
	}
	if got := len(*c.published.Load()); got == 0 {
		t.Fatalf("published map is empty after %d words", len(words))
	}
	for _, w := range words {
		if got, want := c.lookup([]byte(w)).stem, text.Stem(w); got != want {
			t.Errorf("stem of %q = %q, want %q", w, got, want)
		}
	}
}
