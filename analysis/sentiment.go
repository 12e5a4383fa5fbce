package analysis

import (
	"strconv"
	"strings"
)

// contrib is one piece of evidence for the tone of a comment: a word of
// praise or complaint, a negated need, a long wait. Where it starts
// decides which clause it belongs to.
type contrib struct {
	at, to int     // tokens [at, to), or to == at for evidence found in code
	w      float64 // positive for praise, negative for complaint
	term   string  // the words as the family wrote them
	expect bool    // a fear before the event (see expectations)
}

// tone is what the rules made of a comment's sentiment.
type tone struct {
	sentiment Sentiment
	pos, neg  float64
	// signals counts words of opinion or need; described counts words of
	// how the child copes, said of the child, which the rules set aside.
	signals, described int
	posTerms, negTerms []string
}

// readTone weighs the sentiment evidence of the tokens in s (after
// resolveSentiment) and decides the comment's tone. flagged adds the
// weight of a safeguarding concern.
func (c *Classifier) readTone(text string, s *scratch, flagged bool) tone {
	toks := s.toks
	var t tone
	span := func(from, to int) string { return text[toks[from].start:toks[to-1].end] }
	s.contrib = s.contrib[:0]
	if cap(s.used) < len(s.sent) {
		s.used = make([]bool, len(s.sent))
	}
	used := s.used[:len(s.sent)]
	clear(used)
	for _, h := range s.sent {
		if h.p.kind == kindNegator {
			continue
		}
		w := h.p.weight
		if w != 0 || h.p.kind == kindNeed {
			t.signals++
		}
		from := h.from
		// A phrase that starts with its own negator ("no one listens",
		// "can't fault") already says what it means.
		if n := s.negBy[h.from]; n != 0 && !s.negStart[h.from] {
			// A phrase that only stops a shorter one counting ("heard
			// of") leaves the negator to speak for itself: "nobody has
			// heard of it".
			used[n-1] = h.p.kind == kindNeed || w != 0
			negator := s.sent[n-1]
			from = negator.from
			switch {
			case h.p.kind == kindNeed && c.childCannot(s, negator):
				// "She can't read yet" and "he doesn't like change"
				// say what the child can do, not what a service
				// failed to do.
				t.described++
				w = 0
			case h.p.kind == kindNeed:
				w = -1
			case w > 0:
				w = -min(w, 1.5)
			case w < 0 && !isModalNegator(negator.p.text):
				// "not bad" is faint praise; "shouldn't be hard" is not.
				w = min(-w/2, 1)
			}
		} else if h.p.kind == kindNeed {
			w = 0
		}
		if w > 0 && s.irr[h.from] {
			w = 0
		}
		if w != 0 && s.cond[from] {
			w = 0 // "if there's a problem", "if the plan isn't followed"
		}
		if w > 0 && h.p.advocacy && from == h.from {
			// "She fought for us" is praise; "we fought for two years"
			// and "tired of fighting for everything" are not.
			// "Thank you for fighting for him" is praise all the same.
			sub := c.subjectOf(s, h.from)
			if sub == subjectFamily || sub == subjectUnknown && (h.from == 0 || toks[h.from-1].norm != "for") {
				w = -1
			}
		}
		if w < 0 && h.p.wait && from == h.from && !c.waitComplained(s, text, h) {
			// "We are waiting for the amended plan" is news, not a
			// complaint; "yet another waiting list" is a complaint.
			s.waitFact = true
			w = 0
		}
		if w < 0 && h.p.state && from == h.from && c.saidOfChild(s, h.from) {
			t.described++
			w = 0
		}
		if w > 0 && (quoted(text, toks[h.from].start, toks[h.from].end) || quoted(text, toks[h.from].start, toks[h.to-1].end)) {
			// Praise in scare quotes is someone else's word for it:
			// the "excellent" service that took a year to reply.
			s.sarcastic = true
			w = 0
		}
		if w > 0 && isSignOff(toks, h) {
			w = 0 // "The wait is ridiculous. Thanks." is politeness.
		}
		if w != 0 {
			s.contrib = append(s.contrib, contrib{at: from, to: h.to, w: w, term: span(from, h.to), expect: h.p.expect})
		}
	}
	for i, h := range s.sent {
		if h.p.kind == kindNegator && !used[i] && h.p.weight < 0 && !s.cond[h.from] {
			s.contrib = append(s.contrib, contrib{at: h.from, to: h.to, w: h.p.weight, term: span(h.from, h.to)})
		}
	}
	for _, f := range s.waits {
		s.contrib = append(s.contrib, contrib{at: f.at, to: f.at, w: -1, term: f.text})
	}
	if f, ok := findRepeats(toks, text); ok {
		s.contrib = append(s.contrib, contrib{at: f.at, to: f.at, w: -0.7, term: f.text})
	}
	if f, ok := findRationing(toks, text); ok {
		s.contrib = append(s.contrib, contrib{at: f.at, to: f.at, w: -0.7, term: f.text})
	}
	c.findShapes(s, text)

	c.reweigh(s)
	for _, ct := range s.contrib {
		switch {
		case ct.w > 0:
			t.pos += ct.w
			if s.want {
				t.posTerms = appendUniqueTerm(t.posTerms, ct.term)
			}
		case ct.w < 0:
			t.neg -= ct.w
			if s.want {
				t.negTerms = appendUniqueTerm(t.negTerms, ct.term)
			}
		}
	}
	if flagged {
		// Whatever else it says, a comment about a child at risk is not
		// good news.
		t.neg += 0.7
	}
	t.sentiment = decideSentiment(t.pos, t.neg)
	t.sentiment = turnAt(s, t)
	if t.sentiment == Negative && t.neg < 1 && t.pos == 0 && !flagged && isPlainQuestion(toks, text) {
		// A question for information carries the words of its subject:
		// "Can I get help with transport costs?"
		t.sentiment = Neutral
	}
	if s.mixed && !s.sarcastic && !flagged {
		t.signals++
		t.sentiment = Mixed
	}
	return t
}

