package learn

import (
	"bytes"
	"math"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/analysis/text"
)

// Term blocks. Word n-grams and character n-grams are normalised
// separately and then mixed by FeatureConfig.WordWeight, so that the many
// character n-grams of a long word do not drown its few word features.
const (
	blockWord = 0
	blockChar = 1
)

// Term prefixes keep word and character n-grams apart in one vocabulary:
// the word "care" and the character 4-gram "care" are different features.
const (
	wordPrefix = "w:"
	charPrefix = "c:"
)

// startMark and endMark stand for the start and the end of a comment in
// word pairs; no stem is spelt with them, since tokens are letters and
// digits.
const (
	startMark = "^"
	endMark   = "$"
)

// FeatureConfig says how a comment becomes a feature vector. It is saved
// in the model file, because a model's weights only mean something for the
// features they were trained on.
type FeatureConfig struct {
	// WordNGrams is the longest run of word stems used as one feature:
	// 1 for single words, 2 to add pairs such as "not listen".
	WordNGrams int
	// CharMin and CharMax bound the character n-grams, taken within each
	// word padded by a space at each end, so that misspellings and word
	// endings still share features with the spelling seen in training.
	CharMin, CharMax int
	// MinDF drops terms found in fewer training comments than this, to
	// save memory on large files. On small files every term is worth
	// keeping: a word seen once in training is still evidence.
	MinDF int
	// MaxFeatures caps the vocabulary, keeping the terms found in the most
	// comments, so that memory and the model file stay small on large
	// training sets; 0 leaves only the cap that keeps every model file
	// under 20 MB.
	MaxFeatures int
	// WordWeight is the share of each comment's squared length given to
	// word n-grams; the rest goes to character n-grams.
	WordWeight float64
	// LengthBoost scales a comment's vector for the theme SVMs by
	// (terms/100)^LengthBoost, where terms is the number of distinct
	// terms. Unit-length vectors spread a long comment's evidence thin,
	// yet long comments tend to carry more themes, not fewer; sentiment,
	// one per comment, keeps unit length.
	LengthBoost float64
	// Boundaries adds the start and the end of a comment to its word
	// pairs, so that "nothing" opening a comment ("Nothing, all good")
	// is told apart from "nothing" inside one ("nothing was done").
	Boundaries bool
	// SentenceWeight, when above 0, blends each theme's score for a
	// comment of two or more sentences with the best score of any one
	// of its sentences, giving the best sentence this share. A theme
	// raised in one sentence of a long comment is otherwise diluted by
	// the other sentences' words.
	SentenceWeight float64
}

// lengthBoost returns the factor by which the vector of a comment with
// the given number of distinct terms is scaled for the theme SVMs.
func (c FeatureConfig) lengthBoost(terms int) float32 {
	if c.LengthBoost == 0 || terms == 0 {
		return 1
	}
	return float32(math.Pow(float64(terms)/100, c.LengthBoost))
}

// span marks one term inside an extractor's buffer.
type span struct {
	start, end int
	block      int
	// sentence is the index of the sentence the term lies in, or -1
	// for a word pair that crosses from one sentence into the next.
	sentence int
}

// word is one token of a comment as the features see it: its spelling
// after text.Normalize (for character n-grams) and its stem.
type word struct {
	norm, stem string
}

// maxCachedWords bounds an extractor's cache of stems. A comment file's
// vocabulary is a few tens of thousands of words; past the bound the
// cache starts again rather than growing without limit on odd input.
const maxCachedWords = 50000

// extractor turns comments into terms, reusing its buffers between
// comments so that classifying a file does not allocate per term.
type extractor struct {
	cfg    FeatureConfig
	buf    []byte
	spans  []span
	runeAt []int
	words  []word
	inSent []int // per word: the index of its sentence
	lower  []byte
	cache  map[string]word
	// sentences is the number of sentences of the comment with at
	// least one word.
	sentences int
}

