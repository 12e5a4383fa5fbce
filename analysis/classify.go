package analysis

import (
	"fmt"
	"slices"
	"sort"
	"strconv"
	"sync"
)

// Sentiment is the overall tone of a comment.
type Sentiment string

// The four sentiments. Mixed is for comments with strong praise and strong
// criticism together ("the school is brilliant but CAMHS is a joke"),
// which leaders need to see as both rather than as an average.
const (
	Positive Sentiment = "positive"
	Negative Sentiment = "negative"
	Neutral  Sentiment = "neutral"
	Mixed    Sentiment = "mixed"
)

// Coding is what the classifier made of one comment.
type Coding struct {
	// Areas are service area ids in canonical order (see AreaIDs).
	Areas []string `json:"service_areas"`
	// Themes are theme ids in taxonomy order.
	Themes       []string  `json:"themes"`
	Sentiment    Sentiment `json:"sentiment"`
	Safeguarding bool      `json:"safeguarding"`
	// Reasons say why, code by code, so that a leader who doubts a
	// coding can see the words behind it. A sentiment with no reason was
	// read by the learned tone model from a comment in which the rules
	// found no word of opinion.
	Reasons []Reason `json:"reasons,omitempty"`
}

// Reason is the evidence for one code of a Coding: an area or theme id,
// "positive" or "negative" for sentiment, or "safeguarding".
type Reason struct {
	Code string `json:"code"`
	// Terms are the words that matched, as the family wrote them
	// ("sendco", "not helpful", "waited 2 years").
	Terms []string `json:"terms,omitempty"`
	// FromQuestion marks an area that no words in the comment named but
	// the question it answered was about.
	FromQuestion bool `json:"from_question,omitempty"`
}

// Why returns the terms behind code, or nil.
func (c *Coding) Why(code string) []string {
	for _, r := range c.Reasons {
		if r.Code == code {
			return r.Terms
		}
	}
	return nil
}

// HasArea reports whether the comment was coded to area.
func (c *Coding) HasArea(area string) bool { return contains(c.Areas, area) }

// HasTheme reports whether the comment was coded to theme.
func (c *Coding) HasTheme(theme string) bool { return contains(c.Themes, theme) }

func contains(list []string, s string) bool {
	for _, v := range list {
		if v == s {
			return true
		}
	}
	return false
}

// SafeguardingCode is the Reason code for safeguarding evidence.
const SafeguardingCode = "safeguarding"

// Thresholds of the rules. An entry applies once its distinct terms add
// up to entryThreshold; the area of the question a comment answered needs
// only questionAreaThreshold, since a weak hint ("the appointment") is
// enough when the question was about health.
const (
	entryThreshold        = 1.0
	questionAreaThreshold = 0.5
	weakOnlyThreshold     = 1.5
	negationWindow        = 4
	substantiveWords      = 4
)

// Classifier codes comments against a taxonomy. It is safe for
// concurrent use; build one and share it.
type Classifier struct {
	tax        *Taxonomy
	areaCanon  []int // taxonomy area index -> index in AreaIDs
	themeIDs   []string
	themeSkip  []bool
	themeAreas [][]int // per theme, the canonical indices of the areas it hints at
	waitTheme  int     // index of the waiting_times theme, or -1
	praise     int     // index of the praise theme, or -1
	cache      *stemCache
	index      *phraseIndex
	nullWords  map[string]bool
	stopwords  map[string]bool
	waitCtx    map[string]bool
	waitBefore map[string]bool
	waitAfter  map[string]bool
	childWords map[string]bool
	tone       *toneModel
	phrases    int // phrases compiled, each with its own id
	scratchMem sync.Pool
}