// isSignOff reports whether h is a thank-you that closes a longer
// comment on its own: "Nothing has changed. Thank you."
func isSignOff(toks []token, h hit) bool {
	if w := toks[h.from].norm; w != "thank" && w != "thanks" && (h.from == 0 || toks[h.from-1].norm != "many") {
		return false
	}
	start := h.from
	for start > 0 && !toks[start].stop {
		start--
	}
	return start > 0 && len(toks)-start <= 4
}

// reweigh applies what the shape of the comment says about its words:
// sarcasm turns praise into complaint, and a concession ("I know they're
// busy, but") is politeness rather than praise.
func (c *Classifier) reweigh(s *scratch) {
	toks := s.toks
	n := len(toks)
	if cap(s.negAt) < n {
		s.negAt = make([]bool, n)
	}
	s.negAt = s.negAt[:n]
	clear(s.negAt)
	if cap(s.posAt) < n {
		s.posAt = make([]bool, n)
	}
	s.posAt = s.posAt[:n]
	clear(s.posAt)
	anyNeg, anyExpect := false, false
	for _, ct := range s.contrib {
		if ct.w < 0 {
			anyNeg = true
			s.negAt[ct.at] = true
		} else if ct.w > 0 {
			s.posAt[ct.at] = true
		}
		anyExpect = anyExpect || ct.expect
	}
	// Praise that opens a sentence and is cut off by a comma before a
	// complaint in the same clause: "Brilliant, another 6 month wait".
	// Each scan stays within one sentence, so this is linear.
	for _, p := range s.contrib {
		if s.sarcastic || !anyNeg {
			break
		}
		if p.w <= 0 || p.to <= p.at || !(p.at == 0 || toks[p.at].stop) || p.to >= n || !toks[p.to].brk || toks[p.to].stop {
			continue
		}
		for k := p.to; k < n && (k == p.to || !toks[k].stop) && s.seg[k] == s.seg[p.at]; k++ {
			if s.negAt[k] {
				s.sarcastic = true
				break
			}
		}
	}
	for _, p := range s.contrib {
		if s.sarcastic || !anyNeg {
			break
		}
		if p.w > 0 && opensSentence(toks, p.at) && thanksForFailure(s, p) {
			s.sarcastic = true
		}
	}
	if s.sarcastic && anyNeg {
		for i := range s.contrib {
			if w := s.contrib[i].w; w > 0 {
				s.contrib[i].w = -min(w, 1)
			}
		}
		return
	}
	if anyExpect && len(s.advers) > 0 {
		s.unfear()
	}
	if anyNeg {
		c.backdrop(s)
	}
	// A concession covers its whole clause, up to the turn it prepares:
	// "great in theory, but".
	if len(s.concede) == 0 {
		return
	}
	conceded := s.segFlags(len(s.advers) + 1)
	for _, p := range s.concede {
		if i := s.seg[p]; i < len(s.advers) {
			conceded[i] = true
		}
	}
	for i := range s.contrib {
		if ct := &s.contrib[i]; ct.w > 0 && conceded[s.seg[ct.at]] {
			ct.w = 0
		}
	}
}

