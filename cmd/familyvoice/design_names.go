package main

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"
)

// suggestName makes an identifier from words a person wrote: lower-case
// ASCII letters and digits, words joined by sep, at most maxWords words
// and maxLen characters. It returns "" when the text has no such letters.
func suggestName(text string, sep byte, maxWords, maxLen int) string {
	text = strings.NewReplacer("'", "", "’", "").Replace(strings.ToLower(text))
	words := strings.FieldsFunc(text, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9')
	})
	if len(words) > maxWords {
		words = words[:maxWords]
	}
	s := strings.Join(words, string(sep))
	if len(s) > maxLen {
		s = s[:maxLen]
		if i := strings.LastIndexByte(s, sep); i > 0 {
			s = s[:i]
		}
	}
	return s
}

// uniqueName returns base, or base with the smallest suffix that taken
// does not report, such as "age_2".
func uniqueName(base string, sep byte, taken func(string) bool) string {
	if !taken(base) {
		return base
	}
	for n := 2; ; n++ {
		name := base + string(sep) + strconv.Itoa(n)
		if !taken(name) {
			return name
		}
	}
}

// suggestSlug makes a web address from a survey title.
func suggestSlug(title string) string {
	s := suggestName(title, '-', 8, 50)
	if utf8.RuneCountInString(s) < 3 {
		s = strings.Trim("survey-"+s, "-")
	}
	return s
}

var yearPattern = regexp.MustCompile(`\b20\d\d\b`)

// nextRound suggests the name of next year's round of a survey: "SEND
// local area 2026" becomes "SEND local area 2027". It reports whether
// the text had a year in it.
func nextRound(s string) (string, bool) {
	found := false
	out := yearPattern.ReplaceAllStringFunc(s, func(y string) string {
		n, _ := strconv.Atoi(y)
		found = true
		return fmt.Sprint(n + 1)
	})
	return out, found
}