// NewClassifier compiles t into a classifier. The taxonomy is copied, so
// later changes to t do not affect it.
func NewClassifier(t *Taxonomy) (*Classifier, error) {
	if err := t.Validate(); err != nil {
		return nil, err
	}
	c := &Classifier{
		tax:        copyTaxonomy(t),
		index:      newPhraseIndex(),
		nullWords:  wordSet(nullWords),
		stopwords:  wordSet(stopwords),
		waitCtx:    wordSet(waitContext),
		waitBefore: wordSet(waitBefore),
		waitAfter:  wordSet(waitAfter),
		childWords: wordSet(childWords),
		tone:       sharedTone,
		waitTheme:  -1,
		praise:     -1,
	}
	c.scratchMem.New = func() any { return &scratch{} }
	states, advocates, waits := wordSet(childStates), wordSet(advocacy), wordSet(waitTerms)
	expects := wordSet(expectations)
	add := func(term string, k kind, target int, weight float64) error {
		words, err := parseTerm(term)
		if err != nil {
			return fmt.Errorf("term %q: %w", term, err)
		}
		p := &phrase{words: words, text: term, kind: k, target: target, weight: weight, id: c.phrases}
		p.state = k == kindSentiment && states[term]
		p.advocacy = k == kindSentiment && advocates[term]
		p.wait = k == kindSentiment && waits[term]
		p.expect = k == kindSentiment && expects[term]
		if c.index.add(p) {
			c.phrases++
		}
		return nil
	}
	addAll := func(terms []string, k kind, target int, weight float64) error {
		for _, term := range terms {
			if err := add(term, k, target, weight); err != nil {
				return err
			}
		}
		return nil
	}
	for i := range c.tax.Areas {
		e := &c.tax.Areas[i]
		canon := areaIndex(e.ID)
		c.areaCanon = append(c.areaCanon, canon)
		if err := compileEntry(e, kindArea, kindAreaExclusion, canon, addAll); err != nil {
			return nil, err
		}
	}
	for i := range c.tax.Themes {
		e := &c.tax.Themes[i]
		c.themeIDs = append(c.themeIDs, e.ID)
		c.themeSkip = append(c.themeSkip, e.SkipNegated)
		var hints []int
		for _, a := range e.Areas {
			hints = append(hints, areaIndex(a))
		}
		c.themeAreas = append(c.themeAreas, hints)
		switch e.ID {
		case "waiting_times":
			c.waitTheme = i
		case "praise":
			c.praise = i
		}
		if err := compileEntry(e, kindTheme, kindThemeExclusion, i, addAll); err != nil {
			return nil, err
		}
	}
	for _, g := range sentimentLexicon {
		if err := addAll(g.terms, kindSentiment, 0, g.weight); err != nil {
			return nil, fmt.Errorf("sentiment lexicon: %w", err)
		}
	}
	// Fears before the event are complaints unless praise follows.
	if err := addAll(expectations, kindSentiment, 0, -0.5); err != nil {
		return nil, fmt.Errorf("expectations: %w", err)
	}
	for _, g := range negators {
		if err := addAll(g.terms, kindNegator, 0, g.weight); err != nil {
			return nil, fmt.Errorf("negators: %w", err)
		}
	}
	lists := []struct {
		terms []string
		k     kind
	}{
		{needTerms, kindNeed}, {contrasts, kindContrast}, {irrealis, kindIrrealis},
		{adversatives, kindAdversative}, {concessions, kindConcession}, {conditionals, kindConditional},
		{sarcasmMarkers, kindSarcasm}, {mixedMarkers, kindMixedMarker}, {requests, kindRequest},
		{factualMarkers, kindFactual},
		{safeguardingTerms, kindSafeguarding}, {safeguardingExclusions, kindSafeguardingExclusion},
	}
	for _, l := range lists {
		if err := addAll(l.terms, l.k, 0, 0); err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
	}
	// Made last: each word cached carries its phrases, so all must be in.
	c.cache = newStemCache(c.index)
	return c, nil
}

func compileEntry(e *Entry, term, excl kind, target int, addAll func([]string, kind, int, float64) error) error {
	if err := addAll(e.Terms, term, target, 1); err != nil {
		return fmt.Errorf("taxonomy: %q: %w", e.ID, err)
	}
	if err := addAll(e.WeakTerms, term, target, 0.5); err != nil {
		return fmt.Errorf("taxonomy: %q: %w", e.ID, err)
	}
	if err := addAll(e.Exclusions, excl, target, 0); err != nil {
		return fmt.Errorf("taxonomy: %q: %w", e.ID, err)
	}
	return nil
}

var (
	defaultOnce       sync.Once
	defaultClassifier *Classifier
)

