package main

import (
	"context"
	"crypto/sha256"
	"fmt"
	"maps"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
)

// Leaders read every comment of an area, a page at a time, searched by
// words and narrowed by filters. A summary counts comments but does not
// keep them, so each survey also has a comment index: every comment with
// its coding and its redacted text, built once and extended as responses
// arrive (responses are only ever added, so the new ones are coded and
// nothing else). A page of comments is then a scan of the index, and only
// the comments shown are coded again, for the reasons behind their codes.

// leaderCache is what leaders' pages keep for one survey besides its
// summaries: the comment index and a few small results worked out from
// the responses, each remembered until a response arrives.
type leaderCache struct {
	mu    sync.Mutex // held while the index is extended
	index *commentIndex

	memoMu sync.Mutex
	memo   map[string]memoEntry
}

type memoEntry struct {
	responses int // how many responses it was worked out from
	value     any
}

// maxMemo bounds the remembered results; when full they are all dropped,
// as they are cheap to work out again.
const maxMemo = 512

// leaderCacheFor returns the leader cache of a survey, making it on first
// use. It lives beside the survey's summaries in insights, so Forget
// drops both.
func (in *insights) leaderCacheFor(surveyID int64) *leaderCache {
	s := in.survey(surveyID)
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.leader == nil {
		s.leader = &leaderCache{memo: map[string]memoEntry{}}
	}
	return s.leader
}

// remember returns the value stored under key for this many responses,
// or works it out with work and stores it.
func remember[T any](lc *leaderCache, key string, responses int, work func() T) T {
	lc.memoMu.Lock()
	if e, ok := lc.memo[key]; ok && e.responses == responses {
		lc.memoMu.Unlock()
		return e.value.(T)
	}
	lc.memoMu.Unlock()
	v := work()
	lc.memoMu.Lock()
	if len(lc.memo) >= maxMemo {
		clear(lc.memo)
	}
	lc.memo[key] = memoEntry{responses: responses, value: v}
	lc.memoMu.Unlock()
	return v
}

// commentIndex holds the comments of a survey's responses in response
// order, coded as the survey's summaries code them (see indexComment). It
// is built for one definition: the one that says which questions are free
// text and which area each is about. A change of coding (a correction, a
// new model) drops it with everything else insights holds for the survey.
type commentIndex struct {
	defKey    string
	responses int // how many responses are indexed
	questions []string
	qIndex    map[string]uint16
	entries   []indexedComment
	byArea    [][]int32 // per area in analysis.AreaIDs order: entry indices
}

// indexedComment is one comment, kept small: a survey of a hundred
// thousand responses has a quarter of a million comments.
type indexedComment struct {
	text         string // redacted
	response     int32  // index in the responses
	question     uint16 // index in commentIndex.questions
	areas        uint8  // bit i for analysis.AreaIDs[i]
	sentiment    uint8  // index in sentimentKeys
	safeguarding bool
	themes       [2]uint64 // bit i for theme i of leaderTaxonomy
}

func (c *indexedComment) hasArea(i int) bool  { return c.areas&(1<<i) != 0 }
func (c *indexedComment) hasTheme(i int) bool { return c.themes[i/64]&(1<<(i%64)) != 0 }

// sentimentKeys are the tones in the order leaders' pages list them.
var sentimentKeys = []analysis.Sentiment{analysis.Positive, analysis.Negative, analysis.Mixed, analysis.Neutral}

var sentimentLabels = map[analysis.Sentiment]string{
	analysis.Positive: "Positive", analysis.Negative: "Negative", analysis.Mixed: "Mixed", analysis.Neutral: "Neutral",
}

// definitionKey identifies a definition by its content.
func definitionKey(def *survey.Definition) string {
	sum := sha256.Sum256(def.MarshalIndent())
	return fmt.Sprintf("%x", sum[:12])
}

// comments returns the comment index for the responses given (all of a
// survey's, oldest first, as insights.Responses returns them), coding
// only those it has not seen. The index returned never changes: the next
// one shares its entries and adds to them, so a request may go on
// reading it while another extends the cache.
func (lc *leaderCache) comments(def *survey.Definition, defKey string, responses []analysis.ResponseData, override codingOverride) *commentIndex {
	lc.mu.Lock()
	defer lc.mu.Unlock()
	ix := lc.index
	if ix != nil && ix.defKey == defKey && ix.responses == len(responses) {
		return ix
	}
	if ix == nil || ix.defKey != defKey || ix.responses > len(responses) {
		ix = &commentIndex{defKey: defKey, qIndex: map[string]uint16{}, byArea: make([][]int32, len(analysis.AreaIDs))}
	}
	next := &commentIndex{defKey: defKey, responses: len(responses), questions: slices.Clone(ix.questions),
		qIndex: maps.Clone(ix.qIndex), entries: ix.entries, byArea: slices.Clone(ix.byArea)}
	next.extend(def, responses, ix.responses, override)
	lc.index = next
	return next
}

