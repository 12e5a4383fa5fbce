package demo

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/survey"
)

// box is a comment question of the demo survey: how often families write
// in it and what they write about.
type box struct {
	rate   float64
	topics []topic
	// others marks the last box, where families come back to anything.
	others bool
}

var boxes = map[string]box{
	"education_comments":   {rate: 0.42, topics: []topic{topicSchool, topicEHCP}},
	"health_comments":      {rate: 0.4, topics: []topic{topicHealth}},
	"social_care_comments": {rate: 0.33, topics: []topic{topicShortBreaks, topicCarer}},
	"autism_comments":      {rate: 0.45, topics: []topic{topicAutismAssess, topicAutismSupport}},
	"post16_comments":      {rate: 0.42, topics: []topic{topicPost16}},
	"joined_up_comments":   {rate: 0.3, topics: []topic{topicJoined}},
	"anything_else":        {rate: 0.32, topics: []topic{topicGeneral}, others: true},
}

// boxFor returns the box for q, or one made up from q's area for a comment
// question the demo does not have.
func boxFor(q *survey.Question) box {
	if b, ok := boxes[q.ID]; ok {
		return b
	}
	switch q.Area {
	case survey.Education:
		return box{rate: 0.3, topics: []topic{topicSchool, topicEHCP}}
	case survey.Health:
		return box{rate: 0.3, topics: []topic{topicHealth}}
	case survey.SocialCare:
		return box{rate: 0.3, topics: []topic{topicShortBreaks, topicCarer}}
	case survey.Autism:
		return box{rate: 0.3, topics: []topic{topicAutismAssess, topicAutismSupport}}
	case survey.Post16:
		return box{rate: 0.3, topics: []topic{topicPost16}}
	}
	return box{rate: 0.3, topics: []topic{topicGeneral, topicJoined}}
}

// topicWeight is how likely the family is to write about t: not at all
// about things that are not part of their life.
func (f *family) topicWeight(t topic) float64 {
	switch t {
	case topicSchool:
		return cond(f.tags&(tagInSetting|tagHomeEd|tagNoSchool) != 0, 3.0, 0)
	case topicEHCP:
		return cond(f.ehcp || f.applied, 2, 0.2)
	case topicShortBreaks:
		return cond(f.shortBreaks, 2, 0.8)
	case topicCarer:
		return 1.2
	case topicAutismAssess:
		switch f.autism {
		case "diagnosed", "not_diagnosed", "waiting":
			return 2
		}
		return 0
	case topicAutismSupport:
		return cond(f.has("autism") || f.autism == "diagnosed", 1.0, 0)
	case topicPost16:
		return cond(f.tags&tagOlder != 0, 1.0, 0)
	}
	return 1
}

func (g *generator) topicWeights(b box) (w [nTopics]float64, total float64) {
	for _, t := range b.topics {
		w[t] = g.f.topicWeight(t) * cond(b.others, 2.0, 1)
	}
	if b.others {
		for t := range nTopics {
			if w[t] == 0 {
				w[t] = 0.25 * g.f.topicWeight(t)
			}
		}
	}
	for _, x := range w {
		total += x
	}
	return w, total
}

func (g *generator) pickTopic(w [nTopics]float64) topic {
	total := 0.0
	for _, x := range w {
		total += x
	}
	x := g.r.Float64() * total
	for t, wt := range w {
		if x < wt {
			return topic(t)
		}
		x -= wt
	}
	return topicGeneral
}

// toneFor draws the tone of a sentence about t from how the family feels
// about it.
func (g *generator) toneFor(t topic) tone {
	x := g.f.score[t] + 0.5*g.r.NormFloat64()
	switch {
	case x > 0.55:
		return tonePos
	case x < -0.55:
		return toneNeg
	case chance(g.r, 0.55):
		return toneMixed
	}
	return toneNeutral
}

// pickFrom returns a random template from p that fits the family and is
// not in used, or nil.
func (g *generator) pickFrom(p []template, used []*template) *template {
	n := 0
	for i := range p {
		if g.usable(&p[i], used) {
			n++
		}
	}
	if n == 0 {
		return nil
	}
	k := g.r.IntN(n)
	for i := range p {
		if g.usable(&p[i], used) {
			if k == 0 {
				return &p[i]
			}
			k--
		}
	}
	return nil
}

func (g *generator) usable(t *template, used []*template) bool {
	if !t.fits(g.f.tags) || t.numbers&g.numbers != 0 {
		return false
	}
	for _, u := range used {
		if u == t {
			return false
		}
	}
	for _, u := range g.used {
		if u == t {
			return false
		}
	}
	return true
}

// commentAnswer fills in a comment box, or leaves it blank as most
// families do.
func (g *generator) commentAnswer(q *survey.Question) (survey.Value, bool) {
	text := g.comment(q, false)
	if text == "" {
		return none, false
	}
	return survey.TextValue(q.Type, text), true
}

