package demo

import (
	"math"
	"math/rand/v2"
	"strconv"
)

// family is one respondent and the child they answer about: everything
// their answers and comments draw on, decided before any question is
// answered so that comments agree with the answers around them.
type family struct {
	ageBand  string
	age      int
	girl     bool
	role     tag // tagMum, tagDad, tagGran or tagFoster
	needs    []string
	need     string // how the parent names the main need
	need2    string
	ehcp     bool
	setting  string
	locality string

	applied     bool
	ehcpOutcome string // an ehcp_20_weeks option, or ""
	ehcpWeeks   int

	services  []string
	camhsWait string

	autism     string // an autism_assessment option
	autismWait int
	recent     bool // diagnosed this year
	helped     bool

	shortBreaks bool
	sbWhyNot    string
	pfaTalked   bool
	adultMove   string
	localOffer  bool
	contact     bool

	distress    bool
	distressBox string

	childNoun  string // "my son"
	childName  string // "" for most families
	senco      string
	teacher    string // a name, or "" for "his teacher"
	sw         string
	paed       string
	phone      string
	email      string
	voice      voice
	engagement float64 // how much the family writes, about 1

	score [nTopics]float64
	tags  tag
}

// pick returns one of vals with the given weights.
func pick[T any](r *rand.Rand, vals []T, weights []float64) T {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	x := r.Float64() * total
	for i, w := range weights {
		if x < w {
			return vals[i]
		}
		x -= w
	}
	return vals[len(vals)-1]
}

func oneOf[T any](r *rand.Rand, vals ...T) T { return vals[r.IntN(len(vals))] }

func chance(r *rand.Rand, p float64) bool { return r.Float64() < p }

var needPhrases = map[string][]string{
	"autism":              {"autism"},
	"adhd":                {"ADHD", "ADHD"},
	"slcn":                {"speech and language needs", "a speech delay", "a language disorder"},
	"learning_disability": {"a learning disability", "global developmental delay", "Down's syndrome"},
	"semh":                {"anxiety", "really bad anxiety", "attachment difficulties"},
	"physical":            {"cerebral palsy", "a physical disability", "muscular dystrophy"},
	"sensory":             {"hearing loss", "a visual impairment", "a hearing impairment"},
	"medical":             {"epilepsy", "type 1 diabetes", "a heart condition", "a rare genetic condition"},
	"other":               {"dyspraxia", "Tourette's", "FASD", "a chromosome disorder"},
}

var (
	boysNames  = []string{"Jack", "Oliver", "Harry", "Leo", "Alfie", "Noah", "Charlie", "Mohammed", "Jacob", "Freddie", "Ethan", "Kai", "Riley", "Mason", "Callum", "Jayden", "Reuben", "Theo", "Archie", "Logan"}
	girlsNames = []string{"Amelia", "Lily", "Isla", "Ava", "Sophie", "Ellie", "Grace", "Freya", "Evie", "Maisie", "Aisha", "Olivia", "Ruby", "Poppy", "Chloe", "Hannah", "Zara", "Millie"}
	staffNames = []string{"Mrs Patel", "Mr Hughes", "Miss Carter", "Mrs Robson", "Mr Okonjo", "Mrs Kaur", "Ms Walsh", "Mrs Bell", "Miss Ali", "Mr Dawson", "Mrs Lambert", "Miss Nowak"}
	firstNames = []string{"Claire", "Dave", "Becky", "Shazia", "Tom", "Gemma", "Lee", "Joanne", "Priya", "Mark"}
	doctors    = []string{"Dr Okafor", "Dr Singh", "Dr Lawson", "Dr Reid", "Dr Murphy", "Dr Chen"}
	emailUsers = []string{"sarahj82", "mum2boys", "k.robson", "dave.h", "jennyp", "lisa.m.taylor", "claire1985", "thewalshfamily", "busymum", "paulandjo", "nat.s", "rach_b", "gem.lambert", "amina.k", "stevie77"}
	emailHosts = []string{"example.com", "example.org", "example.net"}
)

