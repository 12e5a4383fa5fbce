package plain

import (
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// span is a run of letters and digits in a text, as byte offsets.
type span struct{ start, end int }

// spans appends to buf the runs of letters and digits in s. Unlike
// words, it splits at apostrophes and hyphens, so "LA-run" holds "LA" and
// "EHCP's" holds "EHCP".
func spans(s string, buf []span) []span {
	for sp := range eachSpan(s) {
		buf = append(buf, sp)
	}
	return buf
}

// eachSpan yields the runs of letters and digits in s, as spans does.
func eachSpan(s string) func(yield func(span) bool) {
	return func(yield func(span) bool) {
		start := -1
		for i, r := range s {
			if isWordRune(r) {
				if start < 0 {
					start = i
				}
				continue
			}
			if start >= 0 {
				if !yield(span{start, i}) {
					return
				}
				start = -1
			}
		}
		if start >= 0 {
			yield(span{start, len(s)})
		}
	}
}

// patWord is one word of a jargon name.
type patWord struct {
	text  string // in lower case unless exact
	exact bool   // must be written in the same case
	// sep is what stands before the word in the name: "" for the first
	// word, " " for spaces or a hyphen, which match either, and
	// otherwise the exact text that must stand there, as in "O.T.".
	sep string
}

// pattern is one name of a term, as words.
type pattern struct {
	words []patWord
	term  int // index into Checker.terms
}

// compiledTerm is a Term made ready for checking.
type compiledTerm struct {
	Term
	// expansion is what an abbreviation stands for, normalised as by
	// normalise: " local authority ". Empty for other terms.
	expansion string
	// keys are the stems of the key words of the explanation, other than
	// the term's own words.
	keys []string
	// correct is the right spelling when the term is a misspelling.
	correct string
}

// isExact reports whether a word of a name must match case exactly: it
// has two or more capital letters, as "LA" and "SENDCo" do.
func isExact(word string) bool {
	return isAbbreviation(word)
}

// compileTerms turns terms into the Checker's tables.
func (c *Checker) compileTerms(terms []Term) {
	c.index = map[string][]int{}
	seen := map[string]bool{}
	for _, t := range terms {
		ct := compiledTerm{Term: t}
		ct.Aliases = slices.Clone(t.Aliases)
		ti := len(c.terms)
		added := false
		for _, name := range t.names() {
			p := pattern{term: ti}
			var key strings.Builder
			sps := spans(name, nil)
			for i, sp := range sps {
				w := name[sp.start:sp.end]
				pw := patWord{text: w, exact: isExact(w)}
				if !pw.exact {
					pw.text = strings.ToLower(w)
				}
				if i > 0 {
					pw.sep = name[sps[i-1].end:sp.start]
					if isNameGap(pw.sep) {
						pw.sep = " "
					}
				}
				p.words = append(p.words, pw)
				key.WriteString(pw.sep)
				key.WriteString(pw.text)
			}
			if len(p.words) == 0 || seen[key.String()] {
				continue
			}
			seen[key.String()] = true
			first := strings.ToLower(p.words[0].text)
			c.index[first] = append(c.index[first], len(c.patterns))
			c.patterns = append(c.patterns, p)
			added = true
		}
		if !added {
			continue
		}
		ct.correct = misspellingOf(t.Explanation)
		ct.expansion, ct.keys = explanationParts(t)
		c.terms = append(c.terms, ct)
	}
	// Longest names first, so that "SEN support" wins over "SEN".
	for k, ps := range c.index {
		slices.SortStableFunc(ps, func(a, b int) int {
			return len(c.patterns[b].words) - len(c.patterns[a].words)
		})
		c.index[k] = ps
	}
}

// misspellingOf returns the right spelling named by an explanation such
// as "misspelling of EHCP" or "A common misspelling of EHCP.", or "".
func misspellingOf(explanation string) string {
	e := strings.TrimSpace(explanation)
	lower := strings.ToLower(e)
	for _, p := range []string{"a common misspelling of ", "common misspelling of ", "a misspelling of ", "misspelling of "} {
		if strings.HasPrefix(lower, p) {
			return strings.Trim(e[len(p):], ` ."'“”`)
		}
	}
	return ""
}

// explanationParts finds what an abbreviation stands for (the words
// before "(NAME)" in its explanation) and the stems of the explanation's
// key words (those after the colon, or all of them).
func explanationParts(t Term) (expansion string, keys []string) {
	e := t.Explanation
	def := e
	for _, name := range t.names() {
		i := strings.Index(e, "("+name+")")
		if i < 0 {
			continue
		}
		before := e[:i]
		if j := strings.LastIndexAny(before, ":.;"); j >= 0 {
			before = before[j+1:]
		}
		if n := normalise(before); strings.Count(n, " ") > 2 {
			expansion = n
		}
		def = e[i+len(name)+2:]
		break
	}
	if def == e {
		if i := strings.IndexByte(e, ':'); i >= 0 {
			def = e[i+1:]
		}
	}
	own := map[string]bool{}
	for _, name := range t.names() {
		for sp := range eachSpan(name) {
			own[stem(name[sp.start:sp.end])] = true
		}
	}
	for sp := range eachSpan(def) {
		w := def[sp.start:sp.end]
		s := stem(w)
		if utf8.RuneCountInString(w) < 3 || stopWords[strings.ToLower(w)] || own[s] || slices.Contains(keys, s) {
			continue
		}
		keys = append(keys, s)
	}
	return expansion, keys
}

// normalise returns the words of s in lower case, each followed and
// preceded by one space, so that " care plan " can be looked for as
// whole words whatever the punctuation.
func normalise(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 2)
	b.WriteByte(' ')
	for sp := range eachSpan(s) {
		b.WriteString(strings.ToLower(s[sp.start:sp.end]))
		b.WriteByte(' ')
	}
	return b.String()
}

