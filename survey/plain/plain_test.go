package plain

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
)

// kinds returns the kind, field and term of each piece of advice, which
// is what most tests compare.
func kinds(t *testing.T, as []Advice) []string {
	t.Helper()
	var out []string
	for _, a := range as {
		if a.Message == "" {
			t.Errorf("advice %+v has no message", a)
		}
		s := a.Kind + ":" + a.Field
		if a.Kind == KindJargon {
			s += ":" + a.Term
		}
		out = append(out, s)
	}
	return out
}

func TestCheckLongSentences(t *testing.T) {
	// sentence returns a sentence of n words.
	sentence := func(n int) string {
		return "One" + strings.Repeat(" one", n-1) + "."
	}
	tests := []struct {
		name      string
		text      string
		hint      string
		want      []string
		wantWords []string // "N words" in each message
	}{
		{name: "twenty words", text: sentence(20), want: nil},
		{name: "twenty-one words", text: sentence(21), want: []string{"long_sentence:text"}, wantWords: []string{"21 words"}},
		{name: "long sentence in the hint", text: "Tell us more.", hint: "Short one. " + sentence(22), want: []string{"long_sentence:hint"}, wantWords: []string{"22 words"}},
		{name: "two long sentences", text: sentence(21) + " " + sentence(5) + " " + sentence(22), want: []string{"long_sentence:text", "long_sentence:text"}, wantWords: []string{"21 words", "22 words"}},
		{name: "list items are sentences", text: "Which of these?", hint: strings.Repeat("- one two three four five six\n", 5)},
	}
	c := NewChecker(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.CheckQuestion(tt.text, tt.hint)
			if k := kinds(t, got); !slices.Equal(k, tt.want) {
				t.Fatalf("CheckQuestion() = %q, want %q", k, tt.want)
			}
			for i, a := range got {
				if !strings.Contains(a.Message, tt.wantWords[i]) || !strings.Contains(a.Message, `starting "One one one one one one…"`) {
					t.Errorf("message = %q, want it to give %q and quote the start", a.Message, tt.wantWords[i])
				}
				if !strings.HasPrefix(a.Term, "One one") {
					t.Errorf("term = %q, want the sentence", a.Term)
				}
			}
		})
	}
	t.Run("limit can be changed", func(t *testing.T) {
		c := NewChecker(nil)
		c.MaxSentenceWords = 5
		if got := kinds(t, c.CheckQuestion("How old is your child now?", "")); !slices.Equal(got, []string{"long_sentence:text"}) {
			t.Errorf("CheckQuestion() with a limit of 5 words = %q, want one long sentence", got)
		}
	})
}

func TestCheckReadingAge(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		hint       string
		wantAdvice bool
		wantWords  []string
		wantInMsg  string
	}{
		{name: "plain question", text: "How old is your child?"},
		{name: "plain question and hint", text: "What went well?", hint: "Tell us about the help you got and who gave it."},
		{
			name:       "hard question",
			text:       "How satisfied are you with the communication you have received from professionals regarding your child's individual requirements?",
			wantAdvice: true,
			wantWords:  []string{"communication", "professionals", "individual"},
			wantInMsg:  `"professionals" (try "staff")`,
		},
		{
			name:       "hard hint",
			text:       "What went well?",
			hint:       "Consider the appropriateness and accessibility of communication.",
			wantAdvice: true,
			wantWords:  []string{"appropriateness", "accessibility", "communication"},
		},
		{name: "short question judged leniently", text: "Any other comments?"},
		{name: "short question far too hard", text: "Rate the accessibility of information provided", wantAdvice: true, wantWords: []string{"accessibility", "information"}},
		{
			name:       "only the first five long words",
			text:       "Accessibility, communication, individuality, opportunity, identification, professionalism.",
			wantAdvice: true,
			wantWords:  []string{"Accessibility", "communication", "individuality", "opportunity", "identification"},
		},
	}
	c := NewChecker(nil)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.CheckQuestion(tt.text, tt.hint)
			var ra []Advice
			for _, a := range got {
				if a.Kind == KindReadingAge {
					ra = append(ra, a)
				}
			}
			if gotAdvice := len(ra) > 0; gotAdvice != tt.wantAdvice {
				t.Fatalf("reading age advice = %v, want %v (all advice: %+v)", gotAdvice, tt.wantAdvice, got)
			}
			if !tt.wantAdvice {
				return
			}
			a := ra[0]
			if !slices.Equal(a.Words, tt.wantWords) {
				t.Errorf("words = %q, want %q", a.Words, tt.wantWords)
			}
			if !strings.HasPrefix(a.Message, "The reading age is about ") || !strings.Contains(a.Message, "aim for 9") {
				t.Errorf("message = %q, want the reading age and the aim", a.Message)
			}
			if !strings.Contains(a.Message, tt.wantInMsg) {
				t.Errorf("message = %q, want it to contain %q", a.Message, tt.wantInMsg)
			}
		})
	}
}

