package text

import (
	"strings"
	"testing"
	"unicode"
)

// FuzzTokenize checks that Tokenize never panics and that its tokens are
// in order, inside the text, lower-case words of letters, digits and
// inner apostrophes, with the stem Stem gives.
func FuzzTokenize(f *testing.F) {
	for _, s := range []string{
		"The SENCO isn't helpful", "parents' 'quoted' don’t ‘curly’", "waited 2 yrs; 18 months", "Zoë ÉCOLE İstanbul",
		"a\xffb\xc3", "''''", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		prevEnd := 0
		for _, tok := range Tokenize(s) {
			if tok.Start < prevEnd || tok.End <= tok.Start || tok.End > len(s) {
				t.Fatalf("Tokenize(%q): token %q at [%d,%d) out of order or bounds", s, tok.Word, tok.Start, tok.End)
			}
			prevEnd = tok.End
			if tok.Word == "" || strings.HasPrefix(tok.Word, "'") || strings.HasSuffix(tok.Word, "'") {
				t.Fatalf("Tokenize(%q): bad word %q", s, tok.Word)
			}
			for _, r := range tok.Word {
				if !(unicode.IsLetter(r) || unicode.IsDigit(r) || r == '\'') {
					t.Fatalf("Tokenize(%q): word %q holds %q", s, tok.Word, r)
				}
			}
			if got := Stem(tok.Word); got != tok.Stem {
				t.Fatalf("Tokenize(%q): stem of %q = %q, Stem gives %q", s, tok.Word, tok.Stem, got)
			}
		}
	})
}