// newFamily draws a family. The shares follow what a county forum's
// local-area survey usually sees: mostly mums, mostly primary and
// secondary age, autism the most common need.
func newFamily(r *rand.Rand, rd *round) *family {
	f := &family{}
	f.ageBand = pick(r, []string{"0-4", "5-10", "11-15", "16-25"}, []float64{0.08, 0.38, 0.36, 0.18})
	switch f.ageBand {
	case "0-4":
		f.age = pick(r, []int{2, 3, 4}, []float64{0.2, 0.35, 0.45})
	case "5-10":
		f.age = 5 + r.IntN(6)
	case "11-15":
		f.age = 11 + r.IntN(5)
	default:
		f.age = pick(r, []int{16, 17, 18, 19, 20, 21, 22, 24}, []float64{0.24, 0.22, 0.18, 0.14, 0.09, 0.06, 0.04, 0.03})
	}
	f.girl = chance(r, 0.32)
	f.role = pick(r, []tag{tagMum, tagDad, tagGran, tagFoster}, []float64{0.8, 0.11, 0.04, 0.05})

	young, older := f.ageBand == "0-4", f.ageBand == "11-15" || f.ageBand == "16-25"
	autism := chance(r, cond(young, 0.45, 0.62))
	probs := []struct {
		value string
		p     float64
	}{
		{"autism", 0},
		{"adhd", cond(young, 0.05, cond(autism, 0.4, 0.28))},
		{"slcn", cond(young, 0.6, 0.33)},
		{"learning_disability", 0.22},
		{"semh", cond(young, 0.05, cond(older, 0.42, 0.28))},
		{"physical", 0.09},
		{"sensory", 0.08},
		{"medical", 0.12},
		{"other", 0.07},
	}
	for _, n := range probs {
		if n.value == "autism" && autism || n.value != "autism" && chance(r, n.p) {
			f.needs = append(f.needs, n.value)
		}
	}
	if len(f.needs) == 0 {
		f.needs = []string{oneOf(r, "slcn", "semh", "other")}
	}
	main := f.needs[r.IntN(len(f.needs))]
	if autism && chance(r, 0.6) {
		main = "autism"
	}
	f.need = oneOf(r, needPhrases[main]...)
	for _, n := range f.needs {
		if n != main {
			f.need2 = oneOf(r, needPhrases[n]...)
			break
		}
	}

	switch f.ageBand {
	case "0-4":
		if f.age == 4 && chance(r, 0.35) {
			f.setting = "mainstream"
		} else {
			f.setting = pick(r, []string{"early_years", "not_in_education", "other"}, []float64{0.82, 0.12, 0.06})
		}
	case "5-10":
		f.setting = pick(r, []string{"mainstream", "resource_base", "special", "home_educated", "not_in_education", "other"}, []float64{0.56, 0.08, 0.22, 0.05, 0.06, 0.03})
	case "11-15":
		f.setting = pick(r, []string{"mainstream", "resource_base", "special", "home_educated", "not_in_education", "other"}, []float64{0.48, 0.07, 0.24, 0.07, 0.11, 0.03})
	default:
		f.setting = pick(r, []string{"college", "special", "mainstream", "not_in_education", "other"}, []float64{0.58, 0.18, 0.05, 0.15, 0.04})
		if f.age >= 20 && f.setting == "mainstream" {
			f.setting = "college"
		}
	}
	ldOrPhysical := f.has("learning_disability") || f.has("physical")
	pEHCP := map[string]float64{
		"special": 0.97, "resource_base": 0.85, "college": 0.5, "mainstream": 0.3,
		"home_educated": 0.3, "not_in_education": 0.45, "early_years": 0.16, "other": 0.5,
	}[f.setting]
	if ldOrPhysical && pEHCP < 0.9 {
		pEHCP += 0.15
	}
	f.ehcp = chance(r, pEHCP)
	f.locality = pick(r, []string{"north", "south", "east", "west", "central"}, []float64{0.22, 0.24, 0.18, 0.16, 0.2})

	if f.ehcp {
		f.applied = chance(r, cond(young, 0.85, cond(f.ageBand == "16-25", 0.15, 0.4)))
		if f.applied {
			switch {
			case chance(r, 0.08):
				f.ehcpOutcome = "not_sure"
			case chance(r, rd.ehcpOnTime):
				f.ehcpOutcome = "yes"
			default:
				f.ehcpOutcome = "no"
			}
		}
	} else {
		f.applied = chance(r, cond(f.setting == "not_in_education", 0.5, cond(f.ageBand == "16-25", 0.12, 0.36)))
		if f.applied {
			f.ehcpOutcome = pick(r, []string{"still_waiting", "refused", "not_sure"}, []float64{0.55, 0.35, 0.1})
		}
	}
	switch f.ehcpOutcome {
	case "yes":
		f.ehcpWeeks = 14 + r.IntN(7)
	case "no":
		f.ehcpWeeks = min(70, 21+int(math.Exp(2.4+0.6*r.NormFloat64())))
	case "still_waiting":
		f.ehcpWeeks = 10 + r.IntN(40)
	}

	f.drawHealth(r)
	f.drawAutism(r, rd)

	f.shortBreaks = chance(r, 0.3+cond(f.ehcp, 0.12, 0)+cond(ldOrPhysical, 0.12, 0)-cond(young, 0.15, 0))
	if !f.shortBreaks {
		f.sbWhyNot = pick(r, []string{"didnt_know", "not_eligible", "not_needed", "nothing_suitable", "waiting", "other"}, []float64{0.3, 0.25, 0.15, 0.15, 0.1, 0.05})
	}
	switch f.ageBand {
	case "11-15":
		f.pfaTalked = chance(r, cond(f.age >= 14, 0.45, 0.2))
	case "16-25":
		f.pfaTalked = chance(r, 0.6)
		if f.age < 18 {
			f.adultMove = pick(r, []string{"not_yet", "dont_know", "went_well", "was_hard"}, []float64{0.6, 0.15, 0.08, 0.17})
		} else {
			f.adultMove = pick(r, []string{"went_well", "was_hard", "not_yet", "dont_know"}, []float64{0.2, 0.4, 0.25, 0.15})
		}
	}
	f.localOffer = chance(r, 0.45)
	f.contact = chance(r, 0.14)
	f.distress = chance(r, 0.011)
	if f.distress {
		f.distressBox = pick(r, []string{"anything_else", "health_comments", "social_care_comments"}, []float64{0.5, 0.25, 0.25})
	}

	f.drawPeople(r)
	f.drawScores(r, rd)
	f.tags = f.computeTags(rd)
	return f
}