// DefaultClassifier returns a shared classifier for the default taxonomy.
func DefaultClassifier() *Classifier {
	defaultOnce.Do(func() {
		c, err := NewClassifier(DefaultTaxonomy())
		if err != nil {
			panic("analysis: default classifier: " + err.Error())
		}
		defaultClassifier = c
	})
	return defaultClassifier
}

// Taxonomy returns a copy of the taxonomy the classifier was built from.
func (c *Classifier) Taxonomy() *Taxonomy { return copyTaxonomy(c.tax) }

func copyTaxonomy(t *Taxonomy) *Taxonomy {
	cp := &Taxonomy{Areas: make([]Entry, len(t.Areas)), Themes: make([]Entry, len(t.Themes))}
	for i, e := range t.Areas {
		cp.Areas[i] = copyEntry(e)
	}
	for i, e := range t.Themes {
		cp.Themes[i] = copyEntry(e)
	}
	return cp
}

func copyEntry(e Entry) Entry {
	e.Terms = append([]string(nil), e.Terms...)
	e.WeakTerms = append([]string(nil), e.WeakTerms...)
	e.Exclusions = append([]string(nil), e.Exclusions...)
	e.Areas = append([]string(nil), e.Areas...)
	return e
}

func areaIndex(id string) int {
	for i, a := range AreaIDs {
		if a == id {
			return i
		}
	}
	return -1
}

