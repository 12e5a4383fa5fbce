package plain

import (
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
)

// MinWordsToJudge is the fewest words on which a reading age means much.
// The Flesch-Kincaid formula averages over words and sentences, so in a
// very short text one long word swings it by years: "Any other comments?"
// scores a reading age of 14.
const MinWordsToJudge = 8

// LongWordSyllables is the number of syllables from which a word counts
// as long: "communication", "appropriate".
const LongWordSyllables = 4

// Readability describes how hard a text is to read.
type Readability struct {
	Sentences int
	Words     int
	Syllables int
	// Grade is the Flesch-Kincaid grade level, a US school grade.
	Grade float64
	// Ease is the Flesch reading ease: 100 or more is very easy, under
	// 50 is hard, under 30 is for graduates.
	Ease float64
	// Age is the UK reading age in years: Grade + 5, and never under 5.
	Age float64
	// LongWords are the words of LongWordSyllables or more, each once,
	// in the order they first appear. Abbreviations in capitals are
	// left out: they are a matter for the jargon list.
	LongWords []string
}

// Measure works out how hard text is to read with the Flesch-Kincaid
// grade and the Flesch reading ease, both designed for short passages of
// plain English. Every sentence ends at ".", "!", "?" or a line break,
// so each item of a list counts as a sentence of its own. Text with no
// words measures as zero.
func Measure(text string) Readability {
	var r Readability
	var seen map[string]bool
	for s := range sentences(text) {
		r.Sentences++
		for _, w := range words(s) {
			r.Words++
			n := Syllables(w)
			r.Syllables += n
			if n < LongWordSyllables || isAbbreviation(w) {
				continue
			}
			key := strings.ToLower(w)
			if seen == nil {
				seen = map[string]bool{}
			}
			if !seen[key] {
				seen[key] = true
				r.LongWords = append(r.LongWords, w)
			}
		}
	}
	if r.Words == 0 {
		return r
	}
	wps := float64(r.Words) / float64(r.Sentences)
	spw := float64(r.Syllables) / float64(r.Words)
	r.Grade = 0.39*wps + 11.8*spw - 15.59
	r.Ease = 206.835 - 1.015*wps - 84.6*spw
	r.Age = math.Max(r.Grade+5, 5)
	return r
}

// ReadingAge estimates the UK reading age of text in years (US grade plus
// five). ok is false when the text has fewer than MinWordsToJudge words,
// too few for the estimate to mean much; the estimate is returned all the
// same, since a short question with a long word in it may still deserve a
// second look.
func ReadingAge(text string) (age float64, ok bool) {
	r := Measure(text)
	return r.Age, r.Words >= MinWordsToJudge
}

// sentences yields the sentences of text, trimmed, skipping any that have
// no words.
func sentences(text string) func(yield func(string) bool) {
	return func(yield func(string) bool) {
		start := 0
		emit := func(end int) bool {
			s := strings.TrimSpace(text[start:end])
			start = end
			if s == "" || !hasWord(s) {
				return true
			}
			return yield(s)
		}
		for i := 0; i < len(text); {
			r, size := utf8.DecodeRuneInString(text[i:])
			next := i + size
			switch r {
			case '\n', '\r':
				if !emit(i) {
					return
				}
			case '!', '?':
				end := skipClosers(text, next)
				if !emit(end) {
					return
				}
				next = end
			case '.':
				if endsSentence(text, i) {
					end := skipClosers(text, next)
					if !emit(end) {
						return
					}
					next = end
				}
			}
			i = next
		}
		emit(len(text))
	}
}

// skipClosers moves past further end marks and closing quotes or
// brackets after the end of a sentence: `?"`, `!)`, `...`.
func skipClosers(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !strings.ContainsRune(".!?\"')]’”»", r) {
			break
		}
		i += size
	}
	return i
}

// titles are abbreviations that stand before a name, so that a capital
// letter after them does not start a sentence.
var titles = map[string]bool{
	"mr": true, "mrs": true, "ms": true, "dr": true, "prof": true, "st": true,
	"e.g": true, "i.e": true, "eg": true, "ie": true, "approx": true,
}

// endsSentence reports whether the full stop at i ends a sentence: it is
// followed by a space (or the end) and then not by a small letter, and it
// does not close an abbreviation such as "Dr." or an initial such as "J.".
func endsSentence(text string, i int) bool {
	rest := text[i+1:]
	if rest != "" {
		r, _ := utf8.DecodeRuneInString(rest)
		if isWordRune(r) {
			return false // "2.5", "e.g", "www.example"
		}
		trimmed := strings.TrimLeft(rest, " \t")
		if trimmed != "" {
			r, _ := utf8.DecodeRuneInString(trimmed)
			if unicode.IsLower(r) {
				return false // "e.g. speech therapy"
			}
		}
	}
	j := i
	for j > 0 {
		r, size := utf8.DecodeLastRuneInString(text[:j])
		if !isWordRune(r) && r != '.' {
			break
		}
		j -= size
	}
	prev := strings.ToLower(text[j:i])
	if titles[prev] {
		return false
	}
	return utf8.RuneCountInString(prev) != 1 || prev[0] < 'a' || prev[0] > 'z' || rest == ""
}

// words yields the words of s with their byte offsets. A word is a run
// of letters and digits, which may hold an apostrophe, a hyphen or a full
// stop between two of them: "child's", "co-production", "2.5", "e.g".
func words(s string) func(yield func(int, string) bool) {
	return func(yield func(int, string) bool) {
		start := -1
		for i := 0; i < len(s); {
			r, size := utf8.DecodeRuneInString(s[i:])
			switch {
			case isWordRune(r):
				if start < 0 {
					start = i
				}
			case start >= 0 && isJoiner(r) && i+size < len(s) && startsWithWordRune(s[i+size:]):
				// keep going: the joiner is inside a word
			default:
				if start >= 0 {
					if !yield(start, s[start:i]) {
						return
					}
					start = -1
				}
			}
			i += size
		}
		if start >= 0 {
			yield(start, s[start:])
		}
	}
}

func hasWord(s string) bool {
	return strings.IndexFunc(s, isWordRune) >= 0
}

func isWordRune(r rune) bool {
	if r < utf8.RuneSelf {
		l := r | 0x20 // lower case, for letters
		return ('a' <= l && l <= 'z') || ('0' <= r && r <= '9')
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

func isJoiner(r rune) bool {
	return r == '\'' || r == '’' || r == '-' || r == '.'
}

func startsWithWordRune(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

// isAbbreviation reports whether w has two or more capital letters, as
// "EHCP" and "SENDCo" do.
func isAbbreviation(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}