// comment writes what the family puts in q's box, or "" for nothing.
// With force it always writes something.
func (g *generator) comment(q *survey.Question, force bool) string {
	f, r := g.f, g.r
	b := boxFor(q)
	w, total := g.topicWeights(b)
	distress := f.distress && f.distressBox == q.ID
	force = force || distress
	if total == 0 {
		if force {
			w[topicGeneral], total = 1, 1
		} else if chance(r, 0.05*f.engagement) {
			return g.fill(&notApplicablePool[r.IntN(len(notApplicablePool))], false)
		} else {
			return ""
		}
	}
	if !force && !chance(r, min(0.9, b.rate*f.engagement)) {
		return ""
	}
	g.mentions, g.numbers = 0, 0
	limit := q.TextLimit()
	primary := g.pickTopic(w)
	mood := g.toneFor(primary)

	if !distress && chance(r, 0.2) {
		if t := g.pickFrom(pools[primary].short[mood], nil); t != nil {
			g.use(t)
			return truncateRunes(g.voiced(g.fill(t, false), true), limit)
		}
	}

	var sents []string
	var used []*template
	k := pick(r, []int{1, 2, 3, 4, 5, 6}, []float64{0.3, 0.3, 0.2, 0.1, 0.06, 0.04})
	if !g.introduced && chance(r, 0.08+0.07*float64(k)) {
		if t := g.pickFrom(openerPool, nil); t != nil {
			g.introduced = true
			sents = append(sents, g.fill(t, false))
		}
	}
	last, haveLast := toneNeutral, false
	for i := range k {
		t := primary
		if i > 0 && chance(r, 0.3) {
			t = g.pickTopic(w)
		}
		tn := mood
		if t != primary || (i > 0 && chance(r, 0.25)) {
			tn = g.toneFor(t)
		}
		if tn == toneMixed && chance(r, 0.5) {
			tn = cond(chance(r, 0.5), tonePos, toneNeg)
		}
		tmpl := g.pickFrom(pools[t].byTone[tn], used)
		if tmpl == nil {
			tn = toneNeutral
			tmpl = g.pickFrom(pools[t].byTone[tn], used)
		}
		if tmpl == nil {
			continue
		}
		used = append(used, tmpl)
		g.use(tmpl)
		turn := ""
		if haveLast && chance(r, 0.55) {
			switch {
			case last == tonePos && tn == toneNeg:
				turn = oneOf(r, turnsNeg...)
			case last == toneNeg && tn == tonePos:
				turn = oneOf(r, turnsPos...)
			}
		}
		sents = append(sents, g.turn(turn, g.fill(tmpl, false)))
		last, haveLast = tn, true
	}
	if chance(r, 0.15) {
		if t := g.pickFrom(closerPools[mood], nil); t != nil {
			sents = append(sents, g.fill(t, false))
		}
	}
	if chance(r, 0.012) {
		s := g.fill(&sharingPool[r.IntN(len(sharingPool))], true)
		sents = insertAt(sents, r.IntN(len(sents)+1), s)
	}
	keep := -1
	if distress {
		if t := g.pickFrom(safeguardingPool, nil); t != nil {
			g.use(t)
			keep = pick(r, []int{len(sents), 0, r.IntN(len(sents) + 1)}, []float64{0.6, 0.2, 0.2})
			sents = insertAt(sents, keep, g.fill(t, false))
		}
	}
	if len(sents) == 0 {
		sents = append(sents, g.fill(&notApplicablePool[0], false))
	}
	return g.finish(sents, keep, limit)
}

// use records that t has been written, so the family does not say the
// same thing twice in one response, nor give two numbers for one wait.
func (g *generator) use(t *template) {
	g.used = append(g.used, t)
	g.numbers |= t.numbers
}

func insertAt(s []string, i int, v string) []string {
	s = append(s, "")
	copy(s[i+1:], s[i:])
	s[i] = v
	return s
}

// finish puts the family's voice on each sentence and joins them, within
// limit runes, dropping sentences from the end (never the one at keep).
func (g *generator) finish(sents []string, keep, limit int) string {
	for i := range sents {
		sents[i] = g.voiced(sents[i], i == len(sents)-1)
	}
	sep := " "
	breakAt := -1
	if g.f.voice == voiceProper && len(sents) >= 5 && chance(g.r, 0.4) {
		breakAt = len(sents) / 2
	}
	for {
		var b strings.Builder
		for i, s := range sents {
			if i > 0 {
				b.WriteString(cond(i == breakAt, "\n\n", sep))
			}
			b.WriteString(s)
		}
		out := b.String()
		if utf8.RuneCountInString(out) <= limit || len(sents) == 1 {
			return truncateRunes(out, limit)
		}
		drop := len(sents) - 1
		if drop == keep {
			drop--
		}
		sents = append(sents[:drop], sents[drop+1:]...)
		if keep > drop {
			keep--
		}
	}
}

func truncateRunes(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	i := 0
	for j := range s {
		if i == n {
			return strings.TrimSpace(s[:j])
		}
		i++
	}
	return s
}

