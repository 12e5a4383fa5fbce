package analysis

import (
	_ "embed"
	"sort"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The placeholders Redact puts in place of what could identify a family.
const (
	RedactedName     = "[name]"
	RedactedPhone    = "[phone]"
	RedactedEmail    = "[email]"
	RedactedPostcode = "[postcode]"
	RedactedNHS      = "[nhs number]"
	RedactedDate     = "[date]"
	RedactedNumber   = "[number]"
)

// Redact returns text with people's names, phone numbers, email
// addresses, postcodes, NHS numbers and dates replaced by placeholders,
// so that a comment can be quoted to leaders without identifying the
// family, the child or the member of staff it is about. Place and service
// names are kept: "Alder Hey" and "St Mary's School" tell a leader where,
// not who.
//
// Phone numbers and email addresses are found character by character
// rather than by word, so that whatever surrounds them (no spaces, stray
// punctuation, other digits) they never survive: any run of nine or more
// digits goes, as does anything either side of an @.
func Redact(text string) string {
	var spans []span
	spans = findEmails(text, spans)
	spans = findDigitRuns(text, spans)
	words := splitWords(text)
	spans = findDates(words, spans)
	spans = findPostcodes(words, spans)
	spans = findNames(words, spans)
	if len(spans) == 0 {
		return text
	}
	return applySpans(text, spans)
}

// span is a stretch of the text to replace.
type span struct {
	start, end int
	label      string
}

// labelRank orders placeholders when two finds overlap: the more
// sensitive and the more certain wins.
func labelRank(l string) int {
	switch l {
	case RedactedEmail:
		return 6
	case RedactedPhone:
		return 5
	case RedactedNHS:
		return 4
	case RedactedNumber:
		return 3
	case RedactedDate:
		return 2
	case RedactedPostcode:
		return 1
	}
	return 0
}

func applySpans(text string, spans []span) string {
	sort.Slice(spans, func(i, j int) bool { return spans[i].start < spans[j].start })
	merged := spans[:1]
	for _, s := range spans[1:] {
		last := &merged[len(merged)-1]
		if s.start < last.end {
			if s.end > last.end {
				last.end = s.end
			}
			if labelRank(s.label) > labelRank(last.label) {
				last.label = s.label
			}
			continue
		}
		merged = append(merged, s)
	}
	var b strings.Builder
	b.Grow(len(text))
	at := 0
	for _, s := range merged {
		b.WriteString(text[at:s.start])
		b.WriteString(s.label)
		at = s.end
	}
	b.WriteString(text[at:])
	return b.String()
}

// findEmails marks everything joined to an @ on either side.
func findEmails(s string, spans []span) []span {
	for i := 0; i < len(s); i++ {
		if s[i] != '@' {
			continue
		}
		l := i
		for l > 0 && isEmailLocal(s[l-1]) {
			l--
		}
		r := i + 1
		for r < len(s) && isEmailDomain(s[r]) {
			r++
		}
		for r > i+1 && s[r-1] == '.' {
			r-- // a full stop after the address ends the sentence
		}
		if l < i && r > i+1 {
			spans = append(spans, span{l, r, RedactedEmail})
			i = r - 1
		}
	}
	return spans
}

func isEmailLocal(c byte) bool {
	return isASCIIAlnum(c) || c >= utf8.RuneSelf || strings.IndexByte("._%+-'!#$&*=?^`{|}~/", c) >= 0
}

func isEmailDomain(c byte) bool {
	return isASCIIAlnum(c) || c >= utf8.RuneSelf || c == '-' || c == '.'
}

func isASCIIAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

// minPhoneDigits is the fewest digits a UK phone number has once its
// spaces, dashes and brackets are gone (a few short numbers such as
// helplines have fewer and are not personal).
const minPhoneDigits = 9

// findDigitRuns marks runs of digits joined by spaces, dashes, dots or
// brackets, with an optional leading +, that hold nine or more digits: UK
// phone numbers in every common format ("07700 900123", "+44 (0)7700
// 900 123", "(0161) 496-0000") and NHS numbers ("943 476 5919"). Ten
// digits that pass the NHS number check, or follow the word NHS, are
// labelled as an NHS number; other long runs are a phone number when they
// start with 0 or +, and a number otherwise.
func findDigitRuns(s string, spans []span) []span {
	for i := 0; i < len(s); i++ {
		first := s[i]
		startsRun := isDigit(first) ||
			(first == '+' || first == '(') && i+1 < len(s) && (isDigit(s[i+1]) || s[i+1] == '+' || s[i+1] == '(')
		if !startsRun {
			continue
		}
		var digits []byte
		end, seps := i, 0
		j := i
		for j < len(s) {
			c := s[j]
			switch {
			case isDigit(c):
				digits = append(digits, c)
				end, seps = j+1, 0
				j++
				continue
			case c == ' ' || c == '-' || c == '.' || c == '(' || c == ')' || c == '+' || c == '\t':
				seps++
				j++
			case c == 0xc2 && j+1 < len(s) && s[j+1] == 0xa0: // no-break space
				seps++
				j += 2
			default:
				seps = 99
			}
			if seps > 3 {
				break
			}
		}
		if len(digits) >= minPhoneDigits {
			label := RedactedNumber
			switch {
			case len(digits) == 10 && digits[0] != '0' && first != '+' && (validNHSNumber(digits) || afterNHS(s, i)):
				label = RedactedNHS
			case digits[0] == '0' || first == '+' || first == '(' || len(digits) >= 10 && len(digits) <= 13:
				label = RedactedPhone
			}
			spans = append(spans, span{i, end, label})
		}
		if end > i {
			i = end - 1
		}
	}
	return spans
}

// validNHSNumber applies the NHS number's modulus 11 check digit.
func validNHSNumber(d []byte) bool {
	sum := 0
	for i := 0; i < 9; i++ {
		sum += int(d[i]-'0') * (10 - i)
	}
	check := 11 - sum%11
	if check == 11 {
		check = 0
	}
	return check != 10 && check == int(d[9]-'0')
}

func afterNHS(s string, i int) bool {
	before := strings.ToLower(s[max(0, i-20):i])
	return strings.Contains(before, "nhs")
}

// rword is a word of the original text, with what redaction needs to
// know about its case and its place in the sentence.
type rword struct {
	text       string // as written, without a trailing "'s"
	lower      string
	start, end int // of text
	possessive bool
	sentStart  bool   // first word of a sentence
	gap        string // the text between the previous word and this one
}

func splitWords(s string) []rword {
	var words []rword
	prevEnd := 0
	sent := true
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		if !(unicode.IsLetter(r) || unicode.IsDigit(r)) {
			i += size
			continue
		}
		start := i
		for i < len(s) {
			r, size := utf8.DecodeRuneInString(s[i:])
			if unicode.IsLetter(r) || unicode.IsDigit(r) {
				i += size
				continue
			}
			if (r == '\'' || r == '\u2019') && i+size < len(s) {
				if n, _ := utf8.DecodeRuneInString(s[i+size:]); unicode.IsLetter(n) {
					i += size
					continue
				}
			}
			break
		}
		w := rword{start: start, end: i, gap: s[prevEnd:start]}
		w.text = s[start:i]
		for _, suffix := range []string{"'s", "\u2019s", "'S"} {
			if len(w.text) > len(suffix)+1 && strings.HasSuffix(w.text, suffix) {
				w.text = w.text[:len(w.text)-len(suffix)]
				w.end = start + len(w.text)
				w.possessive = true
			}
		}
		w.lower = strings.ToLower(w.text)
		if !sent {
			sent = strings.ContainsAny(w.gap, ".!?\n\r:;\"\u201c")
		}
		w.sentStart = sent
		sent = false
		words = append(words, w)
		prevEnd = i
	}
	return words
}