// codingOverride codes a comment in place of the rules: a staff
// correction or the learned model (see coder.Override), or nil.
type codingOverride = func(reference, questionID, text string) (analysis.Coding, bool)

// pendingComment is a comment found but not yet coded.
type pendingComment struct {
	text, area string
	reference  string
	questionID string
	response   int32
	question   uint16
}

// extend codes the comments of responses[from:] and appends them. Which
// answers are comments follows analysis.Summarise: free-text answers to
// questions that are not profile questions, in survey order, then any
// free-text answers to questions this definition no longer has.
func (ix *commentIndex) extend(def *survey.Definition, responses []analysis.ResponseData, from int, override codingOverride) {
	questions := def.Questions()
	var texts []*survey.Question
	for _, q := range questions {
		if q.Type.IsText() && !q.Profile {
			texts = append(texts, q)
		}
	}
	qid := func(id string) uint16 {
		i, ok := ix.qIndex[id]
		if !ok {
			i = uint16(len(ix.questions))
			ix.qIndex[id] = i
			ix.questions = append(ix.questions, id)
		}
		return i
	}
	var pending []pendingComment
	var extra []string
	for ri := from; ri < len(responses); ri++ {
		r := &responses[ri]
		for _, q := range texts {
			if v, ok := r.Answers[q.ID]; ok && !v.IsBlank() {
				pending = append(pending, pendingComment{text: v.Text, area: string(q.Area), reference: r.Reference, questionID: q.ID,
					response: int32(ri), question: qid(q.ID)})
			}
		}
		extra = extra[:0]
		for id, v := range r.Answers {
			if def.Question(id) == nil && v.Type.IsText() && !v.IsBlank() {
				extra = append(extra, id)
			}
		}
		sort.Strings(extra)
		for _, id := range extra {
			pending = append(pending, pendingComment{text: r.Answers[id].Text, reference: r.Reference, questionID: id,
				response: int32(ri), question: qid(id)})
		}
	}
	// Appending may write past the end of entries an earlier index
	// holds, never into them, so that index can still be read meanwhile.
	for _, c := range codeComments(pending, override) {
		i := int32(len(ix.entries))
		ix.entries = append(ix.entries, c)
		for a := range analysis.AreaIDs {
			if c.hasArea(a) {
				ix.byArea[a] = append(ix.byArea[a], i)
			}
		}
	}
}

// codeComments codes and redacts comments on every core.
func codeComments(pending []pendingComment, override codingOverride) []indexedComment {
	out := make([]indexedComment, len(pending))
	workers := min(runtime.GOMAXPROCS(0), len(pending)/64+1)
	var wg sync.WaitGroup
	chunk := (len(pending) + workers - 1) / max(workers, 1)
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(pending))
		if lo >= hi {
			break
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := lo; i < hi; i++ {
				out[i] = indexComment(pending[i], override)
			}
		}()
	}
	wg.Wait()
	return out
}

// indexComment codes one comment as a summary does: by the override when
// it has a coding, else by the rules, with safeguarding always from the
// rules as well, so that no override hides a risk.
func indexComment(p pendingComment, override codingOverride) indexedComment {
	cd := leaderClassifier().Classify(p.text, p.area)
	if override != nil {
		if oc, ok := override(p.reference, p.questionID, p.text); ok {
			oc.Safeguarding = oc.Safeguarding || cd.Safeguarding
			cd = oc
		}
	}
	c := indexedComment{text: analysis.Redact(p.text), response: p.response, question: p.question, safeguarding: cd.Safeguarding}
	for _, a := range cd.Areas {
		if i := slices.Index(analysis.AreaIDs, a); i >= 0 {
			c.areas |= 1 << i
		}
	}
	for _, t := range cd.Themes {
		if i := leaderThemeIndex(t); i >= 0 && i < 128 {
			c.themes[i/64] |= 1 << (i % 64)
		}
	}
	if i := slices.Index(sentimentKeys, cd.Sentiment); i >= 0 {
		c.sentiment = uint8(i)
	} else {
		c.sentiment = uint8(slices.Index(sentimentKeys, analysis.Neutral))
	}
	return c
}

// commentQuery picks comments from an index.
type commentQuery struct {
	area  int // index in analysis.AreaIDs, or -1 for any
	theme int // index in leaderTaxonomy().Themes, or -1 for any
	words []string
	opts  *analysis.SummaryOptions // the page's filters, or nil
	kept  responseSet              // the responses they keep; nil keeps all
}