func cond[T any](c bool, a, b T) T {
	if c {
		return a
	}
	return b
}

func (f *family) has(need string) bool {
	for _, n := range f.needs {
		if n == need {
			return true
		}
	}
	return false
}

func (f *family) usesService(s string) bool {
	for _, v := range f.services {
		if v == s {
			return true
		}
	}
	return false
}

func (f *family) drawHealth(r *rand.Rand) {
	young, older := f.ageBand == "0-4", f.ageBand == "11-15" || f.ageBand == "16-25"
	p := map[string]float64{
		"camhs":                0.22 + cond(f.has("semh"), 0.3, 0) + cond(older, 0.1, 0) - cond(young, 0.2, 0),
		"speech_therapy":       0.3 + cond(f.has("slcn"), 0.35, 0) + cond(young, 0.2, 0) - cond(f.ageBand == "16-25", 0.15, 0),
		"occupational_therapy": 0.22 + cond(f.has("physical"), 0.3, 0) + cond(f.has("autism"), 0.08, 0),
		"physiotherapy":        0.05 + cond(f.has("physical"), 0.6, 0),
		"paediatrician":        0.4 + cond(f.has("adhd"), 0.2, 0) + cond(f.has("medical"), 0.2, 0) + cond(!older, 0.1, 0),
		"gp":                   0.55,
	}
	for _, s := range []string{"camhs", "speech_therapy", "occupational_therapy", "physiotherapy", "paediatrician", "gp"} {
		if chance(r, p[s]) {
			f.services = append(f.services, s)
		}
	}
	if len(f.services) == 0 {
		f.services = []string{"none"}
	}
	if f.usesService("camhs") {
		f.camhsWait = pick(r, []string{"under_3_months", "3_to_6_months", "6_to_12_months", "1_to_2_years", "over_2_years", "still_waiting"}, []float64{0.1, 0.17, 0.24, 0.22, 0.11, 0.16})
	}
}

func (f *family) drawAutism(r *rand.Rand, rd *round) {
	young := f.ageBand == "0-4"
	if f.has("autism") {
		w := []float64{0.7 - rd.autismWaiting, 0, 0.25 + rd.autismWaiting, 0.05, 0}
		if f.ageBand == "16-25" {
			w = []float64{0.88, 0, 0.08, 0.04, 0}
		}
		f.autism = pick(r, []string{"diagnosed", "not_diagnosed", "waiting", "not_referred", "not_relevant"}, w)
	} else {
		waiting := 0.12 + rd.autismWaiting
		if f.has("adhd") || f.has("semh") || f.has("slcn") {
			waiting += 0.12
		}
		f.autism = pick(r, []string{"not_diagnosed", "waiting", "not_referred", "not_relevant"}, []float64{0.06, waiting, 0.12, 0.7 - waiting})
	}
	median := rd.autismWaitMedian * cond(young, 0.55, 1)
	switch f.autism {
	case "diagnosed", "not_diagnosed":
		f.autismWait = int(math.Round(median * math.Exp(0.5*r.NormFloat64())))
		f.recent = chance(r, 0.35)
	case "waiting":
		f.autismWait = int(math.Round(median * (0.25 + 1.25*r.Float64())))
		f.helped = chance(r, 0.3)
	}
	// No wait is longer than the child has been old enough to be
	// referred, nor, in this model, longer than seven years.
	f.autismWait = max(1, min(84, (f.age-1)*12, f.autismWait))
}