// capitalised reports whether w starts with a capital and is not all
// capitals (acronyms such as CAMHS are services, not people).
func capitalised(w string) bool {
	r, size := utf8.DecodeRuneInString(w)
	if !unicode.IsUpper(r) {
		return false
	}
	if len(w) == size {
		return true // an initial
	}
	for _, r := range w[size:] {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

var monthNumbers = map[string]int{
	"january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4, "may": 5, "june": 6,
	"jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9, "sept": 9, "sep": 9, "october": 10, "oct": 10,
	"november": 11, "nov": 11, "december": 12, "dec": 12,
}

// dayNumber reads "12", "12th", "1st", returning 0 if w is not a day.
func dayNumber(w string) int {
	w = strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(strings.TrimSuffix(w, "st"), "nd"), "rd"), "th")
	if len(w) == 0 || len(w) > 2 {
		return 0
	}
	n := 0
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return 0
		}
		n = n*10 + int(w[i]-'0')
	}
	if n < 1 || n > 31 {
		return 0
	}
	return n
}

func isYear(w string) bool {
	if len(w) != 4 || !(strings.HasPrefix(w, "19") || strings.HasPrefix(w, "20")) {
		return false
	}
	for i := 0; i < 4; i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}

func allDigits(w string, min, max int) bool {
	if len(w) < min || len(w) > max {
		return false
	}
	for i := 0; i < len(w); i++ {
		if !isDigit(w[i]) {
			return false
		}
	}
	return true
}