// turnAt reads the comment's turns ("but", "although") and returns the
// sentiment they imply, or t.sentiment. Clear praise followed by a turn to
// anything less is mixed: "the SENCO is lovely but has no time", and so
// is clear complaint followed by clear praise.
func turnAt(s *scratch, t tone) Sentiment {
	if len(s.advers) == 0 || t.sentiment == Neutral {
		return t.sentiment
	}
	pos, neg := s.clauseSums(false)
	for i, a := range s.advers {
		next := len(s.toks)
		if i+1 < len(s.advers) {
			next = s.advers[i+1]
		}
		if next-a < 3 || minimises(s.toks, a+1) {
			continue // "lovely staff though.", "but nothing major"
		}
		pa, na, pb, nb := pos[i], neg[i], pos[i+1], neg[i+1]
		if pa >= 0.7 && pa > na && pb < 0.5 {
			return Mixed
		}
		if na >= 1 && pb >= 1 && pb > nb {
			return Mixed
		}
	}
	return t.sentiment
}

// segFlags returns k cleared flags, one per clause between turns.
func (s *scratch) segFlags(k int) []bool {
	if cap(s.segFlag) < k {
		s.segFlag = make([]bool, k)
	}
	f := s.segFlag[:k]
	clear(f)
	return f
}

// subject is who a clause is about, as far as the classifier can tell.
type subject uint8

const (
	subjectUnknown subject = iota
	subjectChild           // "he", "she", "my son"
	subjectFamily          // "I", "we"
	subjectOther           // "they", "it", "our social worker"
)

// subjectOf returns the nearest subject before token i in its clause,
// looking back far enough to carry a subject over "and": "our daughter
// struggles with change and finds transitions really hard".
func (c *Classifier) subjectOf(s *scratch, i int) subject {
	toks := s.toks
	for k := i - 1; k >= 0 && k >= i-subjectWindow; k-- {
		if toks[k+1].brk || s.isAdversative(k+1) {
			return subjectUnknown
		}
		w := toks[k].norm
		if c.childWords[w] {
			return subjectChild
		}
		if w == "it" && k > 0 && isFinding(toks[k-1].norm) {
			continue // "finds it hard": "it" is the object
		}
		switch w {
		case "i", "i'm", "im", "i've", "ive", "we", "we're", "we've", "me", "us", "myself", "ourselves":
			return subjectFamily
		case "they", "they're", "it", "it's", "you", "everything", "everyone", "the", "our", "my", "his", "her", "their",
			"a", "an":
			// A noun phrase: "our social worker", "the school".
			return subjectOther
		}
	}
	return subjectUnknown
}

// subjectWindow is how far back subjectOf looks.
const subjectWindow = 10

func isFinding(w string) bool {
	switch w {
	case "find", "finds", "found", "finding", "make", "makes", "made", "making":
		return true
	}
	return false
}

// saidOfChild reports whether the clause holding token i is about the
// child: "he has meltdowns", "she finds change hard".
func (c *Classifier) saidOfChild(s *scratch, i int) bool { return c.subjectOf(s, i) == subjectChild }

func (s *scratch) isAdversative(i int) bool { return s.turn[i] }