func (f *family) drawPeople(r *rand.Rand) {
	boy := []string{"my son", "my son", "my son", "our son", "my boy", "my lad", "my child"}
	girl := []string{"my daughter", "my daughter", "my daughter", "our daughter", "my girl", "my child"}
	switch f.role {
	case tagGran:
		boy, girl = []string{"my grandson"}, []string{"my granddaughter"}
	case tagFoster:
		boy, girl = []string{"my foster son", "the boy I foster"}, []string{"my foster daughter", "the girl I foster"}
	}
	if f.girl {
		f.childNoun = oneOf(r, girl...)
	} else {
		f.childNoun = oneOf(r, boy...)
	}
	if f.age < 8 && chance(r, 0.2) && f.role == tagMum {
		f.childNoun = cond(f.girl, "my little girl", "my little boy")
	}
	if chance(r, 0.07) {
		f.childName = oneOf(r, cond(f.girl, girlsNames, boysNames)...)
	}
	f.senco = "the SENCO"
	f.sw, f.paed = "our social worker", "the paediatrician"
	if f.setting == "college" {
		f.senco = "the learning support lead"
	}
	if chance(r, 0.12) {
		name := oneOf(r, staffNames...)
		f.senco = oneOf(r, name+" the SENCO", name+" (SENCO)", "the SENCO "+name)
		if f.setting == "college" {
			f.senco = name + " in learning support"
		}
		f.teacher = oneOf(r, staffNames...)
		f.sw = "our social worker " + oneOf(r, firstNames...)
		f.paed = oneOf(r, doctors...)
	}
	f.phone = phoneNumber(r)
	f.email = oneOf(r, emailUsers...) + "@" + oneOf(r, emailHosts...)
	f.voice = pick(r, []voice{voiceProper, voiceCasual, voiceLower, voiceBare, voiceText, voiceTypos, voiceShouty}, []float64{0.45, 0.22, 0.11, 0.07, 0.07, 0.06, 0.02})
	f.engagement = pick(r, []float64{0.35, 1, 1.7}, []float64{0.3, 0.45, 0.25})
}

// phoneNumber returns a number from the ranges Ofcom keeps for drama, so
// no real person's number appears in the demo.
func phoneNumber(r *rand.Rand) string {
	n := r.IntN(1000)
	d := strconv.Itoa(n + 1000)[1:]
	switch r.IntN(8) {
	case 0:
		return "07700900" + d
	case 1:
		return "+44 7700 900" + d
	case 2:
		return "0191 498 0" + d
	case 3:
		return "0113 496 0" + d
	case 4:
		return "07700 900 " + d
	default:
		return "07700 900" + d
	}
}

// drawScores sets how the family feels about each topic: a shared outlook
// plus a feeling per topic, both centred where families of this kind
// tend to be. Scales and the tone of comments both read these.
func (f *family) drawScores(r *rand.Rand, rd *round) {
	g := r.NormFloat64()
	mean := [nTopics]float64{}
	switch f.setting {
	case "special":
		mean[topicSchool] = 0.85
	case "resource_base":
		mean[topicSchool] = 0.5
	case "early_years":
		mean[topicSchool] = 0.6
	case "college":
		mean[topicSchool] = 0.25
	case "home_educated":
		mean[topicSchool] = -1.1
	case "not_in_education":
		mean[topicSchool] = -1.3
	case "mainstream":
		mean[topicSchool] = 0.1
		if f.has("autism") || f.has("semh") || f.has("adhd") {
			mean[topicSchool] -= 0.4
		}
	}
	mean[topicEHCP] = rd.ehcpMean + map[string]float64{"yes": 0.9, "no": -0.5, "still_waiting": -0.6, "refused": -1.2}[f.ehcpOutcome]
	mean[topicHealth] = rd.healthMean
	switch f.camhsWait {
	case "1_to_2_years", "over_2_years", "still_waiting":
		mean[topicHealth] -= 0.5
	case "under_3_months":
		mean[topicHealth] += 0.4
	}
	mean[topicShortBreaks] = cond(f.shortBreaks, 0.4, -0.6)
	mean[topicCarer] = rd.carerMean
	mean[topicAutismAssess] = rd.autismMean - cond(f.autism == "waiting", 0.35, 0)
	mean[topicAutismSupport] = -0.8 + cond(f.helped, 0.5, 0)
	mean[topicPost16] = cond(f.ageBand == "16-25", -0.65, -0.4) + cond(f.pfaTalked, 0.45, 0)
	if f.adultMove == "was_hard" {
		mean[topicPost16] -= 0.4
	}
	mean[topicJoined] = rd.joinedMean
	mean[topicGeneral] = -0.45
	for t := range f.score {
		f.score[t] = mean[t] + 0.5*g + 0.85*r.NormFloat64()
	}
}