// findDates marks dates that pin down a day (12/03/2015, 12 March 2015,
// March 12th) and anything given as a date of birth ("born in 2014",
// "DOB 3.4.15"). A month and year alone ("since March 2023") is kept: it
// says how long a family has waited without saying who they are.
func findDates(ws []rword, spans []span) []span {
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		// 12/03/2015, 12-3-15, 12.03.2015
		if i+2 < len(ws) && allDigits(w.lower, 1, 2) && allDigits(ws[i+1].lower, 1, 2) && allDigits(ws[i+2].lower, 2, 4) {
			g1, g2 := ws[i+1].gap, ws[i+2].gap
			if g1 == g2 && (g1 == "/" || g1 == "-" || g1 == ".") {
				spans = append(spans, span{w.start, ws[i+2].end, RedactedDate})
				i += 2
				continue
			}
		}
		// 12 March (2015), 12th of March
		if d := dayNumber(w.lower); d > 0 {
			j := i + 1
			if j < len(ws) && ws[j].lower == "of" {
				j++
			}
			if j < len(ws) && monthNumbers[ws[j].lower] > 0 {
				end := ws[j].end
				if j+1 < len(ws) && isYear(ws[j+1].lower) {
					end = ws[j+1].end
					j++
				}
				spans = append(spans, span{w.start, end, RedactedDate})
				i = j
				continue
			}
		}
		// March 12(th)(, 2015)
		if monthNumbers[w.lower] > 0 && i+1 < len(ws) && dayNumber(ws[i+1].lower) > 0 && !strings.ContainsAny(ws[i+1].gap, ".!?\n") {
			j := i + 1
			if j+1 < len(ws) && isYear(ws[j+1].lower) {
				j++
			}
			spans = append(spans, span{w.start, ws[j].end, RedactedDate})
			i = j
			continue
		}
		// born (in|on) ..., DOB ..., date of birth ...
		birth := w.lower == "born" || w.lower == "dob" || w.lower == "d" && i+2 < len(ws) && ws[i+1].lower == "o" && ws[i+2].lower == "b"
		if w.lower == "birth" && i >= 2 && ws[i-1].lower == "of" && ws[i-2].lower == "date" {
			birth = true
		}
		if birth {
			j := i + 1
			if w.lower == "d" {
				j = i + 3
			}
			for j < len(ws) && (ws[j].lower == "in" || ws[j].lower == "on" || ws[j].lower == "is" || ws[j].lower == "was" || ws[j].lower == "the") {
				j++
			}
			from, end := -1, -1
			for k := j; k < len(ws) && k < j+4; k++ {
				lw := ws[k].lower
				if isYear(lw) || dayNumber(lw) > 0 || monthNumbers[lw] > 0 || allDigits(lw, 1, 4) {
					if from < 0 {
						from = ws[k].start
					}
					end = ws[k].end
					continue
				}
				if lw == "of" && from >= 0 {
					continue
				}
				break
			}
			if from >= 0 {
				spans = append(spans, span{from, end, RedactedDate})
			}
		}
	}
	return spans
}