// quoted reports whether text[start:end], a run of tokens, stands in
// quotation marks. A closing apostrophe is part of the token before it
// ("excellent'"), as the tokeniser keeps apostrophes inside words.
func quoted(text string, start, end int) bool {
	open := start >= 1 && (text[start-1] == '\'' || text[start-1] == '"') ||
		start >= 3 && (text[start-3:start] == "\u2018" || text[start-3:start] == "\u201c")
	if !open {
		return false
	}
	return text[end-1] == '\'' || end >= 3 && text[end-3:end] == "\u2019" ||
		end < len(text) && (text[end] == '\'' || text[end] == '"') ||
		end+3 <= len(text) && (text[end:end+3] == "\u2019" || text[end:end+3] == "\u201d")
}

// sentenceOf returns the tokens [from, to) of the sentence holding token i.
func sentenceOf(toks []token, i int) (from, to int) {
	from, to = i, i+1
	for from > 0 && !toks[from].stop {
		from--
	}
	for to < len(toks) && !toks[to].stop {
		to++
	}
	return from, to
}

// endsWithQuestion reports whether the sentence ending before token to
// (or at the end of text) is a question.
func endsWithQuestion(toks []token, text string, to int) bool {
	end := len(text)
	if to < len(toks) {
		end = toks[to].start
	}
	return strings.IndexByte(text[toks[to-1].end:end], '?') >= 0
}

// waitComplained reports whether the wait h is told as a complaint: a
// word such as "still", "another" or "ages" beside it in its clause, or
// an exclamation mark or a span of weeks, months or years in its
// sentence. "How long is the wait?" asks; it does not complain.
func (c *Classifier) waitComplained(s *scratch, text string, h hit) bool {
	toks := s.toks
	const before, after = 3, 5
	for k := h.from - 1; k >= 0 && k >= h.from-before; k-- {
		w := toks[k].norm
		if c.waitBefore[w] && !(w == "long" && k > 0 && toks[k-1].norm == "how") {
			return true
		}
		if toks[k].brk {
			break
		}
	}
	for k := h.to; k < len(toks) && k < h.to+after && !toks[k].brk; k++ {
		if c.waitAfter[toks[k].norm] {
			return true
		}
	}
	from, to := sentenceOf(toks, h.from)
	waits := 0
	for k := from; k < to; k++ {
		// "which I understand is normal", "as expected"
		if w := toks[k].norm; w == "normal" || w == "expected" && k > 0 && (toks[k-1].norm == "be" || toks[k-1].norm == "as") {
			return false
		}
		if toks[k].stem == "wait" {
			waits++
		}
	}
	if waits > 1 {
		return true // "waiting and waiting"
	}
	for k := from + 1; k < to; k++ {
		if longSpan(toks, k) {
			return true // "the waiting list is over a year"
		}
	}
	end := len(text)
	if to < len(toks) {
		end = toks[to].start
	}
	if strings.IndexByte(text[toks[from].start:end], '!') >= 0 {
		return true
	}
	return false
}

// ordinals count the times something has happened: "for the third time".
var ordinals = map[string]bool{
	"second": true, "third": true, "fourth": true, "fifth": true, "sixth": true, "seventh": true, "eighth": true,
	"ninth": true, "tenth": true, "umpteenth": true, "hundredth": true, "nth": true, "2nd": true, "3rd": true, "4th": true,
	"5th": true, "6th": true,
}

