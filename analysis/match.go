package analysis

// kind says what a phrase counts towards when it is found.
type kind uint8

const (
	kindArea kind = iota + 1
	kindAreaExclusion
	kindTheme
	kindThemeExclusion
	kindSentiment
	kindNeed
	kindNegator
	kindContrast
	kindIrrealis
	kindSafeguarding
	kindSafeguardingExclusion
	kindAdversative
	kindConcession
	kindConditional
	kindSarcasm
	kindMixedMarker
	kindRequest
	kindFactual
)

// phrase is a compiled term: the words to find and what finding them means.
type phrase struct {
	words    []termWord
	text     string
	kind     kind
	target   int     // index of the area or theme
	weight   float64 // term weight, or sentiment weight
	id       int     // index among the classifier's phrases
	state    bool    // a word for how a child copes (see childStates)
	advocacy bool    // praise when a professional does it (see advocacy)
	wait     bool    // a word of waiting (see waitTerms)
	expect   bool    // a fear before the event (see expectations)
}

// hit is a phrase found in a comment, over tokens [from, to).
type hit struct {
	p        *phrase
	from, to int
}

// phraseIndex finds every phrase in a comment in one pass. Phrases are
// filed under their first word and, when longer, their second, so a token
// costs a few map look-ups plus a check of the handful of phrases that
// could start there.
type phraseIndex struct {
	byStem map[string]*bucket
	byWord map[string]*bucket
}

// bucket holds the phrases that start with one word.
type bucket struct {
	single   []*phrase            // one-word phrases
	bySecond map[string][]*phrase // longer ones, by their second word's key
}

func newPhraseIndex() *phraseIndex {
	return &phraseIndex{byStem: map[string]*bucket{}, byWord: map[string]*bucket{}}
}

// add files p and reports whether it was new. Terms that differ only in
// ways the stemmer folds ("routine", "routines") would count twice and
// cost a second check, so they are merged, keeping the stronger weight.
func (ix *phraseIndex) add(p *phrase) bool {
	w := p.words[0]
	m := ix.byStem
	if w.exact {
		m = ix.byWord
	}
	b := m[w.key]
	if b == nil {
		b = &bucket{}
		m[w.key] = b
	}
	list := &b.single
	if len(p.words) > 1 {
		if b.bySecond == nil {
			b.bySecond = map[string][]*phrase{}
		}
		l := b.bySecond[p.words[1].key]
		list = &l
		defer func() { b.bySecond[p.words[1].key] = l }()
	}
	for _, q := range *list {
		if q.kind == p.kind && q.target == p.target && sameWords(q.words, p.words) {
			if abs(p.weight) > abs(q.weight) {
				q.weight = p.weight
			}
			q.state = q.state || p.state
			q.advocacy = q.advocacy || p.advocacy
			q.wait = q.wait || p.wait
			q.expect = q.expect || p.expect
			return false
		}
	}
	*list = append(*list, p)
	return true
}

func sameWords(a, b []termWord) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func abs(f float64) float64 {
	if f < 0 {
		return -f
	}
	return f
}

// scanPhrases appends to dst every phrase found in toks, which carry the
// phrases starting at each token (see lexeme).
func scanPhrases(toks []token, dst []hit) []hit {
	for i := range toks {
		if b := toks[i].stemPhrases; b != nil {
			dst = b.scan(toks, i, dst)
		}
		if b := toks[i].wordPhrases; b != nil {
			dst = b.scan(toks, i, dst)
		}
	}
	return dst
}

func (b *bucket) scan(toks []token, i int, dst []hit) []hit {
	for _, p := range b.single {
		if !p.words[0].caps || toks[i].caps {
			dst = append(dst, hit{p: p, from: i, to: i + 1})
		}
	}
	if len(b.bySecond) == 0 || i+1 >= len(toks) {
		return dst
	}
	next := &toks[i+1]
	for _, p := range b.bySecond[next.stem] {
		if matchAt(p, toks, i) {
			dst = append(dst, hit{p: p, from: i, to: i + len(p.words)})
		}
	}
	if next.norm != next.stem {
		for _, p := range b.bySecond[next.norm] {
			if matchAt(p, toks, i) {
				dst = append(dst, hit{p: p, from: i, to: i + len(p.words)})
			}
		}
	}
	return dst
}

func matchAt(p *phrase, toks []token, i int) bool {
	if i+len(p.words) > len(toks) {
		return false
	}
	for j, w := range p.words {
		t := &toks[i+j]
		if w.exact {
			if t.norm != w.key {
				return false
			}
		} else if t.stem != w.key {
			return false
		}
		if w.caps && !t.caps {
			return false
		}
		// A phrase does not run on across a full stop: "school. Bus"
		// is not "school bus".
		if j > 0 && t.stop {
			return false
		}
	}
	return true
}

func overlaps(a, b hit) bool { return a.from < b.to && b.from < a.to }