// postcodeAreas are the two-letter UK postcode areas, so that an
// outward code alone ("we live in LS6") is recognised without taking
// "KS2" or "Y7" for a postcode.
var postcodeAreas = wordSet(strings.Fields(`AB AL BA BB BD BH BL BN BR BS BT CA CB CF CH CM CO CR CT CV CW DA DD DE DG DH DL DN DT
DY EC EH EN EX FK FY GL GU GY HA HD HG HP HR HS HU HX IG IM IP IV JE KA KT KW KY LA LD LE LL LN LS LU ME MK ML NE NG NN
NP NR NW OL OX PA PE PH PL PO PR RG RH RM SA SE SG SK SL SM SN SO SP SR SS ST SW SY TA TD TF TN TQ TR TS TW UB WA WC WD
WF WN WR WS WV YO ZE`))

// outwardCode reports whether w looks like the first half of a postcode:
// A9, A99, AA9, AA99, A9A or AA9A.
func outwardCode(w string) bool {
	n := len(w)
	if n < 2 || n > 4 {
		return false
	}
	letters := 0
	for letters < n && isASCIILetter(w[letters]) {
		letters++
	}
	if letters < 1 || letters > 2 || letters == n || !isDigit(w[letters]) {
		return false
	}
	rest := w[letters+1:]
	switch len(rest) {
	case 0:
		return true
	case 1:
		return isDigit(rest[0]) || isASCIILetter(rest[0])
	}
	return false
}

// inwardCode reports whether w is the second half of a postcode: 9AA,
// where the letters are never C, I, K, M, O or V.
func inwardCode(w string) bool {
	if len(w) != 3 || !isDigit(w[0]) {
		return false
	}
	for i := 1; i < 3; i++ {
		c := w[i] | 0x20
		if !isASCIILetter(w[i]) || strings.IndexByte("cikmov", c) >= 0 {
			return false
		}
	}
	return true
}

func isASCIILetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' }

func isUpperASCII(w string) bool {
	for i := 0; i < len(w); i++ {
		if 'a' <= w[i] && w[i] <= 'z' {
			return false
		}
	}
	return true
}

// ordinalSuffix catches "2nd", "4th": a lower-case "b1 2nd" is an
// ordinal, while "B33 8TH" in capitals is a postcode.
func ordinalSuffix(w string) bool {
	s := strings.ToLower(w[1:])
	return s == "st" || s == "nd" || s == "rd" || s == "th"
}

// findPostcodes marks full UK postcodes in any case ("M1 1AE",
// "sw1a 1aa", "SW1A1AA") and outward codes alone where they cannot be
// anything else: in capitals with a two-letter postcode area ("LS6"), or
// after the word postcode.
func findPostcodes(ws []rword, spans []span) []span {
	for i, w := range ws {
		t := w.text
		if outwardCode(t) && i+1 < len(ws) && (ws[i+1].gap == " " || ws[i+1].gap == "") && inwardCode(ws[i+1].text) {
			in := ws[i+1].text
			if isUpperASCII(in) || !ordinalSuffix(in) {
				spans = append(spans, span{w.start, ws[i+1].end, RedactedPostcode})
				continue
			}
		}
		if len(t) >= 5 && len(t) <= 7 && outwardCode(t[:len(t)-3]) && inwardCode(t[len(t)-3:]) {
			spans = append(spans, span{w.start, w.end, RedactedPostcode})
			continue
		}
		if !outwardCode(t) {
			continue
		}
		afterWord := i > 0 && ws[i-1].lower == "postcode" || i > 1 && ws[i-1].lower == "code" && ws[i-2].lower == "post"
		letters := 0
		for letters < len(t) && isASCIILetter(t[letters]) {
			letters++
		}
		if afterWord || letters == 2 && isUpperASCII(t) && postcodeAreas[t[:2]] {
			spans = append(spans, span{w.start, w.end, RedactedPostcode})
		}
	}
	return spans
}