func wordSet(words []string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// scratch is the working memory of one Classify call, pooled so that
// classifying a stream of comments allocates little beyond its results.
type scratch struct {
	toks       []token
	hits       []hit
	sent       []hit
	negBy      []int32  // per token: 1 + index in sent of the negator in scope, or 0
	irr        []bool   // per token: in the scope of a wish or condition
	contrast   []bool   // per token: a "but" or "however"
	negStart   []bool   // per token: a negator starts here
	opinion    []bool   // per token: an opinion or need word starts here
	need       []bool   // per token: a need word starts here
	excl       []hit    // exclusion hits, in order of their start
	seen       []uint32 // per phrase id: the generation it was last counted in
	generation uint32
	want       bool // gather reasons
	themeScore []float64
	themeTerms [][]string
	cond       []bool    // per token: in the scope of "if" or "whether"
	used       []bool    // per sentiment hit: a negator that negated something
	contrib    []contrib // the evidence for the comment's tone
	waits      []found   // long waits
	advers     []int     // tokens where the comment turns: "but", "although"
	concede    []int     // tokens where a concession starts: "I know", "in theory"
	turn       []bool    // per token: a turn starts here
	seg        []int     // per token: how many turns start at or before it
	negAt      []bool    // per token: complaint evidence starts here
	segPos     []float64 // per clause between turns: praise
	segNeg     []float64 // per clause between turns: complaint
	segFlag    []bool    // per clause between turns
	sarcastic  bool
	mixed      bool   // the comment says its experience was mixed
	request    bool   // the comment asks for something
	factual    bool   // the comment describes the child or what happens next
	waitFact   bool   // the comment tells of a wait without complaint
	posAt      []bool // per token: praise evidence starts here
}

// Classify codes one comment. questionArea is the area of the question
// the comment answered ("" when it had none): that area needs less
// evidence, and a comment that says something but names no area is coded
// to it. Areas named in the text are found whatever the question.
func (c *Classifier) Classify(text, questionArea string) Coding {
	s := c.scratchMem.Get().(*scratch)
	defer c.scratchMem.Put(s)
	s.toks = c.cache.tokenize(text, s.toks[:0])
	s.want = true
	cd := Coding{Sentiment: Neutral}
	c.code(text, areaIndex(questionArea), s, &cd)
	return cd
}

// coded is a Coding without its reasons, in a form that costs no
// allocation: what a summary of a hundred thousand responses needs.
type coded struct {
	areas        uint8     // bit i for AreaIDs[i]
	themes       [2]uint64 // bit i for theme i of the taxonomy
	sentiment    Sentiment
	safeguarding bool
}

// maxThemes is how many themes a coded can hold.
const maxThemes = 128

func (cd *coded) hasArea(i int) bool  { return cd.areas&(1<<i) != 0 }
func (cd *coded) hasTheme(i int) bool { return cd.themes[i/64]&(1<<(i%64)) != 0 }

// fromCoding turns a Coding made elsewhere (a correction, a learned
// model) into a coded, ignoring ids the taxonomy does not know. The rules'
// safeguarding flag is kept alongside the Coding's own.
func (c *Classifier) fromCoding(cd Coding, safeguarding bool) coded {
	res := coded{sentiment: cd.Sentiment, safeguarding: safeguarding || cd.Safeguarding}
	if res.sentiment == "" {
		res.sentiment = Neutral
	}
	for _, a := range cd.Areas {
		if i := areaIndex(a); i >= 0 {
			res.areas |= 1 << i
		}
	}
	for _, t := range cd.Themes {
		for i, id := range c.themeIDs {
			if id == t {
				res.themes[i/64] |= 1 << (i % 64)
			}
		}
	}
	return res
}

// classifyQuick codes a comment without gathering reasons.
func (c *Classifier) classifyQuick(text string, q int) coded {
	s := c.scratchMem.Get().(*scratch)
	defer c.scratchMem.Put(s)
	s.toks = c.cache.tokenize(text, s.toks[:0])
	s.want = false
	return c.code(text, q, s, nil)
}

// code codes the tokens in s. When cd is not nil it also fills in the
// Coding, reasons and all.
func (c *Classifier) code(text string, q int, s *scratch, cd *Coding) coded {
	res := coded{sentiment: Neutral}
	toks := s.toks
	if len(toks) == 0 {
		return res
	}
	s.hits = scanPhrases(toks, s.hits[:0])
	hits := s.hits
	if c.isNull(toks, hits) {
		return res
	}
	appendUnique := func(list []string, v string) []string {
		if !s.want {
			return list
		}
		return appendUniqueTerm(list, v)
	}
	span := func(from, to int) string { return text[toks[from].start:toks[to-1].end] }

	// Negation and wishes first: themes such as praise need to know
	// whether their terms were negated.
	c.resolveSentiment(s)
	// Long waits ("waited two years", "18 months on the list").
	s.waits = c.findWaits(toks, text, s.waits[:0])

	// Areas and themes.
	var areaScore [5]float64
	var areaStrong [5]bool
	var areaTerms [5][]string
	nt := len(c.themeIDs)
	if cap(s.themeScore) < nt {
		s.themeScore = make([]float64, nt)
		s.themeTerms = make([][]string, nt)
	}
	s.themeScore = s.themeScore[:nt]
	s.themeTerms = s.themeTerms[:nt]
	for i := range s.themeScore {
		s.themeScore[i] = 0
		s.themeTerms[i] = nil
	}
	s.excl = s.excl[:0]
	for _, h := range hits {
		switch h.p.kind {
		case kindAreaExclusion, kindThemeExclusion, kindSafeguardingExclusion:
			s.excl = append(s.excl, h)
		}
	}
	s.generation++
	if len(s.seen) < c.phrases {
		s.seen = make([]uint32, c.phrases)
	}
	var safeTerms []string
	flagged := false
	for _, h := range hits {
		switch h.p.kind {
		case kindArea:
			if excluded(s.excl, h, kindAreaExclusion) || countedBefore(s, h.p) {
				continue
			}
			areaScore[h.p.target] += h.p.weight
			if h.p.weight >= 1 {
				areaStrong[h.p.target] = true
			}
			areaTerms[h.p.target] = appendUnique(areaTerms[h.p.target], span(h.from, h.to))
		case kindTheme:
			if excluded(s.excl, h, kindThemeExclusion) || countedBefore(s, h.p) {
				continue
			}
			if c.themeSkip[h.p.target] && (s.negBy[h.from] != 0 || s.irr[h.from]) {
				continue
			}
			s.themeScore[h.p.target] += h.p.weight
			s.themeTerms[h.p.target] = appendUnique(s.themeTerms[h.p.target], span(h.from, h.to))
		case kindSafeguarding:
			if excluded(s.excl, h, kindSafeguardingExclusion) {
				continue
			}
			flagged = true
			safeTerms = appendUnique(safeTerms, span(h.from, h.to))
		}
	}
	if c.waitTheme >= 0 && len(s.waits) > 0 {
		s.themeScore[c.waitTheme] += 1
		for _, w := range s.waits {
			s.themeTerms[c.waitTheme] = appendUnique(s.themeTerms[c.waitTheme], w.text)
		}
	}

	tn := c.readTone(text, s, flagged)
	if p, ok := c.learnedTone(text, s, &tn); ok {
		tn.sentiment = p
	}
	res.sentiment = tn.sentiment
	res.safeguarding = flagged
	if c.praise >= 0 && res.sentiment != Positive && res.sentiment != Mixed {
		s.themeScore[c.praise] = 0
	}

	anyEvidence := tn.signals > 0 || len(s.waits) > 0
	// Theme hints count once per area, however many themes give them.
	var hinted [5]bool
	for i, score := range s.themeScore {
		if score >= entryThreshold {
			for _, a := range c.themeAreas[i] {
				if !hinted[a] {
					hinted[a] = true
					areaScore[a] += 0.5
				}
			}
		}
	}
	for a, score := range areaScore {
		if score > 0 {
			anyEvidence = true
		}
		// Weak terms are hints: they decide the question's own area, but
		// another area needs a term of its own or several hints together.
		applies := score >= entryThreshold && (areaStrong[a] || score >= weakOnlyThreshold)
		if a == q {
			applies = score >= questionAreaThreshold
		}
		if applies {
			res.areas |= 1 << a
		}
	}
	for i, score := range s.themeScore {
		if score > 0 {
			anyEvidence = true
		}
		if score >= entryThreshold {
			res.themes[i/64] |= 1 << (i % 64)
		}
	}
	fromQuestion := false
	if res.areas == 0 && q >= 0 && (anyEvidence || c.contentWords(toks) >= substantiveWords) {
		res.areas = 1 << q
		fromQuestion = true
	}
	if cd == nil {
		return res
	}
	cd.Sentiment = res.sentiment
	for a := range AreaIDs {
		if res.hasArea(a) {
			cd.Areas = append(cd.Areas, AreaIDs[a])
			cd.Reasons = append(cd.Reasons, Reason{Code: AreaIDs[a], Terms: areaTerms[a], FromQuestion: fromQuestion})
		}
	}
	for i := range c.themeIDs {
		if res.hasTheme(i) {
			cd.Themes = append(cd.Themes, c.themeIDs[i])
			cd.Reasons = append(cd.Reasons, Reason{Code: c.themeIDs[i], Terms: s.themeTerms[i]})
		}
	}
	if len(tn.posTerms) > 0 {
		cd.Reasons = append(cd.Reasons, Reason{Code: string(Positive), Terms: tn.posTerms})
	}
	if len(tn.negTerms) > 0 {
		cd.Reasons = append(cd.Reasons, Reason{Code: string(Negative), Terms: tn.negTerms})
	}
	if flagged {
		cd.Safeguarding = true
		cd.Reasons = append(cd.Reasons, Reason{Code: SafeguardingCode, Terms: safeTerms})
	}
	return res
}

// decideSentiment turns the weight of praise and of complaint into one
// of the four sentiments. Mixed needs both to be real: a full-strength
// word of praise and of complaint, each at least a quarter of the other,
// or two lesser ones of about equal weight. An aside ("he was terrified
// of dentists") does not make a thank-you mixed.
func decideSentiment(pos, neg float64) Sentiment {
	const present, lesser, strong, ratio, balanced = 0.5, 0.7, 1.0, 0.25, 0.6
	lo, hi := min(pos, neg), max(pos, neg)
	switch {
	case pos < present && neg < present:
		return Neutral
	case lo >= strong && lo/hi >= ratio, lo >= lesser && lo/hi >= balanced:
		return Mixed
	case pos > neg:
		return Positive
	case neg > pos:
		return Negative
	default:
		return Mixed
	}
}

// resolveSentiment picks, among overlapping sentiment, need and negator
// hits, the longest (so "can't fault" wins over "can't" and "fault"),
// then marks which tokens a negator or a wish reaches.
func (c *Classifier) resolveSentiment(s *scratch) {
	s.sent = s.sent[:0]
	for _, h := range s.hits {
		switch h.p.kind {
		case kindSentiment, kindNeed, kindNegator:
			s.sent = append(s.sent, h)
		}
	}
	// By start, then longest first, then exact words before stems, then
	// opinions before needs ("sorted" is praise before it is a thing
	// wanted).
	slices.SortStableFunc(s.sent, func(a, b hit) int {
		if a.from != b.from {
			return a.from - b.from
		}
		if a.to != b.to {
			return b.to - a.to
		}
		if ae, be := a.p.words[0].exact, b.p.words[0].exact; ae != be {
			if ae {
				return -1
			}
			return 1
		}
		as, bs := a.p.kind == kindSentiment, b.p.kind == kindSentiment
		switch {
		case as && !bs:
			return -1
		case bs && !as:
			return 1
		}
		return 0
	})
	kept := s.sent[:0]
	coveredTo := 0
	for _, h := range s.sent {
		if h.from < coveredTo {
			continue
		}
		kept = append(kept, h)
		coveredTo = h.to
	}
	s.sent = kept

	n := len(s.toks)
	if cap(s.negBy) < n {
		s.negBy = make([]int32, n)
		s.irr = make([]bool, n)
		s.contrast = make([]bool, n)
		s.negStart = make([]bool, n)
		s.opinion = make([]bool, n)
		s.need = make([]bool, n)
	}
	s.negStart = s.negStart[:n]
	s.opinion = s.opinion[:n]
	s.need = s.need[:n]
	s.negBy = s.negBy[:n]
	s.irr = s.irr[:n]
	s.contrast = s.contrast[:n]
	for i := range s.negBy {
		s.negBy[i] = 0
		s.irr[i] = false
		s.contrast[i] = false
		s.negStart[i] = false
		s.opinion[i] = false
		s.need[i] = false
	}
	for _, h := range s.hits {
		switch h.p.kind {
		case kindContrast:
			s.contrast[h.from] = true
		case kindNegator:
			s.negStart[h.from] = true
		}
	}
	for _, h := range s.sent {
		if h.p.kind != kindNegator {
			s.opinion[h.from] = true
			s.need[h.from] = h.p.kind == kindNeed
		}
	}
	// A negator reaches forward through its clause to the first word of
	// opinion or need, and no further: in "no support is a nightmare"
	// the nightmare is not negated.
	// A wish reaches past the things wished for to the first word of
	// opinion: in "the council could send letters in easy read" the
	// ease is wished for.
	scope := func(from int, throughNeeds bool, mark func(int)) {
		for k := from; k < n && k < from+negationWindow; k++ {
			if s.toks[k].brk || s.contrast[k] {
				return
			}
			mark(k)
			if s.opinion[k] && !(throughNeeds && s.need[k]) {
				return
			}
		}
	}
	// Later negators overwrite earlier ones: in "no diagnosis, no school
	// and no support" each "no" governs its own noun.
	for i, h := range s.sent {
		if h.p.kind == kindNegator {
			idx := int32(i + 1)
			scope(h.to, false, func(k int) { s.negBy[k] = idx })
		}
	}
	for _, h := range s.hits {
		if h.p.kind == kindIrrealis && !isFrankly(s.toks, h) {
			scope(h.to, true, func(k int) { s.irr[k] = true })
		}
	}
	// "Too stretched to really help": what they are too busy to do is
	// not done.
	for k := 2; k < n; k++ {
		if tooTo(s.toks, k) {
			scope(k+1, true, func(j int) { s.irr[j] = true })
		}
	}

	// The shape of the comment: where it turns, concedes or is sarcastic,
	// and what lies in a condition.
	if cap(s.cond) < n {
		s.cond = make([]bool, n)
	}
	s.cond = s.cond[:n]
	clear(s.cond)
	s.advers, s.concede = s.advers[:0], s.concede[:0]
	s.sarcastic, s.mixed, s.request, s.factual, s.waitFact = false, false, false, false, false
	for _, h := range s.hits {
		switch h.p.kind {
		case kindAdversative:
			// "Nothing but praise", "not only ... but also".
			if h.to < n && s.toks[h.to].norm == "also" || h.from > 0 && isNothingBut(s.toks[h.from-1].norm) {
				continue
			}
			if l := len(s.advers); l == 0 || s.advers[l-1] < h.from {
				s.advers = append(s.advers, h.from)
			}
		case kindConcession:
			s.concede = append(s.concede, h.from)
		case kindSarcasm:
			s.sarcastic = true
		case kindMixedMarker:
			s.mixed = true
		case kindRequest:
			s.request = true
		case kindFactual:
			s.factual = true
		case kindConditional:
			// "As if", "even if" and "if only" are not conditions.
			if h.from > 0 && isNotCondition(s.toks[h.from-1].norm) || h.to < n && s.toks[h.to].norm == "only" {
				continue
			}
			// Unlike a negation, a condition runs on to the end of its
			// clause: "if the plan is not being followed".
			for k := h.to; k < n && k < h.to+conditionWindow; k++ {
				if s.toks[k].brk || s.contrast[k] {
					break
				}
				s.cond[k] = true
			}
		}
	}
	if cap(s.seg) < n {
		s.seg, s.turn = make([]int, n), make([]bool, n)
	}
	s.seg, s.turn = s.seg[:n], s.turn[:n]
	clear(s.turn)
	for _, a := range s.advers {
		s.turn[a] = true
	}
	turns := 0
	for k := range s.seg {
		if s.turn[k] {
			turns++
		}
		s.seg[k] = turns
	}
}

// isFrankly reports whether an irrealis hit is "to be fair" or "to be
// honest", which vouch for what follows rather than wish for it.
func isFrankly(toks []token, h hit) bool {
	if h.to >= len(toks) || h.to-h.from != 2 || toks[h.from].norm != "to" {
		return false
	}
	w := toks[h.to].norm
	return w == "fair" || w == "honest"
}

// tooTo reports whether token k is the "to" of "too busy to" or "too
// stretched to".
func tooTo(toks []token, k int) bool {
	if toks[k].norm != "to" || toks[k].brk {
		return false
	}
	for j := k - 1; j >= 0 && j >= k-3; j-- {
		if toks[j].norm == "too" {
			return true
		}
		if toks[j].brk {
			return false
		}
	}
	return false
}

// conditionWindow is how far "if" reaches.
const conditionWindow = 6

func isNothingBut(w string) bool { return w == "nothing" || w == "all" || w == "anything" }

func isNotCondition(w string) bool { return w == "as" || w == "even" || w == "only" }

// excluded reports whether an exclusion of the same entry overlaps h.
// excls are in order of their start, and no phrase is longer than
// maxTermWords, so only those starting shortly before h can overlap it.
func excluded(excls []hit, h hit, excl kind) bool {
	i := sort.Search(len(excls), func(i int) bool { return excls[i].from > h.from-maxTermWords })
	for ; i < len(excls) && excls[i].from < h.to; i++ {
		e := excls[i]
		if e.p.kind == excl && e.p.target == h.p.target && overlaps(e, h) {
			return true
		}
	}
	return false
}

// countedBefore reports whether p was already counted in this comment:
// an entry scores each distinct term once, so "school ... school" is no
// stronger than "school".
func countedBefore(s *scratch, p *phrase) bool {
	if s.seen[p.id] == s.generation {
		return true
	}
	s.seen[p.id] = s.generation
	return false
}

// isNull reports whether a comment says nothing about any service: "no
// comment", "n/a", "nothing to add", "thanks for the survey". Words of
// real feeling make it a comment after all: "thanks for nothing".
func (c *Classifier) isNull(toks []token, hits []hit) bool {
	if len(toks) > 12 {
		return false
	}
	for _, t := range toks {
		if !c.nullWords[t.norm] {
			return false
		}
	}
	for _, h := range hits {
		// "Thank you" is a sign-off; "thanks for nothing" is not.
		if h.p.kind == kindSentiment && h.to-h.from > 1 && (h.p.weight <= -1 || h.p.weight >= 1 && !isThanks(toks[h.from].norm)) {
			return false
		}
	}
	return true
}

func isThanks(w string) bool { return w == "thank" || w == "thanks" || w == "many" }

// isModalNegator reports whether a negator says what should be rather
// than what is: "shouldn't be this hard" stays a complaint.
func isModalNegator(text string) bool {
	switch text {
	case "shouldn't", "should not", "needn't", "mustn't":
		return true
	}
	return false
}

// findRationing returns the first sign of help rationed to a handful:
// "only six sessions", "only 2 hours".
func findRationing(toks []token, text string) (found, bool) {
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].norm != "only" || toks[i+1].stop {
			continue
		}
		next := toks[i+1].norm
		if _, err := strconv.Atoi(next); err == nil || numberWords[next] > 1 && next != "many" {
			return found{i, text[toks[i].start:toks[i+1].end]}, true
		}
	}
	return found{}, false
}