// findShapes adds the evidence that lies in how words are put together
// rather than in the words: "What support?" asked back is a complaint;
// so is "for the third time", and "actually" or "bothered" in a
// condition or a question ("if they actually answered", "if someone
// bothered to ring", "is anyone actually reading these?"), which says it
// has not happened. "Given us our lives back" is
// praise whatever was given back.
func (c *Classifier) findShapes(s *scratch, text string) {
	toks := s.toks
	n := len(toks)
	span := func(from, to int) string { return text[toks[from].start:toks[to-1].end] }
	for _, h := range s.sent {
		// "What support?", "Communication? What communication?"
		if h.p.kind != kindNeed || h.from == 0 || toks[h.from-1].norm != "what" || !toks[h.from-1].stop && h.from-1 != 0 {
			continue
		}
		if (h.to == n || toks[h.to].stop) && endsWithQuestion(toks, text, h.to) && s.negBy[h.from] == 0 {
			s.contrib = append(s.contrib, contrib{at: h.from - 1, to: h.to, w: -1.5, term: span(h.from-1, h.to)})
		}
	}
	for k := 0; k < n; k++ {
		switch w := toks[k].norm; {
		case w == "time" && k > 0 && !toks[k].stop && ordinals[toks[k-1].norm]:
			s.contrib = append(s.contrib, contrib{at: k - 1, to: k + 1, w: -0.7, term: span(k-1, k+1)})
		case (w == "actually" || w == "bothered" || w == "bother") && c.doubted(s, text, k):
			s.contrib = append(s.contrib, contrib{at: k, to: k + 1, w: -1, term: span(k, k+1)})
		case tooTo(toks, k) && !s.opinion[k-1] && !notTooMuch[toks[k-1].norm]:
			// "too stretched to help"; "too young to" is in the
			// lexicon, and "too early to say" is no complaint.
			s.contrib = append(s.contrib, contrib{at: k - 1, to: k + 1, w: -0.7, term: span(k-2, k+1)})
		case w == "back" && k > 0:
			if at, ok := givenBack(toks, k); ok {
				s.contrib = append(s.contrib, contrib{at: at, to: k + 1, w: 2, term: span(at, k+1)})
			}
		}
	}
}

// doubted reports whether "actually" at token k is doubted: in a
// condition or a question ("good when you actually get to see someone",
// "how to actually get anything"), it says the thing does not happen.
func (c *Classifier) doubted(s *scratch, text string, k int) bool {
	toks := s.toks
	for j := k - 1; j >= 0 && j >= k-6; j-- {
		switch toks[j].norm {
		case "if", "when", "whether", "how", "once":
			return true
		}
		if toks[j+1].brk {
			break
		}
	}
	_, to := sentenceOf(toks, k)
	return endsWithQuestion(toks, text, to)
}

// givenBack finds "given us our lives back", "gave him his confidence
// back" ending at token k ("back"): a giving, a person and what was
// theirs. It returns where the giving starts.
func givenBack(toks []token, k int) (int, bool) {
	mine := false
	for j := k - 1; j >= 0 && j >= k-5; j-- {
		switch toks[j].norm {
		case "our", "my", "his", "her", "their":
			mine = true
		case "give", "gives", "gave", "given", "giving":
			return j, mine && j+1 < k
		}
		if toks[j+1].brk {
			break
		}
	}
	return 0, false
}

// describesChild reports whether the comment opens by describing the
// child ("He wakes several times a night", "Our twins are both
// autistic", "He's been offered a place at college") without a turn or
// a failure to receive something ("he hasn't had", "she didn't get"):
// needs and plans, not a verdict.
func (c *Classifier) describesChild(s *scratch) bool {
	toks := s.toks
	i := 0
	for i < len(toks) && i < 3 && childModifiers[toks[i].norm] {
		i++
	}
	return i < len(toks) && c.childWords[toks[i].norm] && plainAccount(s)
}

// describesFamily reports whether the comment opens by telling of the
// family's own circumstances ("We get DLA and carers allowance", "I work
// part time so I can do the school run") with nothing to mark it as a
// grievance: no turn, no failure to receive, nobody told them anything,
// sent them or passed them on, and they say nothing of how they feel.
func describesFamily(s *scratch) bool {
	if len(s.toks) == 0 {
		return false
	}
	switch s.toks[0].norm {
	case "we", "i", "we've", "i've", "we're", "i'm", "im", "ive":
	default:
		return false
	}
	for _, t := range s.toks {
		switch t.norm {
		case "told", "tell", "said", "say", "says", "feel", "felt", "feels", "like", "just", "only", "still", "even",
			"ourselves", "myself", "privately", "pay", "paid", "paying", "passed", "sent", "left", "made", "expected",
			"forced", "pushed", "treated":
			return false
		}
	}
	return plainAccount(s)
}

