package plain

import "strings"

// Syllables estimates how many syllables a word has when read aloud. It
// follows English spelling rules (silent final e, "-tion", "-ed" after most
// consonants) with a short list of exceptions, and agrees with a
// pronouncing dictionary on about nine in ten of the words people use
// most. A hyphenated word counts each part; a number or a word with no
// vowels counts as one.
func Syllables(word string) int {
	n := 0
	for part := range strings.SplitSeq(word, "-") {
		if k := partSyllables(part); k > 0 {
			n += k
		}
	}
	return max(n, 1)
}

// partSyllables counts one part of a hyphenated word, returning 0 when
// the part has no letters or digits at all.
func partSyllables(part string) int {
	var buf [48]byte
	w, contraction, ok := foldWord(part, buf[:0])
	if !ok {
		return 0
	}
	if len(w) == 0 {
		return 1 // a number
	}
	if n, found := syllableExceptions[string(w)]; found {
		return n
	}
	n := countSyllables(w)
	if contraction {
		n++ // "didn't", "isn't": the "n't" is spoken as a syllable
	}
	return max(n, 1)
}

// foldWord writes the letters of word into buf in lower case, folding
// common accented letters to their plain forms and dropping an ending
// such as "'s" or "'re". contraction reports an "n't" that follows a
// consonant. ok is false when word has neither letters nor digits.
func foldWord(word string, buf []byte) (w []byte, contraction, ok bool) {
	word = strings.ReplaceAll(word, "’", "'")
	if i := strings.LastIndexByte(word, '\''); i > 0 {
		switch strings.ToLower(word[i:]) {
		case "'t":
			if i >= 2 && (word[i-1] == 'n' || word[i-1] == 'N') {
				contraction = !isVowelByte(lower(word[i-2]))
				word = word[:i-1]
			}
		case "'s", "'re", "'ve", "'ll", "'d", "'m", "'":
			word = word[:i]
		}
	}
	for _, r := range word {
		switch {
		case r >= 'a' && r <= 'z':
			buf = append(buf, byte(r))
		case r >= 'A' && r <= 'Z':
			buf = append(buf, byte(r)+('a'-'A'))
		case r >= '0' && r <= '9':
			ok = true
		default:
			if f := foldAccent(r); f != 0 {
				buf = append(buf, f)
			}
		}
	}
	return buf, contraction, ok || len(buf) > 0
}

// foldAccent maps an accented Latin letter to its plain lower-case
// letter, or returns 0.
func foldAccent(r rune) byte {
	switch r {
	case 'à', 'á', 'â', 'ä', 'À', 'Á', 'Â', 'Ä':
		return 'a'
	case 'è', 'é', 'ê', 'ë', 'È', 'É', 'Ê', 'Ë':
		return 'e'
	case 'ì', 'í', 'î', 'ï', 'Ì', 'Í', 'Î', 'Ï':
		return 'i'
	case 'ò', 'ó', 'ô', 'ö', 'Ò', 'Ó', 'Ô', 'Ö':
		return 'o'
	case 'ù', 'ú', 'û', 'ü', 'Ù', 'Ú', 'Û', 'Ü':
		return 'u'
	case 'ç', 'Ç':
		return 'c'
	case 'ñ', 'Ñ':
		return 'n'
	}
	return 0
}

func lower(c byte) byte {
	if c >= 'A' && c <= 'Z' {
		return c + ('a' - 'A')
	}
	return c
}

func isVowelByte(c byte) bool {
	switch c {
	case 'a', 'e', 'i', 'o', 'u':
		return true
	}
	return false
}

