package demo

import (
	"fmt"
	"strings"
)

// tag is a fact about a family that a sentence may depend on. There is
// room for 64; the compiler says when a new one overflows.
type tag uint64

const (
	tagYoung tag = 1 << iota // 0 to 4
	tagPrimary
	tagSecondary
	tagAdult // 16 to 25
	tagOlder // 11 and over
	tagEarly
	tagUnit
	tagSpecial
	tagCollege
	tagHomeEd
	tagNoSchool
	tagInSchool      // mainstream, unit or special school
	tagMainstreamish // mainstream or unit
	tagSetKnown
	tagEHCP
	tagNoEHCP
	tagApplied
	tagOnTime
	tagLate
	tagEHCPWaiting
	tagRefused
	tagAutism
	tagADHD
	tagSLCN
	tagLD
	tagSEMH
	tagPhysical
	tagSensory
	tagMedical
	tagNeeds
	tagTwoNeeds
	tagCAMHS
	tagCAMHSWaiting
	tagCAMHSLong
	tagSLT
	tagOT
	tagPhysio
	tagPaeds
	tagAutismWaiting
	tagAutismDiagnosed
	tagAutismNot
	tagHelped
	tagShortBreaks
	tagNoShortBreaks
	tagPFATalked
	tagNoPFA
	tagAdultHard
	tagAdultGood
	tagLocalOffer
	tagRural
	tagR25
	tagR26
	tagMum
	tagDad
	tagGran
	tagFoster
	tagGirl
	tagInSetting // at a nursery, school or college now
	tagRecent    // diagnosed autistic this year
	tagLongWait  // a year or more for an autism assessment
	tagVeryLongWait
	tagSBWaiting // on a waiting list for short breaks
	tagSBRefused
	tagSBDidntKnow
)

// settingTags are the tags that say where a child learns. A school
// sentence with none of them is about a child who goes somewhere now.
const settingTags = tagEarly | tagUnit | tagSpecial | tagCollege | tagHomeEd |
	tagNoSchool | tagInSchool | tagMainstreamish | tagInSetting

var tagNames = map[string]tag{
	"young": tagYoung, "primary": tagPrimary, "secondary": tagSecondary, "adult": tagAdult, "older": tagOlder,
	"early": tagEarly, "unit": tagUnit, "special": tagSpecial, "college": tagCollege,
	"homeed": tagHomeEd, "noschool": tagNoSchool, "inschool": tagInSchool, "mainstreamish": tagMainstreamish,
	"setknown": tagSetKnown, "ehcp": tagEHCP, "noehcp": tagNoEHCP, "applied": tagApplied, "ontime": tagOnTime,
	"late": tagLate, "ehcpwaiting": tagEHCPWaiting, "refused": tagRefused, "autism": tagAutism, "adhd": tagADHD,
	"slcn": tagSLCN, "ld": tagLD, "semh": tagSEMH, "physical": tagPhysical, "sensory": tagSensory,
	"medical": tagMedical, "needs": tagNeeds, "twoneeds": tagTwoNeeds, "camhs": tagCAMHS,
	"camhswaiting": tagCAMHSWaiting, "camhslong": tagCAMHSLong, "slt": tagSLT, "ot": tagOT, "physio": tagPhysio,
	"paeds": tagPaeds, "aw": tagAutismWaiting, "adiag": tagAutismDiagnosed, "anot": tagAutismNot,
	"helped": tagHelped, "sb": tagShortBreaks, "nosb": tagNoShortBreaks, "pfatalk": tagPFATalked,
	"nopfa": tagNoPFA, "adulthard": tagAdultHard, "adultgood": tagAdultGood, "localoffer": tagLocalOffer,
	"rural": tagRural, "r25": tagR25, "r26": tagR26, "mum": tagMum, "dad": tagDad, "gran": tagGran,
	"foster": tagFoster, "girl": tagGirl, "insetting": tagInSetting, "recent": tagRecent,
	"longwait": tagLongWait, "verylongwait": tagVeryLongWait, "sbwaiting": tagSBWaiting,
	"sbrefused": tagSBRefused, "sbdidntknow": tagSBDidntKnow,
}