func (f *family) computeTags(rd *round) tag {
	var t tag
	set := func(c bool, tg tag) {
		if c {
			t |= tg
		}
	}
	set(f.ageBand == "0-4", tagYoung)
	set(f.ageBand == "5-10", tagPrimary)
	set(f.ageBand == "11-15", tagSecondary)
	set(f.ageBand == "16-25", tagAdult)
	set(f.ageBand == "11-15" || f.ageBand == "16-25", tagOlder)
	set(f.setting == "early_years", tagEarly)
	set(f.setting == "resource_base", tagUnit)
	set(f.setting == "special", tagSpecial)
	set(f.setting == "college", tagCollege)
	set(f.setting == "home_educated", tagHomeEd)
	set(f.setting == "not_in_education" && f.ageBand != "16-25", tagNoSchool)
	set(f.setting == "mainstream" || f.setting == "resource_base" || f.setting == "special", tagInSchool)
	set(f.setting == "mainstream" || f.setting == "resource_base", tagMainstreamish)
	set(f.setting != "other" && f.setting != "home_educated" && f.setting != "not_in_education", tagSetKnown)
	set(f.setting != "home_educated" && f.setting != "not_in_education", tagInSetting)
	set(f.recent, tagRecent)
	set(f.autismWait >= 12, tagLongWait)
	set(f.autismWait > 18, tagVeryLongWait)
	set(f.sbWhyNot == "waiting", tagSBWaiting)
	set(f.sbWhyNot == "not_eligible", tagSBRefused)
	set(f.sbWhyNot == "didnt_know", tagSBDidntKnow)
	set(f.ehcp, tagEHCP)
	set(!f.ehcp, tagNoEHCP)
	set(f.applied, tagApplied)
	set(f.ehcpOutcome == "yes", tagOnTime)
	set(f.ehcpOutcome == "no", tagLate)
	set(f.ehcpOutcome == "still_waiting", tagEHCPWaiting)
	set(f.ehcpOutcome == "refused", tagRefused)
	set(f.has("autism"), tagAutism)
	set(f.has("adhd"), tagADHD)
	set(f.has("slcn"), tagSLCN)
	set(f.has("learning_disability"), tagLD)
	set(f.has("semh"), tagSEMH)
	set(f.has("physical"), tagPhysical)
	set(f.has("sensory"), tagSensory)
	set(f.has("medical"), tagMedical)
	set(f.need != "", tagNeeds)
	set(f.need2 != "", tagTwoNeeds)
	set(f.usesService("camhs"), tagCAMHS)
	set(f.camhsWait == "still_waiting", tagCAMHSWaiting)
	set(f.camhsWait == "6_to_12_months" || f.camhsWait == "1_to_2_years" || f.camhsWait == "over_2_years", tagCAMHSLong)
	set(f.usesService("speech_therapy"), tagSLT)
	set(f.usesService("occupational_therapy"), tagOT)
	set(f.usesService("physiotherapy"), tagPhysio)
	set(f.usesService("paediatrician"), tagPaeds)
	set(f.autism == "waiting", tagAutismWaiting)
	set(f.autism == "diagnosed", tagAutismDiagnosed)
	set(f.autism == "not_diagnosed", tagAutismNot)
	set(f.helped, tagHelped)
	set(f.shortBreaks, tagShortBreaks)
	set(!f.shortBreaks, tagNoShortBreaks)
	set(f.pfaTalked, tagPFATalked)
	set(!f.pfaTalked && f.age >= 14, tagNoPFA)
	set(f.adultMove == "was_hard", tagAdultHard)
	set(f.adultMove == "went_well", tagAdultGood)
	set(f.localOffer, tagLocalOffer)
	set(f.locality == "north" || f.locality == "west", tagRural)
	set(rd.year == 2025, tagR25)
	set(rd.year == 2026, tagR26)
	t |= f.role
	set(f.girl, tagGirl)
	return t
}
