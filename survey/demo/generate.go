package demo

import (
	"math"
	"math/rand/v2"
	"slices"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// Response is one generated submission.
type Response struct {
	SubmittedAt time.Time
	Answers     survey.Answers
}

// Generate returns n responses to def. See Stream.
func Generate(def *survey.Definition, n int, seed int64) []Response {
	out := make([]Response, 0, max(n, 0))
	_ = Stream(def, n, seed, func(r Response) error {
		out = append(out, r)
		return nil
	})
	return out
}

// Stream calls fn with n synthetic responses to def, in order of
// submission, and stops at the first error fn returns. It holds one
// response at a time, so a large n costs no more memory than a small one.
//
// The same def, n and seed always give the same responses. The answers of
// the i-th response depend only on def, seed and i, so the first 400 of a
// run of 100,000 are the 400 of a run of 400; submission times spread n
// responses over the round's window (see Window) and so depend on n.
//
// Every answer set passes def.ValidateAnswers. The demo surveys' questions
// get answers drawn from a model of the families who answer such surveys;
// any other question gets a plausible answer of its type, so Stream works
// on an edited copy of a demo survey too.
func Stream(def *survey.Definition, n int, seed int64, fn func(Response) error) error {
	rd := roundParams(def.Slug)
	tl := newTimeline(rd.opens, rd.closes)
	g := newGenerator(def, rd)
	times := rand.New(rand.NewPCG(splitmix(uint64(seed)), 0x74696d6573))
	// u runs through the order statistics of n uniform draws, so that
	// times come out sorted without holding them all.
	u := 0.0
	for i := range n {
		v := 1 - times.Float64() // in (0, 1]
		u = 1 - (1-u)*math.Pow(v, 1/float64(n-i))
		resp := Response{SubmittedAt: tl.at(u), Answers: g.answers(seed, i)}
		if err := fn(resp); err != nil {
			return err
		}
	}
	return nil
}

// splitmix scrambles x so that neighbouring seeds give unrelated streams.
func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

type generator struct {
	def *survey.Definition
	rd  *round
	qs  []*survey.Question
	src *rand.PCG
	r   *rand.Rand
	f   *family

	// What the family has written so far in this response.
	used       []*template
	introduced bool // has set the scene with an opener
	mentions   int  // of the child, in the comment being written
	numbers    slot // numbered slots, in the comment being written
}

func newGenerator(def *survey.Definition, rd *round) *generator {
	src := rand.NewPCG(0, 0)
	return &generator{def: def, rd: rd, qs: def.Questions(), src: src, r: rand.New(src)}
}

func (g *generator) answers(seed int64, i int) survey.Answers {
	g.src.Seed(splitmix(uint64(seed)), splitmix(uint64(i)^0x5851f42d4c957f2d))
	g.f = newFamily(g.r, g.rd)
	g.used, g.introduced = g.used[:0], false
	a := make(survey.Answers, len(g.qs))
	for _, q := range g.qs {
		if !g.def.Visible(q, a) {
			continue
		}
		v, ok := g.answer(q)
		if ok && survey.CheckAnswer(q, v) != "" {
			// The question was edited away from what the model knows.
			v, ok = g.anyAnswer(q), true
		}
		if !ok && q.Required {
			v, ok = g.anyAnswer(q), true
		}
		if ok && !v.IsBlank() {
			a[q.ID] = v
		}
	}
	return a
}

var none = survey.Value{}

// answer answers a question of the demo surveys from the family, or any
// other question by its type. It returns false to leave it unanswered.
func (g *generator) answer(q *survey.Question) (survey.Value, bool) {
	f, r := g.f, g.r
	if want, known := knownTypes[q.ID]; known && want != q.Type {
		return g.anyAnswerMaybe(q)
	}
	skip := func(p float64) bool { return chance(r, p) }
	switch q.ID {
	case "child_age":
		return g.choice(q, f.ageBand)
	case "child_needs":
		if skip(0.03) {
			return none, false
		}
		return survey.ChoicesValue(f.needs...), true
	case "has_ehcp":
		return g.yesNo(f.ehcp), true
	case "setting":
		if skip(0.04) {
			return none, false
		}
		return g.choice(q, f.setting)
	case "locality":
		if skip(0.06) {
			return none, false
		}
		return g.choice(q, f.locality)
	case "school_support":
		return g.scale(q, f.score[topicSchool], 0.06)
	case "school_listens":
		if skip(0.08) {
			return none, false
		}
		s := f.score[topicSchool] + 0.3*r.NormFloat64()
		switch {
		case s > 1:
			return g.choice(q, "always")
		case s > 0.1:
			return g.choice(q, "mostly")
		case s > -0.9:
			return g.choice(q, "sometimes")
		}
		return g.choice(q, "never")
	case "ehcp_applied":
		if skip(0.05) {
			return none, false
		}
		return g.yesNo(f.applied), true
	case "ehcp_20_weeks":
		if skip(0.04) || f.ehcpOutcome == "" {
			return none, false
		}
		return g.choice(q, f.ehcpOutcome)
	case "ehcp_experience":
		return g.scale(q, f.score[topicEHCP], 0.06)
	case "health_services":
		if skip(0.06) {
			return none, false
		}
		return survey.ChoicesValue(f.services...), true
	case "camhs_wait":
		if skip(0.05) || f.camhsWait == "" {
			return none, false
		}
		return g.choice(q, f.camhsWait)
	case "health_rating":
		return g.scale(q, f.score[topicHealth], 0.07)
	case "short_breaks":
		if skip(0.05) {
			return none, false
		}
		return g.yesNo(f.shortBreaks), true
	case "short_breaks_rating":
		return g.scale(q, f.score[topicShortBreaks], 0.05)
	case "short_breaks_why_not":
		if skip(0.08) || f.sbWhyNot == "" {
			return none, false
		}
		return g.choice(q, f.sbWhyNot)
	case "carer_support":
		return g.scale(q, f.score[topicCarer], 0.07)
	case "autism_assessment":
		if skip(cond(f.autism == "not_relevant", 0.2, 0.05)) {
			return none, false
		}
		return g.choice(q, f.autism)
	case "autism_wait_months":
		if skip(0.1) || f.autismWait == 0 {
			return none, false
		}
		return survey.NumberValue(survey.Number, float64(f.autismWait)), true
	case "autism_help_while_waiting":
		if skip(0.06) {
			return none, false
		}
		return g.yesNo(f.helped), true
	case "autism_post_diagnosis":
		return g.scale(q, f.score[topicAutismSupport], 0.08)
	case "pfa_talked":
		if skip(0.05) {
			return none, false
		}
		return g.yesNo(f.pfaTalked), true
	case "post16_confidence":
		return g.scale(q, f.score[topicPost16], 0.06)
	case "adult_health_move":
		if skip(0.06) || f.adultMove == "" {
			return none, false
		}
		return g.choice(q, f.adultMove)
	case "services_talk":
		return g.scale(q, f.score[topicJoined], 0.08)
	case "local_offer":
		if skip(0.06) {
			return none, false
		}
		return g.yesNo(f.localOffer), true
	case "contact_ok":
		if skip(0.08) {
			return none, false
		}
		return g.yesNo(f.contact), true
	case "contact_details":
		t := &contactPool[r.IntN(len(contactPool))]
		return survey.TextValue(q.Type, g.fill(t, true)), true
	}
	if q.Type == survey.LongText {
		return g.commentAnswer(q)
	}
	return g.anyAnswerMaybe(q)
}

// knownTypes are the types the model answers the demo questions with.
var knownTypes = map[string]survey.QuestionType{
	"child_age": survey.SingleChoice, "child_needs": survey.MultiChoice, "has_ehcp": survey.YesNo,
	"setting": survey.SingleChoice, "locality": survey.SingleChoice, "school_support": survey.Scale,
	"school_listens": survey.SingleChoice, "ehcp_applied": survey.YesNo, "ehcp_20_weeks": survey.SingleChoice,
	"ehcp_experience": survey.Scale, "health_services": survey.MultiChoice, "camhs_wait": survey.SingleChoice,
	"health_rating": survey.Scale, "short_breaks": survey.YesNo, "short_breaks_rating": survey.Scale,
	"short_breaks_why_not": survey.SingleChoice, "carer_support": survey.Scale,
	"autism_assessment": survey.SingleChoice, "autism_wait_months": survey.Number,
	"autism_help_while_waiting": survey.YesNo, "autism_post_diagnosis": survey.Scale,
	"pfa_talked": survey.YesNo, "post16_confidence": survey.Scale, "adult_health_move": survey.SingleChoice,
	"services_talk": survey.Scale, "local_offer": survey.YesNo, "contact_ok": survey.YesNo,
	"contact_details": survey.ShortText,
}

func (g *generator) choice(q *survey.Question, value string) (survey.Value, bool) {
	if !slices.Contains(q.ChoiceValues(), value) {
		return g.anyAnswerMaybe(q)
	}
	return survey.TextValue(q.Type, value), true
}

func (g *generator) yesNo(b bool) survey.Value {
	return survey.TextValue(survey.YesNo, cond(b, "yes", "no"))
}

// scale turns a feeling into a point on q's scale, skipping the question
// with probability skip. A score of 0 lands in the middle.
func (g *generator) scale(q *survey.Question, score, skip float64) (survey.Value, bool) {
	if chance(g.r, skip) {
		return none, false
	}
	lo, hi := 1, 5
	if q.Scale != nil {
		lo, hi = q.Scale.Min, q.Scale.Max
	}
	frac := (1.1*score + 0.35*g.r.NormFloat64() + 2) / 4 // 0 to 1 on a 1 to 5 scale
	frac = max(0, min(1, frac))
	v := math.Round(float64(lo) + frac*float64(hi-lo))
	return survey.NumberValue(survey.Scale, v), true
}

// anyAnswerMaybe answers a question the model does not know, most of the
// time for closed questions and now and then for text.
func (g *generator) anyAnswerMaybe(q *survey.Question) (survey.Value, bool) {
	p := 0.88
	if q.Type.IsText() {
		p = 0.3
	}
	if !chance(g.r, p) {
		return none, false
	}
	return g.anyAnswer(q), true
}

// anyAnswer returns a valid, non-blank answer to q of its type.
func (g *generator) anyAnswer(q *survey.Question) survey.Value {
	r := g.r
	switch q.Type {
	case survey.SingleChoice, survey.YesNo:
		vals := q.ChoiceValues()
		return survey.TextValue(q.Type, vals[r.IntN(len(vals))])
	case survey.MultiChoice:
		vals := slices.Clone(q.ChoiceValues())
		r.Shuffle(len(vals), func(i, j int) { vals[i], vals[j] = vals[j], vals[i] })
		return survey.ChoicesValue(vals[:1+r.IntN(min(2, len(vals)))]...)
	case survey.Scale:
		lo, hi := 1, 5
		if q.Scale != nil {
			lo, hi = q.Scale.Min, q.Scale.Max
		}
		return survey.NumberValue(q.Type, float64(lo+r.IntN(hi-lo+1)))
	case survey.Number:
		lo, hi := 0.0, 10.0
		if q.Min != nil {
			lo = *q.Min
		}
		if q.Max != nil {
			hi = *q.Max
		} else if q.Min != nil {
			hi = lo + 10
		}
		v := math.Round(lo + r.Float64()*(hi-lo))
		return survey.NumberValue(q.Type, max(lo, min(hi, v)))
	case survey.ShortText:
		return survey.TextValue(q.Type, truncateRunes(oneOf(r, "Not sure", "No", "Yes, sometimes", "Prefer not to say"), q.TextLimit()))
	default:
		return survey.TextValue(q.Type, g.comment(q, true))
	}
}