// stem cuts common endings off a word so that "describes", "describing"
// and "described" compare equal. It is deliberately crude: it only has
// to match a hint's wording against an explanation's.
func stem(w string) string {
	w = strings.ToLower(w)
	for _, suf := range []string{"ings", "ing", "ies", "ied", "es", "ed", "s"} {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 3 {
			w = w[:len(w)-len(suf)]
			if suf == "ies" || suf == "ied" {
				w += "y"
			}
			break
		}
	}
	if len(w) > 4 && strings.HasSuffix(w, "e") {
		w = w[:len(w)-1]
	}
	return w
}

// stopWords are left out of an explanation's key words: they are too
// common, in English or in any question about SEND, to show that a hint
// explains a term.
var stopWords = map[string]bool{
	"the": true, "and": true, "for": true, "with": true, "from": true, "that": true,
	"this": true, "which": true, "who": true, "what": true, "when": true, "where": true,
	"your": true, "you": true, "they": true, "their": true, "them": true, "there": true,
	"are": true, "was": true, "were": true, "has": true, "have": true, "had": true,
	"can": true, "may": true, "must": true, "will": true, "should": true, "could": true,
	"not": true, "but": true, "all": true, "any": true, "some": true, "more": true,
	"most": true, "also": true, "such": true, "than": true, "into": true, "about": true,
	"its": true, "out": true, "how": true, "does": true, "get": true, "gets": true,
	"example": true, "often": true, "mean": true, "means": true, "usually": true,
	"child": true, "children": true, "child's": true, "young": true, "people": true,
	"person": true, "family": true, "families": true, "parent": true, "parents": true,
	"need": true, "needs": true, "help": true, "helps": true, "support": true,
}

// jargonMatch is one place where a name of a term appears.
type jargonMatch struct {
	term       int
	field      string
	text       string // the whole text of the field
	start, end int    // byte offsets of the name in text
}

// findJargon appends the jargon found in text to out, taking the longest
// name at each place.
func (c *Checker) findJargon(field, text string, out []jargonMatch) []jargonMatch {
	toks := spans(text, make([]span, 0, len(text)/4))
	for i := 0; i < len(toks); {
		pi, n := c.matchAt(text, toks, i)
		if pi < 0 {
			i++
			continue
		}
		out = append(out, jargonMatch{
			term:  c.patterns[pi].term,
			field: field,
			text:  text,
			start: toks[i].start,
			end:   toks[i+n-1].end,
		})
		i += n
	}
	return out
}