// nameInfo is how a word stands as a name.
type nameInfo uint8

const (
	nameGiven   nameInfo = 1 << iota // a given name
	nameSurname                      // a surname
	nameWord                         // also an everyday word ("Grace", "Will", "Green")
	namePlace                        // also a month or a place ("May", "Devon")
)

//go:embed names.txt
var givenNamesText string

//go:embed surnames.txt
var surnamesText string

var (
	namesOnce sync.Once
	names     map[string]nameInfo
	notNames  map[string]bool
)

func loadNames() {
	names = map[string]nameInfo{}
	read := func(text string, kind nameInfo) {
		for _, line := range strings.Split(text, "\n") {
			line = strings.TrimSpace(line)
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			info := kind
			switch {
			case strings.HasSuffix(line, "*"):
				info |= nameWord
			case strings.HasSuffix(line, "!"):
				info |= namePlace
			}
			key := strings.ToLower(strings.TrimRight(line, "*!"))
			old, seen := names[key]
			if seen && kind == nameSurname && old&nameGiven != 0 {
				// A given name that is also a surname keeps the given
				// name's caution and gains the surname's use.
				names[key] = old | nameSurname
				continue
			}
			names[key] = old | info
		}
	}
	read(givenNamesText, nameGiven)
	read(surnamesText, nameSurname)
	notNames = wordSet(strings.Fields(notNameWords))
	for _, w := range stopwords {
		notNames[w] = true
	}
	for _, w := range nullWords {
		notNames[w] = true
	}
	for w := range monthNumbers {
		notNames[w] = true
	}
	t := DefaultTaxonomy()
	for _, list := range [][]Entry{t.Areas, t.Themes} {
		for _, e := range list {
			for _, terms := range [][]string{e.Terms, e.WeakTerms} {
				for _, term := range terms {
					for _, f := range strings.Fields(strings.ToLower(term)) {
						notNames[strings.Trim(f, "=")] = true
					}
				}
			}
		}
	}
}

// titles come before a person's name. "Miss" counts only with a capital,
// since "I miss him" is common.
var titles = map[string]bool{"mr": true, "mrs": true, "ms": true, "mx": true, "dr": true, "miss": true, "prof": true, "professor": true, "sir": true, "dame": true}

// personWords introduce a person's name: "my son Jack", "a boy called
// Ali", "our social worker Karen", "her name is Maya".
var personWords = wordSet(strings.Fields(`son sons daughter daughters child boy girl husband wife partner grandson granddaughter
nephew niece brother sister stepson stepdaughter twin twins baby called named nicknamed name known worker teacher senco sendco
therapist nurse doctor paediatrician consultant keyworker caseworker officer assistant ta pa tutor mentor head headteacher
headmaster manager coordinator co-ordinator advisor adviser visitor psychologist psychiatrist mum mam mom dad grandma nan nanny
grandad grandpa auntie aunt uncle carer friend lad`))

// institutionWords end the name of a place or service, which is kept:
// "Martin House", "Stephen Hawking School", "Queen Elizabeth Hospital".
var institutionWords = wordSet(strings.Fields(`school schools academy primary secondary college centre center hospital house road
street lane avenue close way drive park court surgery clinic ward trust children's childrens hall unit team service services
nursery infants infant junior juniors church cofe hospice foundation charity club group library practice medical university
campus institute society fund project hub farm estate village town city county council gardens square place crescent grove mews
terrace row base community health federation partnership alliance network forum centre's`))

