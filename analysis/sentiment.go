package analysis

// contrib is one piece of evidence for the tone of a comment: a word of
// praise or complaint, a negated need, a long wait. Where it starts
// decides which clause it belongs to.
type contrib struct {
	at, to int     // tokens [at, to), or to == at for evidence found in code
	w      float64 // positive for praise, negative for complaint
	term   string  // the words as the family wrote them
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
			used[n-1] = true
			negator := s.sent[n-1]
			from = negator.from
			switch {
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
			if sub := c.subjectOf(s, h.from); sub == subjectFamily || sub == subjectUnknown {
				w = -1
			}
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
			s.contrib = append(s.contrib, contrib{at: from, to: h.to, w: w, term: span(from, h.to)})
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
	anyNeg := false
	for _, ct := range s.contrib {
		if ct.w < 0 {
			anyNeg = true
			s.negAt[ct.at] = true
		}
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
	if s.sarcastic && anyNeg {
		for i := range s.contrib {
			if w := s.contrib[i].w; w > 0 {
				s.contrib[i].w = -min(w, 1)
			}
		}
		return
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
	// Praise and complaint in each clause between turns: clause i runs
	// from the turn before it (or the start) to turn i.
	k := len(s.advers) + 1
	if cap(s.segPos) < k {
		s.segPos, s.segNeg = make([]float64, k), make([]float64, k)
	}
	pos, neg := s.segPos[:k], s.segNeg[:k]
	clear(pos)
	clear(neg)
	for _, ct := range s.contrib {
		i := s.seg[ct.at]
		pos[i] += max(ct.w, 0)
		neg[i] -= min(ct.w, 0)
	}
	for i, a := range s.advers {
		next := len(s.toks)
		if i+1 < len(s.advers) {
			next = s.advers[i+1]
		}
		if next-a < 3 {
			continue // "lovely staff though."
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

// subjectOf returns the nearest subject before token i in its clause.
func (c *Classifier) subjectOf(s *scratch, i int) subject {
	toks := s.toks
	for k := i - 1; k >= 0 && k >= i-6; k-- {
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