// properStarts are first words that keep their capital after a joining
// word. A sentence starting with any other word not in lowerStarts is
// left to stand alone.
var properStarts = map[string]bool{
	"I": true, "I'm": true, "I've": true, "I'd": true, "I'll": true, "Early": true, "Saturday": true,
	"Christmas": true, "Easter": true, "Year": true, "Mrs": true, "Mr": true, "Dr": true, "Miss": true,
	"Ms": true, "Local": true,
}

// turn puts a joining word such as "But" before s, if s reads right
// after one; otherwise it returns s as it is.
func (g *generator) turn(word, s string) string {
	if word == "" {
		return s
	}
	end := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && r != '\'' })
	if end < 0 {
		end = len(s)
	}
	first := s[:end]
	switch {
	case lowerStarts[strings.ToLower(first)]:
		return word + " " + lowerFirst(s)
	case properStarts[first] || first == g.f.childName || isAcronym(first):
		return word + " " + s
	}
	return s
}

func isAcronym(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsUpper(r) {
			n++
		}
	}
	return n >= 2
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsUpper(r) {
		return string(unicode.ToLower(r)) + s[n:]
	}
	return s
}

func upperFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if unicode.IsLower(r) {
		return string(unicode.ToUpper(r)) + s[n:]
	}
	return s
}

// fill writes t out for the family, starting with a capital letter
// unless asIs is set.
func (g *generator) fill(t *template, asIs bool) string {
	var b strings.Builder
	for _, s := range t.segs {
		if s.slot == slotNone {
			b.WriteString(s.lit)
			continue
		}
		v := g.slotValue(s.slot)
		if s.capital {
			v = upperFirst(v)
		}
		b.WriteString(v)
	}
	if asIs {
		return b.String()
	}
	return upperFirst(b.String())
}

func (g *generator) slotValue(s slot) string {
	f, r := g.f, g.r
	switch s {
	case slotChild:
		g.mentions++
		switch {
		case f.childName == "":
			return f.childNoun
		case g.mentions == 1:
			return f.childNoun + " " + f.childName
		}
		return f.childName
	case slotHe:
		return cond(f.girl, "she", "he")
	case slotHim:
		return cond(f.girl, "her", "him")
	case slotHis:
		return cond(f.girl, "her", "his")
	case slotHimself:
		return cond(f.girl, "herself", "himself")
	case slotBoy:
		return cond(f.girl, "girl", "boy")
	case slotAge:
		return strconv.Itoa(f.age)
	case slotSchool:
		switch f.setting {
		case "early_years":
			return "nursery"
		case "college":
			return "college"
		}
		return "school"
	case slotSenco:
		return f.senco
	case slotTeacher:
		if f.teacher != "" {
			return f.teacher
		}
		return cond(f.girl, "her", "his") + " teacher"
	case slotSW:
		return f.sw
	case slotPaed:
		return f.paed
	case slotNeed:
		return f.need
	case slotNeed2:
		return f.need2
	case slotSetting:
		switch f.setting {
		case "mainstream":
			return cond(f.age <= 10, "a mainstream primary", cond(f.age <= 15, "a mainstream secondary", "a sixth form"))
		case "resource_base":
			return "a unit in a mainstream school"
		case "special":
			return "a special school"
		case "early_years":
			return "nursery"
		case "college":
			return "college"
		}
		return "school"
	case slotLocality:
		return f.locality
	case slotAutismWait:
		return monthsPhrase(r, f.autismWait)
	case slotCAMHSWait:
		return camhsWaitPhrase(r, f.camhsWait)
	case slotEHCPWait:
		return weeksPhrase(r, f.ehcpWeeks)
	case slotPhone:
		return f.phone
	case slotEmail:
		return f.email
	}
	return ""
}

var numberWords = []string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"}

func monthsPhrase(r *rand.Rand, m int) string {
	years, rest := m/12, m%12
	if years >= 2 && years < len(numberWords)-1 && r.IntN(2) == 0 {
		switch {
		case rest <= 2:
			return "over " + numberWords[years] + " years"
		case rest >= 9:
			return "nearly " + numberWords[years+1] + " years"
		}
	}
	if m == 1 {
		return "a month"
	}
	return strconv.Itoa(m) + " months"
}

func camhsWaitPhrase(r *rand.Rand, band string) string {
	opts := map[string][]string{
		"under_3_months": {"a couple of months", "about two months", "ten weeks"},
		"3_to_6_months":  {"five months", "about four months", "nearly six months"},
		"6_to_12_months": {"nine months", "almost a year", "eight months"},
		"1_to_2_years":   {"18 months", "over a year", "nearly two years"},
		"over_2_years":   {"over two years", "nearly three years", "two and a half years"},
		"still_waiting":  {"over a year so far", "months"},
	}[band]
	if len(opts) == 0 {
		return "months"
	}
	return opts[r.IntN(len(opts))]
}

func weeksPhrase(r *rand.Rand, w int) string {
	switch {
	case w >= 52 && r.IntN(2) == 0:
		return "over a year"
	case w >= 44 && r.IntN(2) == 0:
		return "nearly a year"
	case w == 0:
		return "months"
	}
	return strconv.Itoa(w) + " weeks"
}
