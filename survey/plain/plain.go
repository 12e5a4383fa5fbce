// Package plain checks that survey questions are written in plain
// English, so that the questionnaire designer can advise the person
// writing them. It looks for long sentences, a high reading age and
// unexplained jargon from an editable list. Its advice never stops a
// question being saved: a forum may have good reason to keep a word.
package plain

import (
	"fmt"
	"math"
	"strings"
)

// Kinds of advice.
const (
	KindLongSentence = "long_sentence"
	KindReadingAge   = "reading_age"
	KindJargon       = "jargon"
)

// Fields of a question that advice can be about, named as in a survey
// definition.
const (
	FieldText = "text"
	FieldHint = "hint"
)

// Advice is one suggestion for making a question easier to read.
type Advice struct {
	Kind string `json:"kind"`
	// Field is the part of the question the advice is about, FieldText
	// or FieldHint; it is empty for the reading age, which is of both.
	Field string `json:"field,omitempty"`
	// Message says what to change, in plain English, for the person
	// designing the questionnaire.
	Message string `json:"message"`
	// Term is the words the advice is about as they are written in the
	// question: the jargon ("Senco"), or the whole long sentence. It is
	// empty for the reading age.
	Term string `json:"term,omitempty"`
	// Suggestion is text the designer might use: for jargon, the
	// explanation to put in the hint, or the right spelling of a
	// misspelling.
	Suggestion string `json:"suggestion,omitempty"`
	// Words are the long words that raise the reading age.
	Words []string `json:"words,omitempty"`
}

// Defaults for a new Checker.
const (
	DefaultMaxSentenceWords = 20
	DefaultMaxReadingAge    = 11
	DefaultAimReadingAge    = 9
)

// shortTextMargin is how far above MaxReadingAge the estimate for a text
// of under MinWordsToJudge words must be before it is worth advice: the
// estimate swings by years on a single long word, so only a very high one
// means much.
const shortTextMargin = 4

// quotedSentenceWords is how many words of a long sentence the advice
// quotes, enough for the designer to find it.
const quotedSentenceWords = 6

// maxLongWords is how many long words the advice lists.
const maxLongWords = 5

// Checker checks questions against a jargon list and limits on sentence
// length and reading age. Set its fields before use; after that it is
// safe for use by several goroutines at once.
type Checker struct {
	// MaxSentenceWords is the longest sentence, in words, that passes
	// without advice.
	MaxSentenceWords int
	// MaxReadingAge is the highest reading age, in years and rounded,
	// that passes without advice.
	MaxReadingAge float64
	// AimReadingAge is the reading age the advice asks for.
	AimReadingAge float64

	terms    []compiledTerm
	patterns []pattern
	index    map[string][]int // lower-case first word -> patterns, longest first
}

// NewChecker returns a Checker with the default limits that looks for the
// given jargon, usually DefaultJargon or a list read with LoadJargon.
// Names with no letters or digits are ignored, and a name that appears
// twice belongs to the first term that has it.
func NewChecker(terms []Term) *Checker {
	c := &Checker{
		MaxSentenceWords: DefaultMaxSentenceWords,
		MaxReadingAge:    DefaultMaxReadingAge,
		AimReadingAge:    DefaultAimReadingAge,
	}
	c.compileTerms(terms)
	return c
}

// CheckQuestion returns advice on a question's text and hint: first any
// sentences that are too long (the text's, then the hint's), then the
// reading age of the two together if it is too high, then each piece of
// unexplained jargon in the order it first appears. It returns nil when
// there is nothing to say.
func (c *Checker) CheckQuestion(text, hint string) []Advice {
	var out []Advice
	out = c.checkSentences(out, FieldText, text)
	out = c.checkSentences(out, FieldHint, hint)
	out = c.checkReadingAge(out, text, hint)
	out = c.checkJargon(out, text, hint)
	return out
}

