package analysis

import (
	"math"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// ResponseData is one submitted response as a summary needs it. It says
// nothing of how responses are stored, so a summary can be made from the
// database, an export file or test data alike.
type ResponseData struct {
	// ID is the stored response's row id, for links to one comment; it
	// means nothing to families and appears in no summary.
	ID int64
	// Reference identifies the response to staff following up a
	// safeguarding flag. It never appears in what leaders see.
	Reference   string
	Version     int
	SubmittedAt time.Time
	Answers     survey.Answers
}

// SummaryOptions filter responses and set the disclosure rules.
type SummaryOptions struct {
	// Classifier codes the comments; nil means DefaultClassifier().
	Classifier *Classifier
	// SuppressionThreshold withholds any count below it; 0 means 5.
	SuppressionThreshold int
	// PercentageBase is the smallest base a share is given on; 0 means 10.
	PercentageBase int
	// Version keeps only responses to that version; 0 keeps all.
	Version int
	// Profile keeps only responses whose answer to each question id
	// matches one of the values given ("age_band": {"11-15", "16-18"}).
	Profile map[string][]string
	// From and To keep only responses submitted in [From, To); zero
	// times leave that end open.
	From, To time.Time
	// QuotesPerTheme is how many quotes to give a theme; 0 means 3.
	QuotesPerTheme int
	// IncludeFlagged lists the safeguarding-flagged comments (redacted,
	// with the response reference) for staff. Leave it off for anything
	// leaders or the public see.
	IncludeFlagged bool
	// Override, when set, may code a comment in place of the rules: a
	// staff correction, or a model learned from corrections. It returns
	// false to leave the comment to the rules. Safeguarding always comes
	// from the rules as well, so no override can hide a risk. It is
	// called from several goroutines at once.
	Override func(reference, questionID, text string) (Coding, bool)
}

func (o *SummaryOptions) defaults() {
	if o.Classifier == nil {
		o.Classifier = DefaultClassifier()
	}
	if o.SuppressionThreshold <= 0 {
		o.SuppressionThreshold = 5
	}
	if o.PercentageBase <= 0 {
		o.PercentageBase = 10
	}
	if o.QuotesPerTheme <= 0 {
		o.QuotesPerTheme = 3
	}
}

// Summary is what families said in a survey, area by area, with every
// small count withheld so that no family can be picked out. Counts are
// pointers: nil (JSON null) means withheld, with Suppressed set beside it.
type Summary struct {
	Survey                 string              `json:"survey"`
	Title                  string              `json:"title,omitempty"`
	Version                int                 `json:"version,omitempty"`
	Filters                map[string][]string `json:"filters,omitempty"`
	Responses              *int                `json:"responses"`
	ResponsesSuppressed    bool                `json:"responses_suppressed,omitempty"`
	SuppressionThreshold   int                 `json:"suppression_threshold"`
	PercentageBase         int                 `json:"percentage_base"`
	Comments               *int                `json:"comments"`
	CommentsSuppressed     bool                `json:"comments_suppressed,omitempty"`
	Safeguarding           *int                `json:"safeguarding"`
	SafeguardingSuppressed bool                `json:"safeguarding_suppressed,omitempty"`
	Areas                  []AreaSummary       `json:"areas"`
	// Profile and OtherQuestions hold the closed questions that belong
	// to no area: who answered, and anything general.
	Profile        []QuestionSummary `json:"profile,omitempty"`
	OtherQuestions []QuestionSummary `json:"other_questions,omitempty"`
	// Flagged is for staff only; see SummaryOptions.IncludeFlagged.
	Flagged []FlaggedComment `json:"flagged,omitempty"`
}

// AreaSummary is one service area: how many comments spoke of it, in
// what tone, about which themes, and the area's closed questions.
type AreaSummary struct {
	ID         string            `json:"id"`
	Label      string            `json:"label"`
	Comments   *int              `json:"comments"`
	Suppressed bool              `json:"suppressed"`
	Sentiment  SentimentCounts   `json:"sentiment"`
	Themes     []ThemeSummary    `json:"themes"`
	Questions  []QuestionSummary `json:"questions"`
}

// SentimentCounts splits an area's comments by tone. Suppressed is set
// when any count is withheld.
type SentimentCounts struct {
	Positive   *int `json:"positive"`
	Negative   *int `json:"negative"`
	Neutral    *int `json:"neutral"`
	Mixed      *int `json:"mixed"`
	Suppressed bool `json:"suppressed"`
}

// ThemeSummary is one theme within an area. Share is the per cent of the
// area's comments that raise it.
type ThemeSummary struct {
	ID         string   `json:"id"`
	Label      string   `json:"label"`
	Count      *int     `json:"count"`
	Suppressed bool     `json:"suppressed"`
	Share      *float64 `json:"share"`
	Quotes     []string `json:"quotes"`
}

// QuestionSummary is the result of one closed question.
type QuestionSummary struct {
	ID         string        `json:"id"`
	Text       string        `json:"text"`
	Type       string        `json:"type"`
	Answered   *int          `json:"answered"`
	Suppressed bool          `json:"suppressed"`
	Options    []OptionCount `json:"options,omitempty"`
	Scale      *ScaleSummary `json:"scale,omitempty"`
	// Mean is given for scale and number questions.
	Mean *float64 `json:"mean,omitempty"`
}

// OptionCount is how many chose one option (or one point of a scale).
// Share is the per cent of those who answered the question.
type OptionCount struct {
	Value      string   `json:"value"`
	Label      string   `json:"label"`
	Count      *int     `json:"count"`
	Suppressed bool     `json:"suppressed"`
	Share      *float64 `json:"share"`
}

// ScaleSummary describes a scale question's range; its distribution is
// in the question's Options, one per point.
type ScaleSummary struct {
	Min      int    `json:"min"`
	Max      int    `json:"max"`
	MinLabel string `json:"min_label,omitempty"`
	MaxLabel string `json:"max_label,omitempty"`
}

// FlaggedComment is a comment that may show someone at risk, for staff
// to follow up through the response reference.
type FlaggedComment struct {
	Reference string   `json:"reference"`
	Question  string   `json:"question"`
	Text      string   `json:"text"` // redacted
	Reasons   []string `json:"reasons"`
}

// comment is one free-text answer with its coding.
type comment struct {
	text  string
	qid   string
	ref   string
	coded coded
}

// Summarise makes the summary of a survey's responses already in memory.
func Summarise(def *survey.Definition, responses []ResponseData, opts SummaryOptions) *Summary {
	s := NewSummariser(def, opts)
	for i := range responses {
		s.Add(&responses[i])
	}
	return s.Finish()
}

// Summariser makes a summary from responses given one at a time. Each
// response's comments are coded on the other cores while the next
// responses are still being read, so summarising a large survey costs
// little more than reading it; closed questions are counted as each
// response is added.
type Summariser struct {
	def       *survey.Definition
	opts      SummaryOptions
	questions []*survey.Question
	byID      map[string]*survey.Question
	kept      int                       // responses the options keep
	tallies   map[string]*questionTally // by question id, for closed questions
	chunk     []comment                 // comments not yet handed to a coder
	chunks    [][]comment               // every chunk, in order
	work      chan []comment
	coders    sync.WaitGroup
}

// commentChunk is how many comments a coder takes at a time.
const commentChunk = 256

// NewSummariser starts a summary. Finish must be called to end it.
func NewSummariser(def *survey.Definition, opts SummaryOptions) *Summariser {
	opts.defaults()
	s := &Summariser{def: def, opts: opts, questions: def.Questions()}
	s.byID = make(map[string]*survey.Question, len(s.questions))
	s.tallies = map[string]*questionTally{}
	for _, q := range s.questions {
		s.byID[q.ID] = q
		if !q.Type.IsText() {
			s.tallies[q.ID] = newQuestionTally(q)
		}
	}
	workers := runtime.GOMAXPROCS(0)
	s.work = make(chan []comment, 2*workers)
	for range workers {
		s.coders.Add(1)
		go func() {
			defer s.coders.Done()
			for part := range s.work {
				s.code(part)
			}
		}()
	}
	return s
}

// Add takes one response; nothing of it is kept that could change later.
func (s *Summariser) Add(r *ResponseData) {
	if !s.opts.keeps(r) {
		return
	}
	s.kept++
	for qid, v := range r.Answers {
		if t := s.tallies[qid]; t != nil {
			t.add(v)
		}
	}
	s.chunk = appendComments(s.chunk, r, s.questions, s.byID)
	if len(s.chunk) >= commentChunk {
		s.handOver()
	}
}

func (s *Summariser) handOver() {
	s.chunks = append(s.chunks, s.chunk)
	s.work <- s.chunk
	s.chunk = make([]comment, 0, commentChunk+8)
}

// code codes a chunk of comments in place.
func (s *Summariser) code(part []comment) {
	c, override := s.opts.Classifier, s.opts.Override
	for i := range part {
		cm := &part[i]
		cm.coded = c.classifyQuick(cm.text, areaIndex(areaOf(s.byID[cm.qid])))
		if override != nil {
			if cd, ok := override(cm.ref, cm.qid, cm.text); ok {
				cm.coded = c.fromCoding(cd, cm.coded.safeguarding)
			}
		}
	}
}

// Finish waits for the last comments to be coded and returns the
// summary. The Summariser must not be used again.
func (s *Summariser) Finish() *Summary {
	opts, questions, byID := &s.opts, s.questions, s.byID
	if len(s.chunk) > 0 {
		s.handOver()
	}
	close(s.work)
	c := opts.Classifier
	sum := &Summary{
		Survey:               s.def.Slug,
		Title:                s.def.Title,
		Version:              opts.Version,
		SuppressionThreshold: opts.SuppressionThreshold,
		PercentageBase:       opts.PercentageBase,
	}
	if len(opts.Profile) > 0 {
		sum.Filters = opts.Profile
	}
	sum.Responses, sum.ResponsesSuppressed = opts.count(s.kept)
	closed := make(map[string]QuestionSummary, len(s.tallies))
	for id, t := range s.tallies {
		closed[id] = opts.question(t)
	}
	s.coders.Wait()
	comments := slices.Concat(s.chunks...)

	sum.Comments, sum.CommentsSuppressed = opts.count(len(comments))
	flagged := 0
	for i := range comments {
		if comments[i].coded.safeguarding {
			flagged++
			if opts.IncludeFlagged {
				cd := c.Classify(comments[i].text, areaOf(byID[comments[i].qid]))
				sum.Flagged = append(sum.Flagged, FlaggedComment{
					Reference: comments[i].ref, Question: comments[i].qid,
					Text: Redact(comments[i].text), Reasons: cd.Why(SafeguardingCode),
				})
			}
		}
	}
	sum.Safeguarding, sum.SafeguardingSuppressed = opts.count(flagged)

	// Areas are summarised side by side: choosing quotes reads every
	// comment of each theme again.
	tax := c.tax
	sum.Areas = make([]AreaSummary, len(AreaIDs))
	var areas sync.WaitGroup
	for ai, id := range AreaIDs {
		areas.Go(func() {
			label := id
			if e := tax.Area(id); e != nil {
				label = e.Label
			}
			var members []int
			var sentiments [4]int
			for i := range comments {
				if comments[i].coded.hasArea(ai) {
					members = append(members, i)
					sentiments[sentimentIndex(comments[i].coded.sentiment)]++
				}
			}
			as := AreaSummary{ID: id, Label: label, Themes: []ThemeSummary{}, Questions: []QuestionSummary{}}
			as.Comments, as.Suppressed = opts.count(len(members))
			as.Sentiment = opts.sentimentCounts(sentiments, as.Suppressed)
			as.Themes = opts.themes(c, comments, members, as.Suppressed)
			for _, q := range questions {
				if string(q.Area) == id && !q.Type.IsText() && !q.Profile {
					as.Questions = append(as.Questions, closed[q.ID])
				}
			}
			sum.Areas[ai] = as
		})
	}
	areas.Wait()
	for _, q := range questions {
		if q.Type.IsText() || isAreaID(string(q.Area)) && !q.Profile {
			continue
		}
		if q.Profile {
			sum.Profile = append(sum.Profile, closed[q.ID])
		} else {
			sum.OtherQuestions = append(sum.OtherQuestions, closed[q.ID])
		}
	}
	return sum
}

func (o *SummaryOptions) keeps(r *ResponseData) bool {
	if o.Version > 0 && r.Version != o.Version {
		return false
	}
	if !o.From.IsZero() && r.SubmittedAt.Before(o.From) || !o.To.IsZero() && !r.SubmittedAt.Before(o.To) {
		return false
	}
	for qid, values := range o.Profile {
		v, ok := r.Answers[qid]
		if !ok || v.IsBlank() || !v.Matches(values) {
			return false
		}
	}
	return true
}

// count applies the suppression rule to a count.
func (o *SummaryOptions) count(n int) (*int, bool) {
	if n < o.SuppressionThreshold {
		return nil, true
	}
	return &n, false
}

// share gives n as a per cent of base, to one decimal place, unless the
// base is too small for a percentage or n itself is withheld.
func (o *SummaryOptions) share(n, base int) *float64 {
	if base < o.PercentageBase || base == 0 || n < o.SuppressionThreshold {
		return nil
	}
	p := math.Round(float64(n)*1000/float64(base)) / 10
	return &p
}

func areaOf(q *survey.Question) string {
	if q == nil {
		return ""
	}
	return string(q.Area)
}

// appendComments adds a response's free-text answers to out, in survey
// order. Profile questions ("your child's school") are not comments. Text
// answers to questions this version of the definition no longer has are
// kept too.
func appendComments(out []comment, r *ResponseData, questions []*survey.Question, byID map[string]*survey.Question) []comment {
	for _, q := range questions {
		if !q.Type.IsText() || q.Profile {
			continue
		}
		if v, ok := r.Answers[q.ID]; ok && !v.IsBlank() {
			out = append(out, comment{text: v.Text, qid: q.ID, ref: r.Reference})
		}
	}
	var extra []string
	for qid, v := range r.Answers {
		if byID[qid] == nil && v.Type.IsText() && !v.IsBlank() {
			extra = append(extra, qid)
		}
	}
	sort.Strings(extra)
	for _, qid := range extra {
		out = append(out, comment{text: r.Answers[qid].Text, qid: qid, ref: r.Reference})
	}
	return out
}

func sentimentIndex(s Sentiment) int {
	switch s {
	case Positive:
		return 0
	case Negative:
		return 1
	case Mixed:
		return 3
	}
	return 2
}

// sentimentCounts withholds small counts and, when exactly one would be
// withheld while the area total is shown, the next smallest too: four
// counts that add up to a known total would otherwise give the hidden
// one away.
func (o *SummaryOptions) sentimentCounts(n [4]int, areaSuppressed bool) SentimentCounts {
	var out [4]*int
	hidden := o.suppressGroup(n[:], !areaSuppressed, out[:])
	return SentimentCounts{Positive: out[0], Negative: out[1], Neutral: out[2], Mixed: out[3], Suppressed: hidden > 0}
}

// suppressGroup fills out with the counts of a group that partitions a
// total, withholding small ones, and a second one when only one would be
// withheld and the total is known. It returns how many were withheld.
func (o *SummaryOptions) suppressGroup(n []int, totalShown bool, out []*int) int {
	hidden := 0
	for i, v := range n {
		if p, s := o.count(v); s {
			hidden++
		} else {
			out[i] = p
		}
	}
	if hidden == 1 && totalShown {
		smallest := -1
		for i, v := range n {
			if out[i] != nil && (smallest < 0 || v < n[smallest]) {
				smallest = i
			}
		}
		if smallest >= 0 {
			out[smallest] = nil
			hidden++
		}
	}
	return hidden
}

// themes ranks the themes of an area's comments and picks their quotes.
// Withheld themes follow the others in taxonomy order, so that their
// order says nothing of their size.
func (o *SummaryOptions) themes(c *Classifier, comments []comment, members []int, areaSuppressed bool) []ThemeSummary {
	counts := make([]int, len(c.themeIDs))
	for _, i := range members {
		for t := range c.themeIDs {
			if comments[i].coded.hasTheme(t) {
				counts[t]++
			}
		}
	}
	order := make([]int, 0, len(counts))
	for t, n := range counts {
		if n > 0 {
			order = append(order, t)
		}
	}
	sort.SliceStable(order, func(a, b int) bool {
		na, nb := counts[order[a]], counts[order[b]]
		sa, sb := na < o.SuppressionThreshold, nb < o.SuppressionThreshold
		if sa != sb {
			return !sa
		}
		if sa {
			return order[a] < order[b]
		}
		return na > nb
	})
	out := make([]ThemeSummary, 0, len(order))
	for _, t := range order {
		e := &c.tax.Themes[t]
		ts := ThemeSummary{ID: e.ID, Label: e.Label, Quotes: []string{}}
		ts.Count, ts.Suppressed = o.count(counts[t])
		if !ts.Suppressed && !areaSuppressed {
			ts.Share = o.share(counts[t], len(members))
			var group []int
			for _, i := range members {
				if comments[i].coded.hasTheme(t) && !comments[i].coded.safeguarding {
					group = append(group, i)
				}
			}
			if len(group) >= o.SuppressionThreshold {
				ts.Quotes = pickQuotes(c, comments, group, o.QuotesPerTheme)
			}
		}
		out = append(out, ts)
	}
	return out
}

// questionTally counts the answers to one closed question as responses are
// added: one pass over each response's answers serves every question,
// rather than a lookup per question in every response.
type questionTally struct {
	q        *survey.Question
	summary  QuestionSummary // its options, counts not yet filled in
	values   []string
	counts   []int
	answered int
	total    float64 // of the numbers given, in the order given
	numbers  int
}

func newQuestionTally(q *survey.Question) *questionTally {
	t := &questionTally{q: q, summary: QuestionSummary{ID: q.ID, Text: q.Text, Type: string(q.Type)}}
	addValue := func(v, label string) {
		t.values = append(t.values, v)
		t.counts = append(t.counts, 0)
		t.summary.Options = append(t.summary.Options, OptionCount{Value: v, Label: label})
	}
	switch q.Type {
	case survey.SingleChoice, survey.MultiChoice, survey.YesNo:
		for _, v := range q.ChoiceValues() {
			addValue(v, q.OptionLabel(v))
		}
	case survey.Scale:
		if q.Scale != nil {
			t.summary.Scale = &ScaleSummary{Min: q.Scale.Min, Max: q.Scale.Max, MinLabel: q.Scale.MinLabel, MaxLabel: q.Scale.MaxLabel}
			for p := q.Scale.Min; p <= q.Scale.Max && p-q.Scale.Min < 100; p++ {
				v := strconv.Itoa(p)
				addValue(v, v)
			}
		}
	}
	return t
}

// add counts one answer. Options are found by a scan of their few values
// and scale points by arithmetic.
func (t *questionTally) add(v survey.Value) {
	if v.IsBlank() {
		return
	}
	t.answered++
	switch t.q.Type {
	case survey.MultiChoice:
		for _, ch := range v.Choices {
			if i := slices.Index(t.values, ch); i >= 0 {
				t.counts[i]++
			}
		}
	case survey.Scale, survey.Number:
		t.total += v.Number
		t.numbers++
		if sc := t.q.Scale; sc != nil && v.Number == math.Trunc(v.Number) {
			if i := int(v.Number) - sc.Min; i >= 0 && i < len(t.counts) {
				t.counts[i]++
			}
		}
	default:
		if i := slices.Index(t.values, v.Text); i >= 0 {
			t.counts[i]++
		}
	}
}

// question summarises a closed question from its tally, withholding
// small counts.
func (o *SummaryOptions) question(t *questionTally) QuestionSummary {
	qs := t.summary
	qs.Answered, qs.Suppressed = o.count(t.answered)
	if qs.Suppressed {
		qs.Options = nil
		return qs
	}
	out := make([]*int, len(t.counts))
	if t.q.Type == survey.MultiChoice {
		for i, n := range t.counts {
			out[i], _ = o.count(n)
		}
	} else {
		o.suppressGroup(t.counts, true, out)
	}
	for i := range qs.Options {
		qs.Options[i].Count = out[i]
		qs.Options[i].Suppressed = out[i] == nil
		if out[i] != nil {
			qs.Options[i].Share = o.share(t.counts[i], t.answered)
		}
	}
	if t.numbers > 0 {
		mean := math.Round(t.total/float64(t.numbers)*100) / 100
		qs.Mean = &mean
	}
	return qs
}

// Quote selection. A good set of quotes is typical of the theme, says
// different things, and is of a readable length. Typicality is how much
// a comment shares the group's common words; difference is measured by
// the overlap of words (Jaccard) with quotes already chosen.
const (
	maxQuoteCandidates = 300
	quoteIdealMin      = 60  // characters
	quoteIdealMax      = 280 // characters
	quoteMaxRunes      = 400
	quoteTooSimilar    = 0.5
)

type quoteCandidate struct {
	index int
	words map[string]bool
	score float64
}

func pickQuotes(c *Classifier, comments []comment, group []int, n int) []string {
	// Large groups are sampled evenly so that picking stays cheap.
	pool := group
	if len(pool) > maxQuoteCandidates {
		pool = make([]int, maxQuoteCandidates)
		for i := range pool {
			pool[i] = group[i*len(group)/maxQuoteCandidates]
		}
	}
	df := map[string]int{}
	cands := make([]quoteCandidate, 0, len(pool))
	var toks []token
	for _, i := range pool {
		toks = c.cache.tokenize(comments[i].text, toks[:0])
		words := map[string]bool{}
		for _, t := range toks {
			if !c.stopwords[t.norm] && !c.nullWords[t.norm] {
				words[t.stem] = true
			}
		}
		if len(words) == 0 {
			continue
		}
		for w := range words {
			df[w]++
		}
		cands = append(cands, quoteCandidate{index: i, words: words})
	}
	for k := range cands {
		total := 0.0
		for w := range cands[k].words {
			total += float64(df[w])
		}
		typical := total / float64(len(cands[k].words)) / float64(len(cands))
		cands[k].score = typical * lengthFactor(len([]rune(comments[cands[k].index].text)))
	}
	var chosen []quoteCandidate
	var quotes []string
	seen := map[string]bool{}
	for len(quotes) < n {
		best, bestScore := -1, -1.0
		for k := range cands {
			if cands[k].score < 0 {
				continue
			}
			sim := 0.0
			for _, ch := range chosen {
				sim = max(sim, jaccard(cands[k].words, ch.words))
			}
			if sim > quoteTooSimilar {
				continue
			}
			if s := cands[k].score * (1 - sim); s > bestScore {
				best, bestScore = k, s
			}
		}
		if best < 0 {
			break
		}
		cand := cands[best]
		cands[best].score = -1
		q := trimQuote(Redact(strings.TrimSpace(comments[cand.index].text)))
		key := strings.ToLower(q)
		if seen[key] {
			continue
		}
		seen[key] = true
		chosen = append(chosen, cand)
		quotes = append(quotes, q)
	}
	if quotes == nil {
		quotes = []string{}
	}
	return quotes
}

// lengthFactor prefers comments long enough to say something and short
// enough to read at a glance.
func lengthFactor(runes int) float64 {
	switch {
	case runes < quoteIdealMin:
		return 0.3 + 0.7*float64(runes)/quoteIdealMin
	case runes > quoteIdealMax:
		return max(0.3, quoteIdealMax/float64(runes))
	}
	return 1
}

func jaccard(a, b map[string]bool) float64 {
	if len(a) > len(b) {
		a, b = b, a
	}
	inter := 0
	for w := range a {
		if b[w] {
			inter++
		}
	}
	union := len(a) + len(b) - inter
	if union == 0 {
		return 0
	}
	return float64(inter) / float64(union)
}

// trimQuote shortens a long quote at a word boundary.
func trimQuote(s string) string {
	r := []rune(s)
	if len(r) <= quoteMaxRunes {
		return s
	}
	cut := string(r[:quoteMaxRunes])
	if i := strings.LastIndexByte(cut, ' '); i > quoteMaxRunes/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}

// Area returns the summary of the area with the given id, or nil.
func (s *Summary) Area(id string) *AreaSummary {
	i := slices.IndexFunc(s.Areas, func(a AreaSummary) bool { return a.ID == id })
	if i < 0 {
		return nil
	}
	return &s.Areas[i]
}

// Theme returns the summary of the theme with the given id, or nil.
func (a *AreaSummary) Theme(id string) *ThemeSummary {
	i := slices.IndexFunc(a.Themes, func(t ThemeSummary) bool { return t.ID == id })
	if i < 0 {
		return nil
	}
	return &a.Themes[i]
}