// tokenize fills e.words with the words of s. It splits and lower-cases
// exactly as text.Tokenize does (a test holds the two together) but
// remembers each word's stem, since stemming is most of the cost of
// classifying a comment and the same words recur in every comment. It
// also notes which sentence each word is in: a full stop, question or
// exclamation mark, semicolon or line break ends a sentence.
func (e *extractor) tokenize(s string) {
	e.words = e.words[:0]
	e.inSent = e.inSent[:0]
	e.lower = e.lower[:0]
	e.sentences = 0
	inWord := false
	flush := func() {
		if inWord {
			w := bytes.Trim(e.lower, "'")
			if len(w) > 0 {
				e.words = append(e.words, e.lookup(w))
				e.inSent = append(e.inSent, e.sentences)
			}
		}
		e.lower = e.lower[:0]
		inWord = false
	}
	for _, r := range s {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			inWord = true
			e.lower = utf8.AppendRune(e.lower, unicode.ToLower(r))
		case (r == '\'' || r == '\u2019' || r == '\u2018') && inWord:
			e.lower = append(e.lower, '\'')
		default:
			flush()
			if endsSentence(r) && len(e.inSent) > 0 && e.inSent[len(e.inSent)-1] == e.sentences {
				e.sentences++
			}
		}
	}
	flush()
	if n := len(e.inSent); n > 0 {
		e.sentences = e.inSent[n-1] + 1
	}
}

// endsSentence reports whether r ends a sentence. A full stop inside a
// number or an abbreviation ends one too: a split too many costs little,
// since a comment's whole score always counts as well.
func endsSentence(r rune) bool {
	return r == '.' || r == '!' || r == '?' || r == ';' || r == '\n'
}

// lookup returns the normalised spelling and stem of the lower-case word w.
func (e *extractor) lookup(w []byte) word {
	if v, ok := e.cache[string(w)]; ok {
		return v
	}
	if e.cache == nil || len(e.cache) >= maxCachedWords {
		e.cache = make(map[string]word)
	}
	s := string(w)
	v := word{norm: text.Normalize(s), stem: text.Stem(s)}
	e.cache[s] = v
	return v
}

// extract fills e.buf and e.spans with the terms of s, in a fixed order.
func (e *extractor) extract(s string) {
	e.buf = e.buf[:0]
	e.spans = e.spans[:0]
	e.tokenize(s)
	toks := e.words
	// With boundaries, positions -1 and len(toks) stand for the start
	// and the end of the comment; they only ever begin or end a pair.
	from, to := 0, len(toks)
	if e.cfg.Boundaries && len(toks) > 0 {
		from, to = -1, len(toks)+1
	}
	for i := from; i < to; i++ {
		for n := 1; n <= e.cfg.WordNGrams && i+n <= to; n++ {
			if n == 1 && (i < 0 || i == len(toks)) {
				continue
			}
			start := len(e.buf)
			e.buf = append(e.buf, wordPrefix...)
			for j := i; j < i+n; j++ {
				if j > i {
					e.buf = append(e.buf, ' ')
				}
				switch {
				case j < 0:
					e.buf = append(e.buf, startMark...)
				case j == len(toks):
					e.buf = append(e.buf, endMark...)
				default:
					e.buf = append(e.buf, toks[j].stem...)
				}
			}
			first := e.inSent[max(i, 0)]
			if last := e.inSent[min(i+n-1, len(toks)-1)]; last != first {
				first = -1
			}
			e.spans = append(e.spans, span{start, len(e.buf), blockWord, first})
		}
	}
	if e.cfg.CharMax <= 0 {
		return
	}
	for k, t := range toks {
		w := t.norm
		// Byte offsets of each rune of " w ", plus the end, so that
		// n-grams count letters rather than bytes.
		e.runeAt = e.runeAt[:0]
		e.runeAt = append(e.runeAt, 0)
		for i := range w {
			e.runeAt = append(e.runeAt, i+1)
		}
		e.runeAt = append(e.runeAt, len(w)+1, len(w)+2)
		runes := len(e.runeAt) - 1
		for n := e.cfg.CharMin; n <= e.cfg.CharMax && n <= runes; n++ {
			for i := 0; i+n <= runes; i++ {
				start := len(e.buf)
				e.buf = append(e.buf, charPrefix...)
				e.buf = appendPadded(e.buf, w, e.runeAt[i], e.runeAt[i+n])
				e.spans = append(e.spans, span{start, len(e.buf), blockChar, e.inSent[k]})
			}
		}
	}
}

// appendPadded appends bytes [from, to) of " "+w+" " to b without
// building the padded string.
func appendPadded(b []byte, w string, from, to int) []byte {
	for i := from; i < to; i++ {
		switch {
		case i == 0 || i == len(w)+1:
			b = append(b, ' ')
		default:
			b = append(b, w[i-1])
		}
	}
	return b
}