// slot is a place in a sentence filled from the family. The numbered
// slots are bits, so a comment can track which it has used.
type slot uint32

const (
	slotNone slot = iota
	slotChild
	slotHe
	slotHim
	slotHis
	slotHimself
	slotBoy
	slotAge
	slotSchool
	slotSenco
	slotTeacher
	slotSW
	slotPaed
	slotNeed
	slotNeed2
	slotSetting
	slotLocality
	slotPhone
	slotEmail
	slotAutismWait slot = 1 << 8
	slotCAMHSWait  slot = 1 << 9
	slotEHCPWait   slot = 1 << 10
)

const numberSlots = slotAutismWait | slotCAMHSWait | slotEHCPWait

var slotNames = map[string]slot{
	"child": slotChild, "he": slotHe, "him": slotHim, "his": slotHis, "himself": slotHimself,
	"boy": slotBoy, "age": slotAge, "school": slotSchool, "senco": slotSenco, "teacher": slotTeacher,
	"sw": slotSW, "paed": slotPaed, "need": slotNeed, "need2": slotNeed2, "setting": slotSetting,
	"locality": slotLocality, "awaitm": slotAutismWait, "camhswait": slotCAMHSWait,
	"ehcpwait": slotEHCPWait, "phone": slotPhone, "email": slotEmail,
}

// tone is how a sentence feels about a service.
type tone uint8

const (
	tonePos tone = iota
	toneNeg
	toneMixed
	toneNeutral
	nTones
)

type segment struct {
	lit     string
	slot    slot
	capital bool
}

// template is one parsed sentence.
type template struct {
	need, forbid tag
	tone         tone
	numbers      slot // the numbered slots it uses
	segs         []segment
}

func (t *template) fits(tags tag) bool {
	return tags&t.need == t.need && tags&t.forbid == 0
}

// parseTemplate reads "[tag !tag] text with {slots}". With toned set, the
// line starts with +, - or ~ for its tone.
func parseTemplate(s string, toned bool) template {
	var t template
	if toned {
		switch s[0] {
		case '+':
			t.tone = tonePos
		case '-':
			t.tone = toneNeg
		case '~':
			t.tone = toneNeutral
		default:
			panic(fmt.Sprintf("demo: short line %q has no tone", s))
		}
		s = s[1:]
	}
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		for name := range strings.FieldsSeq(s[1:end]) {
			forbid := strings.HasPrefix(name, "!")
			tg, ok := tagNames[strings.TrimPrefix(name, "!")]
			if !ok {
				panic(fmt.Sprintf("demo: unknown tag %q in %q", name, s))
			}
			if forbid {
				t.forbid |= tg
			} else {
				t.need |= tg
			}
		}
		s = strings.TrimSpace(s[end+1:])
	}
	for s != "" {
		open := strings.IndexByte(s, '{')
		if open < 0 {
			t.segs = append(t.segs, segment{lit: s})
			break
		}
		if open > 0 {
			t.segs = append(t.segs, segment{lit: s[:open]})
		}
		end := strings.IndexByte(s, '}')
		name := s[open+1 : end]
		lower := strings.ToLower(name[:1]) + name[1:]
		sl, ok := slotNames[lower]
		if !ok {
			panic(fmt.Sprintf("demo: unknown slot %q in %q", name, s))
		}
		t.segs = append(t.segs, segment{slot: sl, capital: lower != name})
		t.numbers |= sl & numberSlots
		s = s[end+1:]
	}
	return t
}

func parseTemplates(lines []string) []template {
	out := make([]template, len(lines))
	for i, l := range lines {
		out[i] = parseTemplate(l, false)
	}
	return out
}