// matchAt returns the pattern that matches the tokens from i and how many
// tokens it takes, or -1.
func (c *Checker) matchAt(text string, toks []span, i int) (int, int) {
	tok := text[toks[i].start:toks[i].end]
	var kbuf [32]byte
	key := lowerKey(tok, kbuf[:0])
	if pi, n := c.tryPatterns(c.index[string(key)], text, toks, i); pi >= 0 {
		return pi, n
	}
	if len(key) > 1 && key[len(key)-1] == 's' {
		return c.tryPatterns(c.index[string(key[:len(key)-1])], text, toks, i)
	}
	return -1, 0
}

func (c *Checker) tryPatterns(cands []int, text string, toks []span, i int) (int, int) {
next:
	for _, pi := range cands {
		p := c.patterns[pi]
		if i+len(p.words) > len(toks) {
			continue
		}
		for j, pw := range p.words {
			t := toks[i+j]
			if j > 0 {
				gap := text[toks[i+j-1].end:t.start]
				if !(gap == pw.sep || (pw.sep == " " && isNameGap(gap))) {
					continue next
				}
			}
			if !wordMatches(text[t.start:t.end], pw, j == len(p.words)-1) {
				continue next
			}
		}
		return pi, len(p.words)
	}
	return -1, 0
}

// wordMatches reports whether tok is the word pw, allowing a plural "s"
// on the last word of a name.
func wordMatches(tok string, pw patWord, last bool) bool {
	same := func(a, b string) bool {
		if pw.exact {
			return a == b
		}
		return strings.EqualFold(a, b)
	}
	if same(tok, pw.text) {
		return true
	}
	n := len(tok)
	return last && n == len(pw.text)+1 && tok[n-1] == 's' && same(tok[:n-1], pw.text)
}

// isNameGap reports whether gap may stand between two words of a name:
// spaces or a hyphen, but no punctuation.
func isNameGap(gap string) bool {
	if gap == "" {
		return false
	}
	for _, r := range gap {
		if r != '-' && !unicode.IsSpace(r) {
			return false
		}
	}
	return true
}

// lowerKey writes tok in lower case into buf.
func lowerKey(tok string, buf []byte) []byte {
	for i := 0; i < len(tok); i++ {
		if tok[i] >= utf8.RuneSelf {
			return append(buf[:0], strings.ToLower(tok)...)
		}
		buf = append(buf, lower(tok[i]))
	}
	return buf
}

// question holds what explained needs of a question, each worked out
// once and only when needed.
type question struct {
	text, hint string
	norm       string          // normalise(text and hint)
	hintStems  map[string]bool // stems of the hint's words
}

func (q *question) normalised() string {
	if q.norm == "" {
		q.norm = normalise(q.text + "\n" + q.hint)
	}
	return q.norm
}

func (q *question) stems() map[string]bool {
	if q.hintStems == nil {
		q.hintStems = map[string]bool{}
		for sp := range eachSpan(q.hint) {
			q.hintStems[stem(q.hint[sp.start:sp.end])] = true
		}
	}
	return q.hintStems
}

// explained reports whether the question explains the term found at ms:
// a name is followed by an explanation in brackets or after a colon,
// dash or "means"; a name stands in brackets after what it stands for;
// the question spells out what the abbreviation stands for; or the hint
// uses at least half of the explanation's key words.
func explained(ct *compiledTerm, ms []jargonMatch, q *question) bool {
	for _, m := range ms {
		after := strings.TrimLeft(m.text[m.end:], " \t")
		before := strings.TrimRight(m.text[:m.start], " \t")
		switch {
		case strings.HasPrefix(after, "("),
			strings.HasPrefix(after, ":"),
			strings.HasSuffix(before, "(") && strings.HasPrefix(after, ")"):
			return true
		case len(after) < len(m.text)-m.end && startsWithAny(after, "-", "–", "—"):
			return true
		case startsWithAnyFold(after, "means ", "stands for ", "is short for "):
			return true
		}
	}
	if ct.expansion != "" && strings.Contains(q.normalised(), ct.expansion) {
		return true
	}
	if len(ct.keys) == 0 || q.hint == "" {
		return false
	}
	have := q.stems()
	found := 0
	for _, k := range ct.keys {
		if have[k] {
			found++
		}
	}
	return (found >= 2 && 2*found >= len(ct.keys)) || found == len(ct.keys)
}

func startsWithAny(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

func startsWithAnyFold(s string, prefixes ...string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) {
			return true
		}
	}
	return false
}