// termCount is one distinct term of a comment and how often it occurs.
type termCount struct {
	id    int32
	count int32
}

// corpus holds the training comments as lists of term ids, extracted
// once, so that cross-validation can fit a vocabulary on each fold without
// reading the text again.
type corpus struct {
	terms []string      // term text by id
	block []int8        // term block by id
	docs  [][]termCount // per comment, sorted by id
	// sentences holds, for a comment of two or more sentences, each
	// sentence's terms as docs does; nil for other comments, and
	// entirely when the configuration does not score sentences.
	sentences [][][]termCount
}

// newCorpus extracts the terms of every text.
func newCorpus(texts []string, cfg FeatureConfig) *corpus {
	c := &corpus{docs: make([][]termCount, len(texts))}
	if cfg.SentenceWeight > 0 {
		c.sentences = make([][][]termCount, len(texts))
	}
	ids := make(map[string]int32)
	e := &extractor{cfg: cfg}
	var seen, part []int32
	for d, s := range texts {
		e.extract(s)
		seen = seen[:0]
		for _, sp := range e.spans {
			t := e.buf[sp.start:sp.end]
			id, ok := ids[string(t)]
			if !ok {
				id = int32(len(c.terms))
				ids[string(t)] = id
				c.terms = append(c.terms, string(t))
				c.block = append(c.block, int8(sp.block))
			}
			seen = append(seen, id)
		}
		if c.sentences != nil && e.sentences >= 2 {
			for k := range e.sentences {
				part = part[:0]
				for j, sp := range e.spans {
					if sp.sentence == k {
						part = append(part, seen[j])
					}
				}
				c.sentences[d] = append(c.sentences[d], countIDs(part))
			}
		}
		c.docs[d] = countIDs(seen)
	}
	return c
}

// countIDs sorts ids and returns each distinct id with its count.
func countIDs(ids []int32) []termCount {
	slices.Sort(ids)
	var out []termCount
	for i := 0; i < len(ids); {
		j := i
		for j < len(ids) && ids[j] == ids[i] {
			j++
		}
		out = append(out, termCount{ids[i], int32(j - i)})
		i = j
	}
	return out
}

// vocabulary is a fitted feature space: the chosen terms, word terms
// first, with their inverse document frequencies.
type vocabulary struct {
	cfg   FeatureConfig
	terms []string
	idf   []float32
	words int // terms[:words] are word n-grams, the rest character n-grams
}

// maxWeights bounds the number of weights in a model (terms times
// outputs), so that a model file stays well under 20 MB however many
// labels the training file has: the vocabulary shrinks as labels are
// added.
const maxWeights = 4_000_000

// fitVocabulary chooses the terms of the comments docs (indices into c)
// for a model with the given number of outputs, and returns the
// vocabulary and a map from corpus term id to feature index (-1 for terms
// not kept).
func fitVocabulary(c *corpus, docs []int, cfg FeatureConfig, outputs int) (*vocabulary, []int32) {
	df := make([]int32, len(c.terms))
	for _, d := range docs {
		for _, tc := range c.docs[d] {
			df[tc.id]++
		}
	}
	minDF := int32(max(cfg.MinDF, 1))
	var keep []int32
	for id, n := range df {
		if n >= minDF {
			keep = append(keep, int32(id))
		}
	}
	limit := maxWeights / max(outputs, 1)
	if cfg.MaxFeatures > 0 {
		limit = min(limit, cfg.MaxFeatures)
	}
	if len(keep) > limit {
		slices.SortFunc(keep, func(a, b int32) int {
			if df[a] != df[b] {
				return int(df[b] - df[a])
			}
			if c.block[a] != c.block[b] {
				return int(c.block[a] - c.block[b]) // words before characters
			}
			return strings.Compare(c.terms[a], c.terms[b])
		})
		keep = keep[:limit]
	}
	slices.SortFunc(keep, func(a, b int32) int {
		if c.block[a] != c.block[b] {
			return int(c.block[a] - c.block[b])
		}
		return strings.Compare(c.terms[a], c.terms[b])
	})
	v := &vocabulary{cfg: cfg, terms: make([]string, len(keep)), idf: make([]float32, len(keep))}
	index := make([]int32, len(c.terms))
	for i := range index {
		index[i] = -1
	}
	n := float64(len(docs))
	for f, id := range keep {
		index[id] = int32(f)
		v.terms[f] = c.terms[id]
		v.idf[f] = float32(math.Log((1+n)/(1+float64(df[id]))) + 1)
		if c.block[id] == blockWord {
			v.words = f + 1
		}
	}
	return v, index
}