// found is a span the classifier found in code rather than in a lexicon:
// a long wait, a repeat, help rationed.
type found struct {
	at   int // index of its first token
	text string
}

func (c *Classifier) contentWords(toks []token) int {
	n := 0
	for _, t := range toks {
		if !c.stopwords[t.norm] {
			n++
		}
	}
	return n
}

// findWaits returns the long spans of time the comment describes as a
// wait: a number (or "a", "several", or none) and a unit of a month or
// more, or six weeks or more, near a word of waiting in the same
// sentence.
func (c *Classifier) findWaits(toks []token, text string, out []found) []found {
	for i, t := range toks {
		unit, ok := durationUnits[t.norm]
		if !ok {
			continue
		}
		n, from, plainNumber := 0, i, false
		if i > 0 && !t.stop {
			p := toks[i-1].norm
			if v, err := strconv.Atoi(p); err == nil {
				n, from, plainNumber = v, i-1, true
			} else if v, ok := numberWords[p]; ok {
				n, from, plainNumber = v, i-1, v > 1
			}
		}
		plural := t.norm[len(t.norm)-1] == 's'
		if n == 0 && !plural {
			continue // "every month", "this year"
		}
		if n == 0 {
			n = 3 // "for months", "years of this"
		}
		ago := i+1 < len(toks) && toks[i+1].norm == "ago"
		long := unit == unitYear || unit == unitMonth && n >= 1 || unit == unitWeek && n >= 12 || unit == unitTerm && n >= 2 ||
			unit == unitFortnight && n >= 6 || ago && unit >= unitWeek && n >= 2 && plainNumber
		if !long {
			continue
		}
		if i+1 < len(toks) && !toks[i+1].stop {
			switch toks[i+1].norm {
			case "old", "older", "younger", "age", "behind":
				continue // "12 years old", "two years behind"
			}
		}
		if c.nearWait(toks, from, i) {
			out = append(out, found{from, text[toks[from].start:t.end]})
		}
	}
	return out
}