// syllableExceptions holds common words the rules below get wrong.
var syllableExceptions = map[string]int{
	"argue": 2, "argued": 2, "argues": 2,
	"business": 2, "businesses": 3,
	"element": 3, "elements": 3, "elementary": 5,
	"maybe":   2,
	"someone": 2, "someones": 2,
	"recipe": 3, "recipes": 3,
	"brilliant": 2,
	"soldier":   2, "soldiers": 2,
	"frontier":   2,
	"alien":      3,
	"ratio":      3,
	"conscience": 2, "conscientious": 4,
	"apostrophe": 4, "catastrophe": 4,
	"naive": 2, "cafe": 2,
	"eyesight": 2,
	"lawyer":   2, "lawyers": 2,
	"canyon":  2,
	"suicide": 3, "suicidal": 4,
	"arguing": 3,
	"museum":  3, "museums": 3,
	"naked": 2, "wicked": 2,
}

// silentSuffixes are endings (and second halves of compound words) before
// which a word's final silent e stays silent: "lonely", "statement",
// "sometimes", "therefore".
var silentSuffixes = []string{
	"ly", "ment", "ness", "ful", "less", "some",
	"time", "where", "body", "thing", "how", "what", "work", "fore", "way",
	"day", "ty", "hold", "line", "man", "men", "guard",
}

// softClusters are pairs of consonants that may stand before a silent e
// in the middle of a word: "arrangement", "enforcement", "involvement".
var softClusters = []string{"nc", "ng", "rc", "rg", "dg", "lv", "rs", "ns", "rv", "st"}

// countSyllables counts the syllables of w, a word in lower-case ASCII
// letters.
func countSyllables(w []byte) int {
	n := len(w)
	var vbuf [48]bool
	v := vbuf[:0]
	if n > len(vbuf) {
		v = make([]bool, 0, n)
	}
	for i, c := range w {
		switch c {
		case 'a', 'e', 'i', 'o':
			v = append(v, true)
		case 'u':
			// The u of "qu" and of "gu" before a vowel ("guide",
			// "language") is a consonant sound.
			v = append(v, !(i > 0 && (w[i-1] == 'q' || (w[i-1] == 'g' && i+1 < n && isVowelByte(w[i+1])))))
		case 'y':
			// A y that starts a word ("yes") or sits between vowels
			// ("player") is a consonant; otherwise it is a vowel
			// ("happy", "type", "day").
			cons := i == 0 || (i > 0 && isVowelByte(w[i-1]) && i+1 < n && isVowelByte(w[i+1]))
			v = append(v, !cons)
		default:
			v = append(v, false)
		}
	}

	count := 0
	for i := range n {
		if v[i] && (i == 0 || !v[i-1] || splitsVowels(w, i-1)) {
			count++
		}
	}

	// A final silent e: "make", "makes", "asked". It follows a
	// consonant, so it was counted as a group of its own.
	if count > 1 {
		switch {
		case n >= 3 && w[n-1] == 'e' && !v[n-2]:
			if !syllabicEnding(w, n-2) {
				count--
			}
		case n >= 4 && w[n-2] == 'e' && w[n-1] == 's' && !v[n-3]:
			if !syllabicEnding(w, n-3) && !sibilantBefore(w, n-3) {
				count--
			}
		case n >= 4 && w[n-2] == 'e' && w[n-1] == 'd' && !v[n-3]:
			if !syllabicEnding(w, n-3) && w[n-3] != 't' && w[n-3] != 'd' {
				count--
			}
		}
	}

	// A silent e in the middle, before an ending or the second half of
	// a compound: "statement", "careful", "sometimes".
	for i := 2; i < n-1 && count > 1; i++ {
		if w[i] != 'e' || v[i-1] || v[i+1] || (i+2 < n && w[i+1] == 'e') {
			continue
		}
		if !silentBeforeSuffix(w, i, v) {
			continue
		}
		count--
	}

	// "Every" loses its middle syllable in compounds: "everyone",
	// "everything".
	if n > 5 && hasPrefix(w, "every") {
		count--
	}

	// A spoken l between a consonant and "-ing": "struggling",
	// "trembling", but not "sibling".
	for _, end := range [...]string{"ling", "lings"} {
		if i := n - len(end); i >= 2 && hasSuffix(w, end) && isOneOf(w[i-1], "bdgkptz") && !v[i-2] {
			count++
		}
	}

	// Syllables with no written vowel: "autism", "rhythm".
	if hasSuffix(w, "ism") || hasSuffix(w, "isms") || hasSuffix(w, "asm") || hasSuffix(w, "asms") || hasSuffix(w, "thm") || hasSuffix(w, "thms") {
		count++
	}
	return count
}