// plainAccount reports whether a comment has no turn ("but") and no
// negator of something received ("hasn't had", "no one"), which would make
// an account of circumstances a complaint.
func plainAccount(s *scratch) bool {
	if len(s.advers) > 0 {
		return false
	}
	for _, h := range s.sent {
		if h.p.kind == kindNegator && (h.p.weight < 0 || !negatesVerb(h.p.text) || h.to < len(s.toks) && receipts[s.toks[h.to].norm]) {
			return false
		}
	}
	return true
}

// childCannot reports whether the negator neg says what the child does
// not do ("he doesn't like change", "she can't read yet") rather than
// what the child did not receive ("he hasn't had any therapy", "she
// didn't get a place").
// Only a negated verb counts: "he has no day service" and "nobody has
// bothered" are failures whoever they are said of.
func (c *Classifier) childCannot(s *scratch, neg hit) bool {
	if neg.to >= len(s.toks) || receipts[s.toks[neg.to].norm] || !negatesVerb(neg.p.text) {
		return false
	}
	return c.saidOfChild(s, neg.from)
}

// negatesVerb reports whether a negator negates a verb ("doesn't",
// "can't", "never") rather than a thing ("no", "without", "nobody").
func negatesVerb(t string) bool {
	switch t {
	case "not", "cannot", "never":
		return true
	}
	return strings.HasSuffix(t, "n't")
}

// childModifiers come before a word for the child: "our eldest son".
var childModifiers = map[string]bool{
	"my": true, "our": true, "eldest": true, "youngest": true, "oldest": true, "middle": true, "little": true,
	"older": true, "younger": true, "autistic": true, "disabled": true, "foster": true, "adopted": true, "step": true,
}

// receipts are what a family receives from a service: negated after a
// word for the child ("he hasn't had", "she can't get") they are a
// failure, not a description.
var receipts = map[string]bool{
	"had": true, "have": true, "got": true, "get": true, "getting": true, "received": true, "receive": true, "been": true,
	"seen": true, "offered": true, "given": true, "heard": true, "able": true, "access": true, "allowed": true,
	"meet": true, "met": true, "qualify": true, "fit": true, "eligible": true, "entitled": true, "being": true,
}

// clauseSums adds up the praise and complaint in each clause between
// turns: clause i runs from the turn before it (or the start) to turn i.
// The slices are s's own, valid until the next call. withoutFears leaves
// out fears before the event ("I was dreading").
func (s *scratch) clauseSums(withoutFears bool) (pos, neg []float64) {
	k := len(s.advers) + 1
	if cap(s.segPos) < k {
		s.segPos, s.segNeg = make([]float64, k), make([]float64, k)
	}
	pos, neg = s.segPos[:k], s.segNeg[:k]
	clear(pos)
	clear(neg)
	for _, ct := range s.contrib {
		if withoutFears && ct.expect {
			continue
		}
		i := s.seg[ct.at]
		pos[i] += max(ct.w, 0)
		neg[i] -= min(ct.w, 0)
	}
	return pos, neg
}

// unfear drops a fear before the event when the clause after the next
// turn is clear praise: "I was dreading the review but it was really
// positive" is praise.
func (s *scratch) unfear() {
	k := len(s.advers) + 1
	pos, neg := s.clauseSums(true)
	for i := range s.contrib {
		ct := &s.contrib[i]
		if j := s.seg[ct.at]; ct.expect && j+1 < k && pos[j+1] >= 1 && neg[j+1] == 0 {
			ct.w = 0
		}
	}
}

// opensSentence reports whether token i starts its sentence, perhaps
// after a word or two of emphasis: "Really helpful of", "Oh well done".
func opensSentence(toks []token, i int) bool {
	for k := i; k > 0 && !toks[k].stop; k-- {
		switch toks[k-1].norm {
		case "really", "so", "very", "oh", "just", "big", "huge", "massive", "a", "and", "thanks", "thank", "you", "well":
		default:
			return false
		}
		if i-k >= 3 {
			return false
		}
	}
	return true
}