func (c *Checker) checkSentences(out []Advice, field, text string) []Advice {
	for s := range sentences(text) {
		n, quoted := 0, s
		for at, w := range words(s) {
			n++
			if n == quotedSentenceWords {
				quoted = s[:at+len(w)]
			}
		}
		if n <= c.MaxSentenceWords {
			continue
		}
		where := "question"
		if field == FieldHint {
			where = "hint"
		}
		out = append(out, Advice{
			Kind:  KindLongSentence,
			Field: field,
			Message: fmt.Sprintf("The %s has a sentence of %d words, starting \"%s…\". Sentences of %d words or fewer are easier to read: try splitting it.",
				where, n, quoted, c.MaxSentenceWords),
			Term: s,
		})
	}
	return out
}

func (c *Checker) checkReadingAge(out []Advice, text, hint string) []Advice {
	all := text
	if strings.TrimSpace(hint) != "" {
		all += "\n" + hint
	}
	r := Measure(all)
	if r.Words == 0 {
		return out
	}
	age := math.Round(r.Age)
	limit := c.MaxReadingAge
	if r.Words < MinWordsToJudge {
		limit += shortTextMargin
	}
	if age <= limit {
		return out
	}
	var b strings.Builder
	fmt.Fprintf(&b, "The reading age is about %.0f; aim for %.0f.", age, c.AimReadingAge)
	long := r.LongWords
	if len(long) > maxLongWords {
		long = long[:maxLongWords]
	}
	if len(long) > 0 {
		b.WriteString(" These long words make it harder: ")
		for i, w := range long {
			if i > 0 {
				b.WriteString(", ")
			}
			fmt.Fprintf(&b, "\"%s\"", w)
			if p, ok := plainerWords[strings.ToLower(w)]; ok {
				fmt.Fprintf(&b, " (try \"%s\")", p)
			}
		}
		b.WriteString(".")
	}
	b.WriteString(" Shorter words and sentences bring it down.")
	return append(out, Advice{Kind: KindReadingAge, Message: b.String(), Words: long})
}

func (c *Checker) checkJargon(out []Advice, text, hint string) []Advice {
	var mbuf [8]jargonMatch
	ms := c.findJargon(FieldText, text, mbuf[:0])
	ms = c.findJargon(FieldHint, hint, ms)
	q := &question{text: text, hint: hint}
	for i, m := range ms {
		if hasTerm(ms[:i], m.term) {
			continue // already judged at its first appearance
		}
		ct := &c.terms[m.term]
		var same []jargonMatch
		for _, o := range ms[i:] {
			if o.term == m.term {
				same = append(same, o)
			}
		}
		written := m.text[m.start:m.end]
		a := Advice{Kind: KindJargon, Field: m.field, Term: written}
		if ct.correct != "" {
			a.Message = fmt.Sprintf("\"%s\" looks like a misspelling of \"%s\".", written, ct.correct)
			a.Suggestion = ct.correct
			out = append(out, a)
			continue
		}
		if explained(ct, same, q) {
			continue
		}
		a.Message = fmt.Sprintf("Not every family will know what \"%s\" means. Explain it in the hint, for example: \"%s\".", written, ct.Explanation)
		a.Suggestion = ct.Explanation
		out = append(out, a)
	}
	return out
}

// hasTerm reports whether a match of term is among ms.
func hasTerm(ms []jargonMatch, term int) bool {
	for _, m := range ms {
		if m.term == term {
			return true
		}
	}
	return false
}

// plainerWords suggests shorter words for long ones that questionnaires
// often use.
var plainerWords = map[string]string{
	"additional":    "extra",
	"alternative":   "other",
	"approximately": "about",
	"appropriate":   "right",
	"consequently":  "so",
	"difficulties":  "problems",
	"facilitate":    "help",
	"identify":      "find",
	"immediately":   "now",
	"majority":      "most",
	"necessary":     "needed",
	"opportunity":   "chance",
	"opportunities": "chances",
	"participate":   "take part",
	"previously":    "before",
	"professionals": "staff",
	"satisfactory":  "good enough",
	"subsequently":  "later",
}
