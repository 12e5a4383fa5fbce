package analysis

import (
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"
)

func FuzzTokenizeMatchesText(f *testing.F) {
	for _, s := range []string{"The SENCO isn't helpful", "don’t ‘x’ parents'", "1:1 24/7 £5", "Zoë ÉCOLE", "a\xffb"} {
		f.Add(s)
	}
	c := newStemCache(nil)
	f.Fuzz(func(t *testing.T, s string) {
		checkSameTokens(t, c, s)
	})
}

func FuzzClassify(f *testing.F) {
	f.Add("The SENCO was brilliant but CAMHS is a joke", "education")
	f.Add("no comment", "")
	f.Add("not not never no", "health")
	f.Add("waited 2 yrs 18 months a year few weeks", "autism")
	f.Add("1 times 99999999999999999999 different", "post16")
	f.Add("self-harm \xff\xfe can't cope any more", "social_care")
	c := DefaultClassifier()
	f.Fuzz(func(t *testing.T, text, area string) {
		got := c.Classify(text, area)
		switch got.Sentiment {
		case Positive, Negative, Neutral, Mixed:
		default:
			t.Fatalf("sentiment %q", got.Sentiment)
		}
		last := -1
		for _, a := range got.Areas {
			i := areaIndex(a)
			if i <= last {
				t.Fatalf("areas %v not distinct and in canonical order", got.Areas)
			}
			last = i
		}
		for _, th := range got.Themes {
			if c.tax.Theme(th) == nil {
				t.Fatalf("unknown theme %q", th)
			}
		}
		if got.Safeguarding != (len(got.Why(SafeguardingCode)) > 0) {
			t.Fatalf("safeguarding %v with reasons %v", got.Safeguarding, got.Why(SafeguardingCode))
		}
	})
}

// phoneFormats are the ways UK numbers are written, each filled from
// three groups of digits.
var phoneFormats = []string{
	"07%03d %03d%03d", "07%03d%03d%03d", "07%03d %03d %03d", "07%03d-%03d-%03d", "07%03d.%03d.%03d",
	"+44 7%03d %03d%03d", "+447%03d%03d%03d", "+44 (0)7%03d %03d %03d", "0044 7%03d %03d%03d", "+44-7%03d-%03d-%03d",
	"01%03d %03d%03d", "(01%03d) %03d %03d", "(01%03d) %03d-%03d", "02%03d %03d %03d", "+44 (0)1%03d %03d%03d",
	"08%03d %03d %03d", "(0)7%03d %03d %03d", "+44 1%03d %03d %03d",
}

func fuzzPhone(n uint64, format uint8) string {
	f := phoneFormats[int(format)%len(phoneFormats)]
	return fmt.Sprintf(f, n%1000, (n/1000)%1000, (n/1000000)%1000)
}

func fuzzEmail(user string, n uint64) string {
	var b strings.Builder
	for _, r := range user {
		if r < utf8.RuneSelf && (isASCIIAlnum(byte(r)) || strings.ContainsRune("._+-", r)) {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		b.WriteString("parent")
	}
	return fmt.Sprintf("%s@example%d.co.uk", b.String(), n%997)
}

// FuzzRedact embeds a generated phone number and email address in fuzzed
// text and checks that neither survives, whatever surrounds them.
func FuzzRedact(f *testing.F) {
	f.Add("Call me on ", " please", "jo.bloggs", uint64(900123), uint8(0))
	f.Add("", "", "", uint64(0), uint8(3))
	f.Add("tel:", "x", "a+b", uint64(123456789), uint8(7))
	f.Add("12345", "678", "...", uint64(999999999), uint8(11))
	f.Add("Mrs Smith (", ")@", "-", uint64(42), uint8(5))
	f.Add("my son Jack born 12/03/2015 M1 1AE ", "+", "x.y", uint64(7), uint8(13))
	f.Fuzz(func(t *testing.T, before, after, user string, n uint64, format uint8) {
		phone := fuzzPhone(n, format)
		email := fuzzEmail(user, n)
		text := before + phone + after + " " + email + after
		got := Redact(text)
		if strings.Contains(got, phone) {
			t.Fatalf("Redact(%q) = %q still holds phone %q", text, got, phone)
		}
		if strings.Contains(got, email) {
			t.Fatalf("Redact(%q) = %q still holds email %q", text, got, email)
		}
	})
}
