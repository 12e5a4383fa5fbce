package demo

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// voice is how a parent writes: the same sentence reads differently typed
// carefully on a laptop or quickly on a phone at midnight.
type voice uint8

const (
	voiceProper voice = iota
	voiceCasual       // drops or doubles up the last full stop
	voiceLower        // all lower case
	voiceBare         // lower case, no punctuation
	voiceText         // text speak
	voiceTypos        // spelling slips
	voiceShouty       // capitals and exclamation marks
)

// voiced rewrites sentence s in the family's voice; last marks the final
// sentence of a comment, whose ending people treat most freely.
func (g *generator) voiced(s string, last bool) string {
	r := g.r
	switch g.f.voice {
	case voiceCasual:
		if last && strings.HasSuffix(s, ".") {
			switch x := r.Float64(); {
			case x < 0.25:
				s = s[:len(s)-1] + "!"
			case x < 0.33:
				s += ".."
			case x < 0.5:
				s = s[:len(s)-1]
			}
		}
	case voiceLower:
		s = strings.ToLower(s)
		if last && chance(r, 0.6) {
			s = strings.TrimSuffix(s, ".")
		}
	case voiceBare:
		s = stripPunctuation(strings.ToLower(s))
	case voiceText:
		s = g.mapWords(strings.ToLower(s), func(w string) string {
			if t, ok := textSpeak[w]; ok && (!t.sometimes || chance(r, 0.35)) {
				return t.to
			}
			return strings.ReplaceAll(w, "'", "")
		})
		s = strings.TrimSuffix(s, ".")
	case voiceTypos:
		s = g.mapWords(s, func(w string) string {
			if t, ok := misspellings[strings.ToLower(w)]; ok && chance(r, 0.5) {
				return matchCase(w, t)
			}
			if chance(r, 0.05) {
				return g.slip(w)
			}
			return w
		})
	case voiceShouty:
		s = g.mapWords(s, func(w string) string {
			if emphasis[strings.ToLower(w)] && chance(r, 0.6) {
				return strings.ToUpper(w)
			}
			return w
		})
		if strings.HasSuffix(s, ".") && chance(r, 0.7) {
			s = s[:len(s)-1] + oneOf(r, "!", "!!", "!!!")
		}
	}
	return s
}

// mapWords applies fn to the letters of each word of s, leaving the
// punctuation around it alone.
func (g *generator) mapWords(s string, fn func(string) string) string {
	var b strings.Builder
	for i, tok := range strings.Split(s, " ") {
		if i > 0 {
			b.WriteByte(' ')
		}
		start := strings.IndexFunc(tok, isWordRune)
		if start < 0 || strings.ContainsAny(tok, "@0123456789") {
			b.WriteString(tok)
			continue
		}
		end := strings.LastIndexFunc(tok, isWordRune)
		_, n := utf8.DecodeRuneInString(tok[end:])
		end += n
		b.WriteString(tok[:start])
		b.WriteString(fn(tok[start:end]))
		b.WriteString(tok[end:])
	}
	return b.String()
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || r == '\'' }

// stripPunctuation drops punctuation, but keeps dots and dashes inside
// email addresses and numbers.
func stripPunctuation(s string) string {
	var b strings.Builder
	rs := []rune(s)
	for i, r := range rs {
		switch r {
		case '.', '-':
			if i > 0 && i < len(rs)-1 && isAlnum(rs[i-1]) && isAlnum(rs[i+1]) {
				b.WriteRune(r)
			}
		case ',', ';', ':', '!', '?', '\'', '(', ')':
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

// slip makes one typing mistake in w: two letters swapped, one dropped
// or one doubled.
func (g *generator) slip(w string) string {
	rs := []rune(w)
	if len(rs) < 5 || strings.ContainsRune(w, '\'') {
		return w
	}
	i := 1 + g.r.IntN(len(rs)-2)
	switch g.r.IntN(3) {
	case 0:
		rs[i], rs[i+1] = rs[i+1], rs[i]
	case 1:
		rs = append(rs[:i], rs[i+1:]...)
	default:
		rs = append(rs[:i+1], rs[i:]...)
	}
	return string(rs)
}

func matchCase(orig, repl string) string {
	r, _ := utf8.DecodeRuneInString(orig)
	if unicode.IsUpper(r) {
		return upperFirst(repl)
	}
	return repl
}

type speak struct {
	to        string
	sometimes bool
}

var textSpeak = map[string]speak{
	"you": {"u", false}, "your": {"ur", false}, "you're": {"ur", false}, "because": {"cos", false},
	"though": {"tho", false}, "please": {"pls", false}, "people": {"ppl", false}, "thanks": {"thx", false},
	"and": {"&", true}, "for": {"4", true}, "are": {"r", true}, "before": {"b4", true},
	"great": {"gr8", true}, "to": {"2", true}, "really": {"rly", true}, "tomorrow": {"2moro", false},
	"okay": {"ok", false}, "probably": {"prob", true}, "something": {"sumthing", true},
}

var misspellings = map[string]string{
	"definitely": "definately", "separate": "seperate", "received": "recieved", "receive": "recieve",
	"appointment": "appointmnet", "appointments": "appointmnets", "because": "becuase",
	"assessment": "assesment", "assessed": "assesed", "paediatrician": "peadiatrician",
	"necessary": "neccessary", "which": "wich", "until": "untill", "their": "there", "really": "realy",
	"occupational": "occupatinal", "diagnosis": "diagnoses", "different": "diffrent",
	"literally": "literaly", "absolutely": "absolutly", "support": "suport", "anxiety": "anxeity",
	"waiting": "wating", "there": "their", "school": "shcool", "tribunal": "tribunel",
	"behaviour": "behavour", "exhausted": "exausted", "nightmare": "nightmere", "ridiculous": "rediculous",
	"independent": "independant", "through": "threw", "quite": "quiet", "lose": "loose",
}

var emphasis = map[string]bool{
	"nothing": true, "never": true, "no": true, "every": true, "nobody": true, "always": true,
	"still": true, "years": true, "fight": true, "not": true, "all": true, "months": true,
	"anything": true, "anyone": true, "disgrace": true, "joke": true,
}