func TestCheckJargonMatching(t *testing.T) {
	tests := []struct {
		name string
		text string
		want []string // terms as written
	}{
		{"acronym", "Does your LA help?", []string{"LA"}},
		{"acronym inside a word", "Was the lab or the salad good?", nil},
		{"acronym in small letters", "Is it la or ot or send or salt?", nil},
		{"acronym in other case", "Was the La or the Ot helpful?", nil},
		{"not is not OT", "Did you not get it? It was NOT fair.", nil},
		{"acronym in shouting", "WHAT DID YOUR LA DO?", []string{"LA"}},
		{"plural", "How many EHCPs and OTs?", []string{"EHCPs", "OTs"}},
		{"possessive", "Was the EHCP's wording clear?", []string{"EHCP"}},
		{"hyphenated", "Is it an LA-run school?", []string{"LA"}},
		{"alias", "Did the SENDCo reply?", []string{"SENDCo"}},
		{"alias in any case", "Did the senco reply?", []string{"senco"}},
		{"longest name wins", "Does your child get SEN support?", []string{"SEN support"}},
		{"SEN is not SEND", "SEND and SEN.", []string{"SEND", "SEN"}},
		{"phrase in any case", "Have you used the Local Offer?", []string{"Local Offer"}},
		{"phrase across a line break", "Have you used the local\noffer?", []string{"local\noffer"}},
		{"phrase split by punctuation", "Is it local, offer or not?", nil},
		{"phrase plural", "How were the annual reviews?", []string{"annual reviews"}},
		{"phrase spellings", "Co-production, co production and coproduction.", []string{"Co-production"}},
		{"acronym word of a phrase keeps its case", "Have you got an ehc plan or an EHC Plan?", []string{"EHC Plan"}},
		{"word inside a longer word", "Transitional arrangements.", nil},
		{"each term once, first place", "Our LA said the LA would call.", []string{"LA"}},
		{"curly apostrophe", "The LA’s reply.", []string{"LA"}},
	}
	c := NewChecker(DefaultJargon())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got []string
			for _, a := range c.CheckQuestion(tt.text, "") {
				if a.Kind == KindJargon {
					got = append(got, a.Term)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("CheckQuestion(%q) jargon = %q, want %q", tt.text, got, tt.want)
			}
		})
	}
}

func TestCheckJargonExplained(t *testing.T) {
	tests := []struct {
		name string
		text string
		hint string
		want []string
	}{
		{"unexplained", "Does your child have an EHCP?", "", []string{"jargon:text:EHCP"}},
		{"unrelated hint", "Does your child have an EHCP?", "Choose one answer.", []string{"jargon:text:EHCP"}},
		{"explained in brackets after", "Does your child have an EHCP (a plan for their support)?", "", nil},
		{"spelt out before", "Does your child have an Education, Health and Care plan (EHCP)?", "", nil},
		{"spelt out in the hint", "Does your child have an EHCP?", "An Education, Health and Care plan sets out the help your child must get.", nil},
		{"hint starts with the term and a colon", "Does your child have an EHCP?", "EHCP: a legal document describing your child's needs.", nil},
		{"hint says what it means", "Has your child seen an OT?", "OT means occupational therapy.", nil},
		{"hint with a dash", "Has your child seen an OT?", "OT - someone who helps with everyday tasks.", nil},
		{"hint in its own words", "Does your child have an EHCP?", "This is the legal document that describes what your child needs.", nil},
		{"hint with too few key words", "Does your child have an EHCP?", "Tell us about your child's needs and the help they get.", []string{"jargon:text:EHCP"}},
		{"key words in the question do not count", "Does the legal document describing your child's EHCP help?", "", []string{"jargon:text:EHCP"}},
		{"bracket list is not an explanation", "Have you seen anyone (OT or SALT)?", "", []string{"jargon:text:OT", "jargon:text:SALT"}},
		{"hyphen joining words is not a dash", "Was the OT-led group good?", "", []string{"jargon:text:OT"}},
		{"explained once is enough", "Did the LA (the council) reply? Was the LA helpful?", "", nil},
		{"only in the hint", "Who helped?", "For example, your SENCO.", []string{"jargon:hint:SENCO"}},
		{"phrase explained", "Have you used the local offer?", "The local offer: the council's website listing support and services in your area.", nil},
		{"misspelling pointed out even when explained", "Does your child have an ECHP (a plan)?", "", []string{"jargon:text:ECHP"}},
	}
	c := NewChecker(DefaultJargon())
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var jargon []Advice
			for _, a := range c.CheckQuestion(tt.text, tt.hint) {
				if a.Kind == KindJargon {
					jargon = append(jargon, a)
				}
			}
			if got := kinds(t, jargon); !slices.Equal(got, tt.want) {
				t.Errorf("CheckQuestion(%q, %q) = %q, want %q", tt.text, tt.hint, got, tt.want)
			}
		})
	}
}