// sparse is a row of a feature matrix: feature indices in increasing order
// and their values.
type sparse struct {
	idx []int32
	val []float32
}

// matrix is a set of feature rows stored end to end (compressed rows).
type matrix struct {
	ptr []int
	idx []int32
	val []float32
}

func (m *matrix) rows() int { return len(m.ptr) - 1 }

func (m *matrix) row(i int) sparse {
	return sparse{m.idx[m.ptr[i]:m.ptr[i+1]], m.val[m.ptr[i]:m.ptr[i+1]]}
}

// boosted returns m with each row scaled by the vocabulary's length boost,
// or m itself when there is none.
func (v *vocabulary) boosted(m *matrix) *matrix {
	if v.cfg.LengthBoost == 0 {
		return m
	}
	b := &matrix{ptr: m.ptr, idx: m.idx, val: make([]float32, len(m.val))}
	for i := range m.rows() {
		r := m.row(i)
		f := v.cfg.lengthBoost(len(r.idx))
		for k, x := range r.val {
			b.val[m.ptr[i]+k] = x * f
		}
	}
	return b
}

// vectorize builds the TF-IDF rows of the comments docs of c under v,
// using index from fitVocabulary.
func vectorize(c *corpus, docs []int, v *vocabulary, index []int32) *matrix {
	lists := make([][]termCount, len(docs))
	for r, d := range docs {
		lists[r] = c.docs[d]
	}
	return vectorizeLists(lists, v, index)
}

// vectorizeSentences builds the TF-IDF rows of the sentences of the
// comments docs, one after another; the sentences of docs[r] are rows
// start[r] to start[r+1]-1, none for a comment of one sentence.
func vectorizeSentences(c *corpus, docs []int, v *vocabulary, index []int32) (m *matrix, start []int) {
	var lists [][]termCount
	start = make([]int, 0, len(docs)+1)
	for _, d := range docs {
		start = append(start, len(lists))
		if c.sentences != nil {
			lists = append(lists, c.sentences[d]...)
		}
	}
	start = append(start, len(lists))
	return vectorizeLists(lists, v, index), start
}

// vectorizeLists builds one TF-IDF row from each list of corpus terms.
func vectorizeLists(lists [][]termCount, v *vocabulary, index []int32) *matrix {
	m := &matrix{ptr: make([]int, 1, len(lists)+1)}
	var counts []termCount
	for _, list := range lists {
		counts = counts[:0]
		for _, tc := range list {
			if f := index[tc.id]; f >= 0 {
				counts = append(counts, termCount{f, tc.count})
			}
		}
		slices.SortFunc(counts, func(a, b termCount) int { return int(a.id - b.id) })
		start := len(m.idx)
		for _, tc := range counts {
			m.idx = append(m.idx, tc.id)
			m.val = append(m.val, 0)
		}
		v.weigh(counts, m.val[start:])
		m.ptr = append(m.ptr, len(m.idx))
	}
	return m
}

// weigh writes the TF-IDF value of each (feature, count) pair into val:
// sublinear term frequency times idf, each block scaled to its share of
// the squared length, then the whole row scaled to unit length.
func (v *vocabulary) weigh(counts []termCount, val []float32) {
	var norm [2]float64
	for i, tc := range counts {
		x := float64(v.idf[tc.id])
		if tc.count > 1 {
			x *= 1 + math.Log(float64(tc.count))
		}
		val[i] = float32(x)
		norm[v.blockOf(tc.id)] += x * x
	}
	share := [2]float64{v.cfg.WordWeight, 1 - v.cfg.WordWeight}
	var scale [2]float64
	total := 0.0
	for b := range norm {
		if norm[b] > 0 {
			scale[b] = math.Sqrt(share[b] / norm[b])
			total += share[b]
		}
	}
	if total == 0 {
		// Only a block weighted 0 was present: the comment has no features.
		clear(val)
		return
	}
	for b := range scale {
		scale[b] /= math.Sqrt(total)
	}
	for i, tc := range counts {
		val[i] = float32(float64(val[i]) * scale[v.blockOf(tc.id)])
	}
}

func (v *vocabulary) blockOf(f int32) int {
	if int(f) < v.words {
		return blockWord
	}
	return blockChar
}
