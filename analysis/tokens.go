package analysis

import (
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/analysis/text"
)

// token is one word of a comment as the classifier reads it. It splits
// words exactly as text.Tokenize does (a test holds the two together) but
// also keeps what the classifier needs that Tokenize drops: whether the
// word was typed in capitals, and where punctuation broke a clause.
type token struct {
	norm string // lower-case, spelling corrected: what exact terms compare with
	stem string // stem of norm: what most terms compare with
	// The phrases starting with this token's stem and word (lexeme).
	stemPhrases, wordPhrases *bucket
	start                    int // byte offsets in the original comment
	end                      int
	caps                     bool // every letter a capital, as in "LA" or "SEND"
	brk                      bool // punctuation between this token and the one before
	stop                     bool // a full stop, question or exclamation mark or new line before it
}

// lexeme is what the stem cache holds for one lower-case word.
type lexeme struct {
	norm string
	stem string
	// The classifier's phrases starting with this word's stem, and with
	// the word itself; found once a word rather than once a token.
	stemPhrases, wordPhrases *bucket
}

// maxCachedWords bounds the stem cache so that a stream of junk (random
// strings, pasted data) cannot grow it without limit. Parents' comments
// use far fewer distinct words than this.
const maxCachedWords = 1 << 17

// stemCache remembers the stem of every word it has seen. Stemming costs
// about a microsecond a word, which alone would hold the classifier to a
// few tens of thousands of comments a second; comments reuse a small
// vocabulary, so after the first few hundred nearly every word is a hit.
// Reads are lock-free: the published map is never written, and new words
// wait in pending until enough have gathered to publish a fresh copy.
type stemCache struct {
	published atomic.Pointer[map[string]lexeme]
	mu        sync.Mutex
	pending   map[string]lexeme
	index     *phraseIndex // fills in each lexeme's phrases; may be nil
}

// newStemCache makes a cache; with an index, whose phrases must all be
// added already, each word's lexeme carries its phrases.
func newStemCache(index *phraseIndex) *stemCache {
	c := &stemCache{pending: map[string]lexeme{}, index: index}
	m := map[string]lexeme{}
	c.published.Store(&m)
	return c
}

// lookup returns the lexeme of the lower-case word held in b.
func (c *stemCache) lookup(b []byte) lexeme {
	if lx, ok := (*c.published.Load())[string(b)]; ok {
		return lx
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if lx, ok := c.pending[string(b)]; ok {
		return lx
	}
	w := string(b)
	norm := correctSpelling(w)
	lx := lexeme{norm: norm, stem: text.Stem(norm)}
	if c.index != nil {
		lx.stemPhrases, lx.wordPhrases = c.index.byStem[lx.stem], c.index.byWord[lx.norm]
	}
	base := *c.published.Load()
	if len(base)+len(c.pending) >= maxCachedWords {
		return lx
	}
	c.pending[w] = lx
	// Publishing copies the whole map, so wait until the pending words
	// are a fair share of it: the copying then costs O(1) a word.
	if len(c.pending) >= 64 && len(c.pending) >= len(base)/4 {
		next := make(map[string]lexeme, len(base)+len(c.pending))
		for k, v := range base {
			next[k] = v
		}
		for k, v := range c.pending {
			next[k] = v
		}
		c.published.Store(&next)
		c.pending = map[string]lexeme{}
	}
	return lx
}

// tokenize appends the tokens of s to dst. Words are runs of letters and
// digits with apostrophes kept inside them, as in text.Tokenize.
func (c *stemCache) tokenize(s string, dst []token) []token {
	var arr [64]byte
	buf := arr[:0]
	start := -1
	upper, lower := false, false
	brk, stop := false, false
	flush := func(end int) {
		if start < 0 {
			return
		}
		w := buf
		for len(w) > 0 && w[len(w)-1] == '\'' {
			w = w[:len(w)-1]
		}
		if len(w) > 0 {
			lx := c.lookup(w)
			dst = append(dst, token{
				norm: lx.norm, stem: lx.stem, stemPhrases: lx.stemPhrases, wordPhrases: lx.wordPhrases, start: start, end: end,
				caps: upper && !lower, brk: brk, stop: stop,
			})
			brk, stop = false, false
		}
		buf = buf[:0]
		start = -1
		upper, lower = false, false
	}
	sawSpace := false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		switch {
		case r < utf8.RuneSelf && ('a' <= r && r <= 'z' || '0' <= r && r <= '9'):
			if start < 0 {
				start = i
			}
			if r >= 'a' {
				lower = true
			}
			buf = append(buf, byte(r))
		case r < utf8.RuneSelf && 'A' <= r && r <= 'Z':
			if start < 0 {
				start = i
			}
			upper = true
			buf = append(buf, byte(r+'a'-'A'))
		case r >= utf8.RuneSelf && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if start < 0 {
				start = i
			}
			if unicode.IsUpper(r) {
				upper = true
			} else if unicode.IsLower(r) {
				lower = true
			}
			buf = utf8.AppendRune(buf, unicode.ToLower(r))
		case (r == '\'' || r == '\u2019' || r == '\u2018') && start >= 0:
			buf = append(buf, '\'')
		default:
			flush(i)
			switch r {
			case '.', '!', '?', '\n', '\r':
				brk, stop = true, true
			case ',', ';', ':', '(', ')', '[', ']', '"', '\u201c', '\u201d', '\u2026':
				brk = true
			case '-', '\u2013', '\u2014':
				// A dash between spaces sets off a clause; a hyphen
				// inside "part-time" does not.
				if sawSpace || i+size < len(s) && s[i+size] == ' ' {
					brk = true
				}
			}
			sawSpace = r == ' '
			i += size
			continue
		}
		sawSpace = false
		i += size
	}
	flush(len(s))
	return dst
}