func TestJargonAdvice(t *testing.T) {
	c := NewChecker(DefaultJargon())
	t.Run("explanation offered", func(t *testing.T) {
		got := c.CheckQuestion("Has your child seen an OT?", "")
		want := []Advice{{
			Kind:       KindJargon,
			Field:      FieldText,
			Message:    `Not every family will know what "OT" means. Explain it in the hint, for example: "occupational therapy (OT): help with everyday tasks such as dressing, writing and using equipment".`,
			Term:       "OT",
			Suggestion: "occupational therapy (OT): help with everyday tasks such as dressing, writing and using equipment",
		}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CheckQuestion() = %+v, want %+v", got, want)
		}
	})
	t.Run("misspelling", func(t *testing.T) {
		got := c.CheckQuestion("Has your child got an ECHP?", "")
		want := []Advice{{
			Kind:       KindJargon,
			Field:      FieldText,
			Message:    `"ECHP" looks like a misspelling of "EHCP".`,
			Term:       "ECHP",
			Suggestion: "EHCP",
		}}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("CheckQuestion() = %+v, want %+v", got, want)
		}
	})
}

func TestDefaultExplanationsExplain(t *testing.T) {
	// Following the advice must make it go away: each default explanation,
	// put in the hint, explains its term and brings in no other jargon.
	c := NewChecker(DefaultJargon())
	for _, term := range DefaultJargon() {
		if strings.HasPrefix(term.Explanation, "misspelling of") {
			continue
		}
		t.Run(term.Term, func(t *testing.T) {
			q := fmt.Sprintf("Tell us about the %s.", term.Term)
			for _, a := range c.CheckQuestion(q, term.Explanation) {
				if a.Kind == KindJargon {
					t.Errorf("CheckQuestion(%q, %q) gave %q", q, term.Explanation, a.Message)
				}
			}
		})
	}
}

func TestCheckQuestionOrder(t *testing.T) {
	c := NewChecker(DefaultJargon())
	text := "Thinking about the last twelve months, how satisfied or dissatisfied have you been with the communication you have received from your LA about your child's provision and their CAMHS support?"
	hint := "Include letters, emails or calls from the SENCO or the LA."
	want := []string{"long_sentence:text", "reading_age:", "jargon:text:LA", "jargon:text:provision", "jargon:text:CAMHS", "jargon:hint:SENCO"}
	for i := range 3 {
		if got := kinds(t, c.CheckQuestion(text, hint)); !slices.Equal(got, want) {
			t.Errorf("run %d: CheckQuestion() = %q, want %q", i, got, want)
		}
	}
}

func TestCheckQuestionNothingToSay(t *testing.T) {
	c := NewChecker(DefaultJargon())
	for _, q := range [][2]string{
		{"", ""},
		{"How old is your child?", ""},
		{"Does your child have an education, health and care plan (EHCP)?", ""},
		{"Which needs does your child have?", "Choose all that apply."},
	} {
		t.Run(q[0], func(t *testing.T) {
			if got := c.CheckQuestion(q[0], q[1]); got != nil {
				t.Errorf("CheckQuestion(%q, %q) = %+v, want nil", q[0], q[1], got)
			}
		})
	}
}

func TestNewCheckerIgnoresUnusableNames(t *testing.T) {
	c := NewChecker([]Term{
		{Term: "--", Explanation: "nothing to find"},
		{Term: "OT", Explanation: "first"},
		{Term: "OT", Aliases: []string{"O.T."}, Explanation: "second"},
	})
	got := c.CheckQuestion("Has an OT or an O.T. seen your child?", "")
	if len(got) != 2 || got[0].Suggestion != "first" || got[1].Suggestion != "second" {
		t.Errorf("CheckQuestion() = %+v, want OT from the first term, O.T. from the second", got)
	}
}

func ExampleChecker_CheckQuestion() {
	c := NewChecker(DefaultJargon())
	for _, a := range c.CheckQuestion("Has your child had an assessment from CAMHS?", "") {
		fmt.Println(a.Kind+":", a.Message)
	}
	// Output:
	// jargon: Not every family will know what "CAMHS" means. Explain it in the hint, for example: "Child and Adolescent Mental Health Services (CAMHS): the NHS service that helps children and young people with their mental health".
}

func ExampleChecker_CheckQuestion_manyKinds() {
	c := NewChecker(DefaultJargon())
	text := "Thinking about the last twelve months, how satisfied or dissatisfied have you been with the communication you have received from the LA about your child's provision?"
	hint := "Include letters, emails and phone calls from the SENCO."
	for _, a := range c.CheckQuestion(text, hint) {
		fmt.Println(strings.TrimSpace(a.Kind + " " + a.Field + " " + a.Term))
	}
	// Output:
	// long_sentence text Thinking about the last twelve months, how satisfied or dissatisfied have you been with the communication you have received from the LA about your child's provision?
	// reading_age
	// jargon text LA
	// jargon text provision
	// jargon hint SENCO
}

func BenchmarkCheckQuestion(b *testing.B) {
	c := NewChecker(DefaultJargon())
	text := "Thinking about the last twelve months, how satisfied are you with the communication you have received from the local authority about your child's provision?"
	hint := "Include letters, emails and phone calls from the SENCO, the LA and CAMHS."
	b.ReportAllocs()
	for b.Loop() {
		c.CheckQuestion(text, hint)
	}
}