// responseSet marks responses by their place in a survey's responses.
type responseSet []uint64

func (s responseSet) has(i int32) bool { return s[i/64]&(1<<(i%64)) != 0 }

// keptResponses returns the responses a filter keeps, remembered until a
// response arrives, or nil when opts filter nothing. Pages of comments
// then test a bit, not a response's answers, for each comment.
func (a *App) keptResponses(ls *leaderSurvey, opts analysis.SummaryOptions) responseSet {
	if !filtered(opts) {
		return nil
	}
	lc := a.insights.leaderCacheFor(ls.Info.ID)
	return remember(lc, "kept"+filterQuery(opts), len(ls.Responses), func() responseSet {
		set := make(responseSet, (len(ls.Responses)+63)/64)
		for i := range ls.Responses {
			if keepsResponse(&opts, &ls.Responses[i]) {
				set[i/64] |= 1 << (i % 64)
			}
		}
		return set
	})
}

// find returns how many comments match and, newest first, the entry
// indices of those from offset to offset+limit.
func (ix *commentIndex) find(q commentQuery, offset, limit int) (int, []int32) {
	var page []int32
	total := 0
	check := func(i int32) {
		c := &ix.entries[i]
		if q.theme >= 0 && !c.hasTheme(q.theme) {
			return
		}
		if q.kept != nil && !q.kept.has(c.response) {
			return
		}
		for _, w := range q.words {
			if !containsFold(c.text, w) {
				return
			}
		}
		if total >= offset && len(page) < limit {
			page = append(page, i)
		}
		total++
	}
	if q.area >= 0 {
		list := ix.byArea[q.area]
		for k := len(list) - 1; k >= 0; k-- {
			check(list[k])
		}
	} else {
		for i := len(ix.entries) - 1; i >= 0; i-- {
			check(int32(i))
		}
	}
	return total, page
}

// searchWords splits a search into at most maxSearchWords words.
func searchWords(q string) []string {
	const maxSearchWords = 8
	words := strings.FieldsFunc(q, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '\'' && r != '-' })
	if len(words) > maxSearchWords {
		words = words[:maxSearchWords]
	}
	return words
}

// containsFold reports whether s contains sub, ignoring case. A search
// runs over the redacted text, so it cannot find what redaction removed:
// a name searched for is not found even where it was written.
func containsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	if isASCII(sub) {
		return containsFoldASCII(s, sub)
	}
	first, size := utf8.DecodeRuneInString(sub)
	rest := sub[size:]
	lower, upper := unicode.ToLower(first), unicode.ToUpper(first)
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if (r == lower || r == upper || unicode.SimpleFold(r) == first) && hasPrefixFold(s[i+n:], rest) {
			return true
		}
		i += n
	}
	return false
}

// containsFoldASCII is containsFold for an ASCII word, byte by byte: the
// search of a hundred thousand comments for a word is mostly this loop.
// Bytes of other characters never equal an ASCII byte, so they are
// passed over correctly.
func containsFoldASCII(s, sub string) bool {
	lo, up := toLowerASCII(sub[0]), toUpperASCII(sub[0])
	for i := 0; i+len(sub) <= len(s); i++ {
		if c := s[i]; c != lo && c != up {
			continue
		}
		j := 1
		for j < len(sub) && toLowerASCII(s[i+j]) == toLowerASCII(sub[j]) {
			j++
		}
		if j == len(sub) {
			return true
		}
	}
	return false
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func toLowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

func toUpperASCII(c byte) byte {
	if 'a' <= c && c <= 'z' {
		return c - ('a' - 'A')
	}
	return c
}

func hasPrefixFold(s, prefix string) bool {
	for prefix != "" {
		if s == "" {
			return false
		}
		a, n := utf8.DecodeRuneInString(s)
		b, m := utf8.DecodeRuneInString(prefix)
		if a != b && unicode.ToLower(a) != unicode.ToLower(b) {
			return false
		}
		s, prefix = s[n:], prefix[m:]
	}
	return true
}

// commentIndexFor returns the comment index of a survey, from the cache,
// coded as its summaries are: staff corrections and the learned model
// first, then the rules.
func (a *App) commentIndexFor(ctx context.Context, ls *leaderSurvey) (*commentIndex, error) {
	base, err := a.summaryOptions(ctx, ls.Info.ID)
	if err != nil {
		return nil, err
	}
	return a.insights.leaderCacheFor(ls.Info.ID).comments(ls.Def, ls.DefKey, ls.Responses, base.Override), nil
}