// notNameWords are capitalised words that begin sentences or name
// things and are never names, checked before a word after "called" or
// "my son" is taken for one.
const notNameWords = `i i'm i've i'd i'll we he she they it this that these those there here my our his her their your its the a
an and but or so because when while after before since until if then also just still now today yesterday tomorrow monday tuesday
wednesday thursday friday saturday sunday christmas easter hi hello dear thanks thank please yes no not nothing none everything
everyone everybody someone somebody anyone anybody nobody some any every each all most many much more less few several other
another such what which who whom whose where why how very really quite too overall honestly sadly unfortunately luckily however
although though again ok okay well year years month months week weeks day days time times mainstream special local national
england english british london county council nhs send sen ehcp camhs gp ot salt asd asc adhd autism autistic covid lockdown
mrs mr ms miss dr because being having was were is are has have had do does did can could would should will shall may might
must one two three four five six seven eight nine ten first second third last next new old young little big great good bad`

// findNames marks people's names: a title and what follows ("Mrs
// Smith", "Dr A Patel"); a name after words that introduce a person ("my
// son jack", "called Zubair"); a listed given name or surname with a
// capital ("Jack's teacher", "ask Karen"), with care for names that are
// also words ("Grace", "Will") or months and places ("May", "Chester");
// and the surname that follows a first name ("Karen Smith").
func findNames(ws []rword, spans []span) []span {
	namesOnce.Do(loadNames)
	for i := 0; i < len(ws); i++ {
		w := ws[i]
		end := -1
		switch {
		case isTitle(w) && i+1 < len(ws):
			next := ws[i+1]
			if strings.ContainsAny(next.gap, "!?\n,;:") || !isLetters(next.text) {
				break
			}
			known := notNames[next.lower] || institutionWords[next.lower] || isTitleFollower(next.lower)
			if names[next.lower] != 0 || !known && (capitalised(next.text) || len(next.text) > 1) {
				end = extendName(ws, i+1)
			}
		case isPersonContext(ws, i):
			if isNameCandidate(w, ws[i-1].lower) {
				end = extendName(ws, i)
			}
		default:
			info := names[w.lower]
			if info == 0 || !capitalised(w.text) || len(w.text) < 2 || startsInstitution(ws, i) || afterSaint(ws, i) {
				break
			}
			switch {
			case info&namePlace != 0:
				// Only with a person before it (handled above).
			case info&nameWord != 0:
				if !w.sentStart || w.possessive {
					end = extendName(ws, i)
				}
			case info&nameGiven != 0:
				end = extendName(ws, i)
			case info&nameSurname != 0 && !w.sentStart:
				end = extendName(ws, i)
			}
		}
		if end < 0 {
			continue
		}
		spans = append(spans, span{w.start, ws[end].end, RedactedName})
		i = end
	}
	return spans
}

// isTitle reports whether w is a title before a name. "Miss", "Sir"
// and "Dame" count only with a capital: "I miss him" is common.
func isTitle(w rword) bool {
	if !titles[w.lower] || w.possessive {
		return false
	}
	switch w.lower {
	case "mr", "mrs", "ms", "mx", "dr":
		return true
	}
	return capitalised(w.text)
}

// isTitleFollower lists lower-case words that follow "dr" or "mr" when
// they are used as nouns rather than titles ("the dr said").
func isTitleFollower(w string) bool {
	switch w {
	case "said", "says", "appointment", "appointments", "told", "was", "is", "has", "and", "at", "who", "but", "to", "in", "on", "for", "said's":
		return true
	}
	return false
}

func isLetters(w string) bool {
	for _, r := range w {
		if !unicode.IsLetter(r) && r != '\'' && r != '\u2019' && r != '-' {
			return false
		}
	}
	return true
}