// thanksForFailure reports whether the praise p thanks a service for
// a failure: "Thanks so much to the council for losing our paperwork",
// "Well done to CAMHS for discharging him", "Really helpful of them to
// close his case", "Brilliant system where you have to fail first". The
// first evidence after the "for", "of" or "where" decides, and only if it
// comes soon and before the sentence moves on ("when", "after"), so that
// "thanks for helping when we were struggling" stays thanks.
func thanksForFailure(s *scratch, p contrib) bool {
	toks := s.toks
	n := len(toks)
	at := -1
	if p.to < n && !toks[p.to].brk && strings.HasSuffix(toks[p.to].norm, "ing") {
		at = p.to - 1 // "Great job losing his records"
	}
	for k := p.to; at < 0 && k < n && k < p.to+8 && !toks[k].stop && !toks[k].brk && !s.turn[k]; k++ {
		if w := toks[k].norm; w == "for" || w == "of" || w == "where" {
			at = k
			break
		}
	}
	if at < 0 {
		return false
	}
	for k := at + 1; k < n && k <= at+7 && !toks[k].stop && !toks[k].brk && !s.turn[k]; k++ {
		switch toks[k].norm {
		case "when", "while", "whilst", "after", "during", "because", "as", "since", "until", "before":
			return false
		}
		if s.posAt[k] {
			return false
		}
		if s.negAt[k] {
			return true
		}
	}
	return false
}

// minimises reports whether the clause at token i makes light of what
// came before it: "but nothing major", "but no big deal", "but minor".
func minimises(toks []token, i int) bool {
	if i >= len(toks) {
		return false
	}
	next := ""
	if i+1 < len(toks) && !toks[i+1].brk {
		next = toks[i+1].norm
	}
	switch toks[i].norm {
	case "nothing":
		return next == "major" || next == "serious" || next == "big" || next == "too"
	case "no", "not":
		return next == "big" || next == "a" && i+2 < len(toks) && toks[i+2].norm == "big"
	case "only":
		return next == "minor" || next == "small"
	case "minor", "small":
		return true
	}
	return false
}

// notTooMuch are the words of "too ... to" that make no complaint of a
// service: "too early to say", "too soon to tell".
var notTooMuch = map[string]bool{"far": true, "early": true, "soon": true, "young": true, "old": true, "late": true, "much": true}

// backdrop drops a complaint that only sets the scene for praise before
// it in the same sentence: "thank you for helping us when we were
// struggling", "they were lovely while he was poorly". Only what the
// family or the child went through counts; "good when you actually get
// to see someone" still complains.
func (c *Classifier) backdrop(s *scratch) {
	toks := s.toks
	for i := range s.contrib {
		ct := &s.contrib[i]
		if ct.w >= 0 || ct.to == ct.at {
			continue
		}
		when := -1
		for k := ct.at - 1; k >= 0 && k >= ct.at-5 && !toks[k+1].stop && !toks[k+1].brk; k-- {
			switch toks[k].norm {
			case "when", "while", "whilst", "during":
				when = k
			}
			if when >= 0 {
				break
			}
		}
		if when < 0 {
			continue
		}
		if sub := c.subjectOf(s, ct.at); sub != subjectFamily && sub != subjectChild {
			continue
		}
		from, _ := sentenceOf(toks, when)
		for _, p := range s.contrib {
			if p.w > 0 && p.at >= from && p.at < when && s.seg[p.at] == s.seg[ct.at] {
				ct.w = 0
				break
			}
		}
	}
}

// longSpan reports whether token k ends a long span of time: a year or
// more, three months or more, twelve weeks or more ("over a year", "18
// months", "months").
func longSpan(toks []token, k int) bool {
	unit, ok := durationUnits[toks[k].norm]
	if !ok || k > 0 && toks[k-1].norm == "within" {
		return false
	}
	n := 0
	if k > 0 {
		if v, err := strconv.Atoi(toks[k-1].norm); err == nil {
			n = v
		} else if v, ok := numberWords[toks[k-1].norm]; ok {
			n = v
		}
	}
	if n == 0 && strings.HasSuffix(toks[k].norm, "s") {
		n = 3 // "for months"
	}
	switch unit {
	case unitYear:
		return n >= 1
	case unitMonth:
		return n >= 3
	case unitWeek:
		return n >= 12
	case unitTerm:
		return n >= 2
	}
	return false
}