// silentBeforeSuffix reports whether the e at i is silent: it ends a
// stem of vowel, one consonant (or a soft pair) and e, and what follows
// is an ending from silentSuffixes.
func silentBeforeSuffix(w []byte, i int, v []bool) bool {
	rest := w[i+1:]
	matched := false
	for _, s := range silentSuffixes {
		if hasPrefix(rest, s) {
			matched = true
			break
		}
	}
	if !matched {
		return false
	}
	if v[i-2] {
		return true
	}
	if i >= 3 && v[i-3] {
		pair := string(w[i-2 : i])
		for _, c := range softClusters {
			if pair == c {
				return true
			}
		}
	}
	return false
}

// syllabicEnding reports whether the consonant at c and the e after it
// make a syllable of their own, as in "table", "little" and "centre":
// an l or r that follows another consonant.
func syllabicEnding(w []byte, c int) bool {
	if c < 1 || (w[c] != 'l' && w[c] != 'r') {
		return false
	}
	p := w[c-1]
	return !isVowelByte(p) && p != 'y' && p != w[c]
}

// sibilantBefore reports whether the consonant at c makes "-es" a
// syllable: "places", "boxes", "changes", "wishes".
func sibilantBefore(w []byte, c int) bool {
	switch w[c] {
	case 's', 'x', 'z', 'c', 'g':
		return true
	case 'h':
		return c > 0 && (w[c-1] == 'c' || w[c-1] == 's')
	}
	return false
}

// splitsVowels reports whether the vowels at a and a+1 are spoken as two
// syllables ("idea", "radio", "quiet") rather than one ("head", "nation",
// "field").
func splitsVowels(w []byte, a int) bool {
	n := len(w)
	x, y := w[a], w[a+1]
	before := byte(0)
	if a > 0 {
		before = w[a-1]
	}
	// "ing" after a vowel starts a syllable: "being", "going".
	if y == 'i' && (hasSuffixAt(w, a+2, "ng") || hasSuffixAt(w, a+2, "ngs")) {
		return true
	}
	switch {
	case x == 'y':
		// A y after a consonant, before another vowel: "flying",
		// "everyone"; but not "bye" or "dyed".
		return !(y == 'e' && (a+2 == n || hasSuffixAt(w, a+2, "s") || hasSuffixAt(w, a+2, "d")))
	case x == 'i' && y == 'a':
		// "media", "trial", "associate"; but "special", "initial",
		// "Asia", "marriage".
		rest := w[a+2:]
		if hasPrefix(rest, "ge") {
			return false
		}
		if before == 'l' && a >= 2 && isVowelByte(w[a-2]) {
			// "Australian", "civilian", "familiar"; but "reliance".
			switch string(rest) {
			case "n", "ns", "r", "rs":
				return false
			}
		}
		return !isOneOf(before, "ctsx") || hasPrefix(rest, "t")
	case x == 'a' && y == 'o':
		return true // "chaos", "extraordinary"
	case x == 'i' && y == 'o':
		// "radio", "period", "lion"; but "nation", "vision",
		// "religion", "million", "opinion".
		if isOneOf(before, "ctsxgh") {
			return false
		}
		if (before == 'l' || before == 'n') && a >= 2 {
			return false
		}
		return true
	case x == 'i' && y == 'u':
		return true // "medium"
	case x == 'i' && y == 'e':
		return splitsIE(w, a)
	case x == 'e' && y == 'o':
		// "video", "theory", "geography"; but "people", "surgeon",
		// "gorgeous".
		if before == 'g' && a >= 2 {
			return false
		}
		return !(a == 1 && isOneOf(w[0], "plj")) // "people", "leopard", "jeopardy"
	case x == 'e' && y == 'a':
		return splitsEA(w, a)
	case x == 'e' && y == 'u':
		// "reuse", "reunion".
		return a == 1 && w[0] == 'r'
	case x == 'u' && (y == 'a' || y == 'o'):
		return true // "usual", "actual", "continuous"
	case x == 'u' && y == 'e':
		// "influence", "cruel", "fuel"; but "true", "issued".
		return a+2 < n && isOneOf(w[a+2], "nlt")
	case x == 'u' && y == 'i':
		// "ruin", "genuine", "fluid"; but "build", "suit".
		return a+2 < n && isOneOf(w[a+2], "nd")
	case x == 'o' && y == 'e':
		// "poem", "poet", "whoever"; but "does", "shoe".
		return a+2 < n && isOneOf(w[a+2], "mtv")
	case x == 'o' && y == 'o':
		// "cooperate", "coordinate"; but "cook", "cool".
		return a == 1 && w[0] == 'c' && a+2 < n && isOneOf(w[a+2], "pr")
	}
	return false
}