// isPersonContext reports whether ws[i] follows words that introduce a
// person, with nothing but a space or a comma between.
func isPersonContext(ws []rword, i int) bool {
	if i == 0 || strings.ContainsAny(ws[i].gap, ".!?\n;:(") {
		return false
	}
	prev := ws[i-1].lower
	if (prev == "is" || prev == "was") && i >= 2 && ws[i-2].lower == "name" {
		return true // "her name is Maya"
	}
	if !personWords[prev] {
		return false
	}
	switch prev {
	case "called", "named", "nicknamed", "known":
		return true
	case "name":
		return false // "her name is Maya" is handled through "is"
	}
	// A family word after "my", "our", "his", "her", "their", "a" or
	// "the": "my son Jack", "our social worker Karen".
	if i >= 2 {
		switch ws[i-2].lower {
		case "my", "our", "his", "her", "their", "your", "a", "the", "social", "support", "family", "key", "case", "class", "new", "old", "eldest", "youngest", "little", "older", "younger", "middle", "step", "autistic", "disabled":
			return true
		}
	}
	return false
}

// isNameCandidate reports whether a word after a person-introducing word
// is a name: a listed name (in lower case too, unless it is also a
// common word: "my daughter will" is not a name, "my daughter grace" is),
// or any capitalised word that is not a known ordinary word.
func isNameCandidate(w rword, prev string) bool {
	if len(w.text) < 2 || !isLetters(w.text) {
		return false
	}
	info := names[w.lower]
	if capitalised(w.text) {
		return info != 0 || !notNames[w.lower] && !institutionWords[w.lower]
	}
	if info == 0 {
		return false
	}
	return info&nameWord == 0 || !notNames[w.lower] || prev == "called" || prev == "named" || prev == "is"
}

// extendName returns the index of the last word of the name starting at
// ws[i]: an initial and a surname may follow ("Anita Patel", "J Smith").
func extendName(ws []rword, i int) int {
	end := i
	for j := i + 1; j < len(ws) && j <= i+2; j++ {
		next := ws[j]
		initial := len(ws[j-1].text) == 1 && (next.gap == ". " || next.gap == ".")
		if ws[j-1].possessive || strings.TrimSpace(next.gap) != "" && !initial {
			break
		}
		if !capitalised(next.text) || notNames[next.lower] || institutionWords[next.lower] {
			break
		}
		if names[next.lower] == 0 && len(next.text) > 1 && !looksLikeSurname(next.text) {
			break
		}
		if startsInstitution(ws, j) {
			return -1
		}
		end = j
	}
	if startsInstitution(ws, i) {
		return -1
	}
	return end
}

// looksLikeSurname accepts capitalised words shaped like surnames not on
// the list: "McAllister", "O'Neill", hyphenated names.
func looksLikeSurname(w string) bool {
	return strings.HasPrefix(w, "Mc") || strings.HasPrefix(w, "Mac") || strings.HasPrefix(w, "O'") ||
		strings.HasPrefix(w, "O\u2019") || strings.Contains(w, "-")
}

// startsInstitution reports whether the run of capitalised words from
// ws[i] ends in a word such as School or House.
func startsInstitution(ws []rword, i int) bool {
	for j := i; j < len(ws) && j < i+5; j++ {
		if j > i && strings.ContainsAny(ws[j].gap, ".,!?;:\n()") {
			return false
		}
		if institutionWords[ws[j].lower] && capitalised(ws[j].text) {
			return j > i
		}
		if !capitalised(ws[j].text) && ws[j].lower != "and" && ws[j].lower != "of" && ws[j].lower != "the" {
			return false
		}
	}
	return false
}

func afterSaint(ws []rword, i int) bool {
	if i == 0 {
		return false
	}
	p := ws[i-1].lower
	return p == "st" || p == "saint" || p == "king" || p == "queen" || p == "prince" || p == "princess" || p == "lady"
}
