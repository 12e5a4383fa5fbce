// Package text turns free-text comments into normalised, stemmed tokens.
// Both the rule-based classifier and the learned model read comments
// through it, so that a term matches the same way in each.
package text

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
)

// Token is one word of a comment: its lower-cased form, its stem, and
// where it stood in the original text (byte offsets).
type Token struct {
	Word  string
	Stem  string
	Start int
	End   int
}

// Tokenize splits s into word tokens. Letters and digits make up words;
// an apostrophe inside a word is kept ("couldn't", "parents'"), and curly
// apostrophes are read as straight ones so that phones' autocorrect does
// not change what matches.
func Tokenize(s string) []Token {
	var toks []Token
	start := -1
	var b strings.Builder
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := strings.Trim(b.String(), "'")
		if w != "" {
			toks = append(toks, Token{Word: w, Stem: Stem(w), Start: start, End: end})
		}
		b.Reset()
		start = -1
	}
	for i, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			if start < 0 {
				start = i
			}
			b.WriteRune(unicode.ToLower(r))
		case (r == '\'' || r == '\u2019' || r == '\u2018') && start >= 0:
			b.WriteByte('\'')
		default:
			flush(i)
		}
	}
	flush(len(s))
	return toks
}

// Stem returns the Snowball (Porter2) English stem of a lower-case word,
// after folding British spellings to one form so that "behaviour" and
// "behavior", "recognised" and "recognized" share a stem.
func Stem(word string) string {
	w := Normalize(word)
	if len(w) <= 2 {
		return w
	}
	return english.Stem(w, false)
}

// Normalize folds a lower-case word's spelling variants to one form:
// British "-our", "-ise", "-isation" and "-yse" endings and a few common
// pairs are mapped to the American spelling the stemmer was built on.
func Normalize(w string) string {
	if v, ok := spellings[w]; ok {
		return v
	}
	return w
}

// spellings maps British (and commonly mis-typed) spellings of words that
// parents use about SEND services onto one form. The stemmer already
// folds plurals and verb endings, so only the base forms are needed.
var spellings = map[string]string{
	"behaviour":     "behavior",
	"behaviours":    "behaviors",
	"behavioural":   "behavioral",
	"colour":        "color",
	"favour":        "favor",
	"honour":        "honor",
	"labour":        "labor",
	"neighbour":     "neighbor",
	"centre":        "center",
	"centres":       "centers",
	"programme":     "program",
	"programmes":    "programs",
	"recognise":     "recognize",
	"recognised":    "recognized",
	"organise":      "organize",
	"organised":     "organized",
	"organisation":  "organization",
	"organisations": "organizations",
	"apologise":     "apologize",
	"apologised":    "apologized",
	"realise":       "realize",
	"realised":      "realized",
	"prioritise":    "prioritize",
	"prioritised":   "prioritized",
	"emphasise":     "emphasize",
	"criticise":     "criticize",
	"analyse":       "analyze",
	"analysed":      "analyzed",
	"paediatrician": "pediatrician",
	"paediatrics":   "pediatrics",
	"paediatric":    "pediatric",
	"judgement":     "judgment",
	"licence":       "license",
	"practise":      "practice",
	"enrol":         "enroll",
	"travelling":    "traveling",
	"cancelled":     "canceled",
	"fulfil":        "fulfill",
}