// splitsIE decides "ie" at a: two syllables in "quiet", "diet",
// "client", "experience", "science", "easier", "busiest"; one in
// "field", "friend", "patient", "ancient", "tried", "families".
func splitsIE(w []byte, a int) bool {
	n := len(w)
	before := byte(0)
	if a > 0 {
		before = w[a-1]
	}
	next := byte(0)
	if a+2 < n {
		next = w[a+2]
	}
	switch {
	case next == 't':
		return true
	case next == 'n' && a+3 < n && (w[a+3] == 'c' || w[a+3] == 't'):
		if before == 'c' && a >= 2 && w[a-2] == 's' {
			return true // "science"
		}
		return !isOneOf(before, "ctsx")
	case next == 'r' && (a+3 == n || hasSuffixAt(w, a+3, "s")),
		next == 's' && hasSuffixAt(w, a+3, "t"):
		// "easier", "happiest"; but "pier", "tier".
		for i := 0; i < a-1; i++ {
			if isVowelByte(w[i]) || (w[i] == 'y' && i > 0) {
				return true
			}
		}
	}
	return false
}

// splitsEA decides "ea" at a: two syllables in "idea", "area", "create",
// "theatre", "react", "reality"; one in "head", "really", "reason".
func splitsEA(w []byte, a int) bool {
	n := len(w)
	rest := w[a+2:]
	if len(rest) == 0 || (len(rest) == 1 && rest[0] == 's') {
		for i := 0; i < a; i++ {
			if isVowelByte(w[i]) {
				return true // "idea", "area"; not "sea"
			}
		}
		return false
	}
	if a >= 2 && ((hasPrefix(w[a-2:], "creat") && !hasPrefix(w[a-2:], "creatu")) || hasPrefix(w[a-2:], "theat")) {
		return true
	}
	if a == 2 && hasPrefix(w, "idea") {
		return true // "ideal", "ideally"
	}
	if a == 1 && w[0] == 'r' && n > 3 {
		switch {
		case w[3] == 'c' && (n == 4 || w[4] != 'h'), // "react", not "reach"
			hasPrefix(rest, "ss"), w[3] == 'p', w[3] == 'f',
			hasPrefix(rest, "li"): // "reality", "realise"
			return true
		}
	}
	return false
}

func isOneOf(c byte, set string) bool {
	return c != 0 && strings.IndexByte(set, c) >= 0
}

func hasPrefix(w []byte, p string) bool {
	return len(w) >= len(p) && string(w[:len(p)]) == p
}

func hasSuffix(w []byte, s string) bool {
	return len(w) >= len(s) && string(w[len(w)-len(s):]) == s
}

// hasSuffixAt reports whether w[i:] is exactly s.
func hasSuffixAt(w []byte, i int, s string) bool {
	return i <= len(w) && string(w[i:]) == s
}