func (c *Classifier) nearWait(toks []token, from, to int) bool {
	const window = 6
	for k := from - 1; k >= 0 && k >= from-window; k-- {
		if c.waitCtx[toks[k].norm] || c.waitCtx[toks[k].stem] {
			return true
		}
		if toks[k].stop {
			break
		}
	}
	for k := to + 1; k < len(toks) && k <= to+window; k++ {
		if toks[k].stop {
			break
		}
		if c.waitCtx[toks[k].norm] || c.waitCtx[toks[k].stem] {
			return true
		}
	}
	return false
}

// findRepeats returns the first sign of a family made to repeat
// themselves or meet a string of new faces: "chased 5 times", "had 6
// different nurses". "3 times a week" is a frequency, not a complaint.
func findRepeats(toks []token, text string) (found, bool) {
	for i := 1; i < len(toks); i++ {
		w := toks[i].norm
		if w != "times" && w != "different" {
			continue
		}
		n, err := strconv.Atoi(toks[i-1].norm)
		if err != nil {
			n = numberWords[toks[i-1].norm]
		}
		if n < 3 || toks[i].stop {
			continue
		}
		if w == "times" && i+1 < len(toks) && !toks[i+1].stop {
			switch toks[i+1].norm {
			case "a", "per", "each", "every", "weekly", "daily":
				continue
			}
		}
		return found{i - 1, text[toks[i-1].start:toks[i].end]}, true
	}
	return found{}, false
}

// maxReasonTerms caps the evidence kept for one code: a leader needs a
// few examples, and a pasted essay should not cost quadratic time.
const maxReasonTerms = 12

func appendUniqueTerm(list []string, s string) []string {
	if len(list) >= maxReasonTerms {
		return list
	}
	for _, v := range list {
		if v == s {
			return list
		}
	}
	return append(list, s)
}