// topicText is the sentences written for one topic, by tone.
type topicText struct {
	pos, neg, mixed, neutral, short []string
}

// topicPools is a topic's sentences, parsed.
type topicPools struct {
	byTone [nTones][]template
	short  [nTones][]template
}

func newTopicPools(tt topicText) topicPools {
	var p topicPools
	p.byTone[tonePos] = parseTemplates(tt.pos)
	p.byTone[toneNeg] = parseTemplates(tt.neg)
	p.byTone[toneMixed] = parseTemplates(tt.mixed)
	p.byTone[toneNeutral] = parseTemplates(tt.neutral)
	for _, l := range tt.short {
		t := parseTemplate(l, true)
		p.short[t.tone] = append(p.short[t.tone], t)
		if t.tone == toneNeutral {
			p.short[toneMixed] = append(p.short[toneMixed], t)
		}
	}
	return p
}

// topic is what a sentence is about. Each has its own score per family.
type topic uint8

const (
	topicSchool topic = iota
	topicEHCP
	topicHealth
	topicShortBreaks
	topicCarer
	topicAutismAssess
	topicAutismSupport
	topicPost16
	topicJoined
	topicGeneral
	nTopics
)

var topicTexts = [nTopics]*topicText{
	topicSchool:        &schoolText,
	topicEHCP:          &ehcpText,
	topicHealth:        &healthText,
	topicShortBreaks:   &shortBreaksText,
	topicCarer:         &carerText,
	topicAutismAssess:  &autismAssessText,
	topicAutismSupport: &autismSupportText,
	topicPost16:        &post16Text,
	topicJoined:        &joinedText,
	topicGeneral:       &generalText,
}

// Parsed once: every response reads them.
var (
	pools             [nTopics]topicPools
	openerPool        = parseTemplates(openers)
	closerPools       = [nTones][]template{parseTemplates(closersPos), parseTemplates(closersNeg), parseTemplates(closersNeutral), parseTemplates(closersNeutral)}
	safeguardingPool  = parseTemplates(safeguarding)
	sharingPool       = parseTemplates(sharing)
	contactPool       = parseTemplates(contactAnswers)
	notApplicablePool = parseTemplates(notApplicable)
)

func init() {
	for i, tt := range topicTexts {
		pools[i] = newTopicPools(*tt)
	}
	school := &pools[topicSchool]
	for tn := range nTones {
		for _, p := range [][]template{school.byTone[tn], school.short[tn]} {
			for i := range p {
				if p[i].need&settingTags == 0 {
					// Said of a child at nursery or school, not a
					// young adult at college.
					p[i].need |= tagInSetting
					p[i].forbid |= tagAdult
				}
			}
		}
	}
}

// lowerStarts are the first words that read right in lower case after a
// joining word such as "But". Other words (names, services, "I") keep
// their capital, and a sentence starting with a word not listed here is
// not joined.
var lowerStarts = map[string]bool{
	"the": true, "my": true, "our": true, "we": true, "they": true, "he": true, "she": true,
	"his": true, "her": true, "it": true, "it's": true, "there": true, "there's": true,
	"this": true, "that": true, "nobody": true, "no": true, "every": true, "everything": true,
	"once": true, "when": true, "some": true, "nothing": true, "school": true, "college": true,
	"staff": true, "things": true, "getting": true, "having": true, "even": true, "since": true,
	"all": true, "after": true, "while": true, "one": true, "most": true, "only": true,
	"each": true, "services": true, "professionals": true, "health": true, "social": true,
	"reports": true, "letters": true, "meetings": true, "teachers": true, "clubs": true,
	"overnight": true, "direct": true, "short": true, "speech": true, "physio": true,
	"parents": true, "money": true, "please": true, "nursery": true, "mediation": true,
	"emails": true, "sensory": true, "autism": true, "autistic": true,
	"booking": true, "communication": true, "home": true, "wheelchair": true, "day": true,
}
