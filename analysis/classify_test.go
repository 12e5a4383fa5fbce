package analysis

import (
	"slices"
	"strings"
	"testing"
)

func TestClassifyAreas(t *testing.T) {
	tests := []struct {
		name, text, question string
		want                 []string
	}{
		{"senco misspelt", "the sendco never replies", "", []string{"education"}},
		{"EHCP", "Our EHCP took a year", "", []string{"education"}},
		{"EHC plan", "the EHC plan is vague", "", []string{"education"}},
		{"annual review", "annual review was cancelled", "", []string{"education"}},
		{"LA in capitals", "the LA refused to assess", "", []string{"education"}},
		{"la as a word is not the LA", "la la la", "", nil},
		{"IPSEA", "IPSEA helped us", "", []string{"education"}},
		{"SENDIASS", "sendiass were helpful", "", []string{"education"}},
		{"SEN team", "the SEN team lost our paperwork", "", []string{"education"}},
		{"CAMHS", "CAMHS is a joke", "", []string{"health"}},
		{"SALT", "SALT stopped at 5", "", []string{"health"}},
		{"SLT", "the SLT gave us exercises", "", []string{"health"}},
		{"OT", "OT came to the house", "", []string{"health"}},
		{"paediatrician American", "the pediatrician appointmnet was cancelled", "", []string{"health"}},
		{"paeds", "peads discharged him", "", []string{"health"}},
		{"therapy misspelt", "no theraphy for a year", "", []string{"health"}},
		{"SEMH", "SEMH support is poor", "", []string{"health"}},
		{"social worker", "our social worker is great", "", []string{"social_care"}},
		{"PA", "we can't find a PA", "", []string{"social_care"}},
		{"CDT", "the CDT closed our case", "", []string{"social_care"}},
		{"short breaks", "short breaks are a lifeline", "", []string{"social_care"}},
		{"direct payments", "direct payments are hard to manage", "", []string{"social_care"}},
		{"autism misspelt", "autisim assesment took 3 years", "", []string{"autism"}},
		{"ASD", "ASD diagnosis at 4", "", []string{"autism"}},
		{"ASC", "the ASC pathway", "", []string{"autism"}},
		{"ADHD", "ADHD meds helped", "", []string{"health", "autism"}},
		{"PfA", "no PfA review yet", "", []string{"post16"}},
		{"college", "college have been brilliant", "", []string{"post16"}},
		{"adult services", "moving to adult services at 18", "", []string{"post16"}},
		{"three areas", "School, CAMHS and the social worker all blame each other", "", []string{"education", "health", "social_care"}},
		{"question area by default", "It has been really good", "health", []string{"health"}},
		{"other area named", "CAMHS were useless", "education", []string{"health"}},
		{"weak hint in question area", "the appointment was late", "health", []string{"health"}},
		{"weak hint elsewhere", "the appointment was late", "", nil},
		{"theme hints question area", "still waiting for the assessment, no diagnosis", "autism", []string{"autism"}},
		{"no comment", "no comment", "education", nil},
		{"n/a", "N/A", "health", nil},
		{"thanks", "Thanks for the survey", "social_care", nil},
		{"nothing to add", "Nothing to add.", "education", nil},
		{"empty", "   ", "education", nil},
		{"unknown question area", "It was fine", "housing", nil},
		{"waiting room", "the GP waiting room was busy", "", []string{"health"}},
	}
	c := DefaultClassifier()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := c.Classify(tt.text, tt.question)
			if !slices.Equal(got.Areas, tt.want) {
				t.Errorf("Classify(%q, %q) areas = %v, want %v (%s)", tt.text, tt.question, got.Areas, tt.want, reasonString(got))
			}
		})
	}
}

func TestClassifySentiment(t *testing.T) {
	tests := []struct {
		text string
		want Sentiment
	}{
		{"The SENCO was amazing", Positive},
		{"We couldn't have managed without the short breaks", Positive},
		{"Brilliant service", Positive},
		{"so grateful to the nurses", Positive},
		{"respite is a lifeline", Positive},
		{"can't fault them", Positive},
		{"no complaints at all", Positive},
		{"Had to fight for everything", Negative},
		{"a constant battle", Negative},
		{"I had to chase the GP", Negative},
		{"We waited two years for an assessment", Negative},
		{"still waiting for a diagnosis", Negative},
		{"he fell through the gaps", Negative},
		{"we were left to cope", Negative},
		{"nobody listens", Negative},
		{"CAMHS were not helpful", Negative},
		{"the social worker wasn't helpful at all", Negative},
		{"never listened to us", Negative},
		{"no support", Negative},
		{"we didn't get an appointment", Negative},
		{"the school was not great", Negative},
		{"never supportive", Negative},
		{"the report was not very good", Negative},
		{"not bad", Positive},
		{"The school is brilliant but CAMHS is a joke", Mixed},
		{"Lovely staff but we waited 18 months and had to chase every week", Mixed},
		{"He goes to the local primary school", Neutral},
		{"The annual review is next week", Neutral},
		{"It would be good if the nurse could visit", Neutral},
		{"n/a", Neutral},
		{"Thanks for the survey", Neutral},

		// Praise, then a turn: what follows "but" need not name a fault.
		{"The respite centre is brilliant but it is forty minutes from us", Mixed},
		{"His key worker was really kind, although the letters never arrive on time", Mixed},
		{"She's lovely. However, she is leaving at Easter", Mixed},
		{"nothing but praise for the ward staff", Positive},
		// Concessions and hollow praise are politeness, not praise.
		{"I appreciate everyone is busy but we still have no date for the review", Negative},
		{"I know they are stretched, however three cancelled visits is not on", Negative},
		{"It sounds good on paper but nothing actually happens", Negative},
		{"I appreciate they are busy, but a phone call back would be good", Neutral},
		// Sarcasm.
		{"Oh great, the panel said no again", Negative},
		{"Fantastic, they lost the paperwork again", Negative},
		{"Lucky us, we waited two years for a wheelchair", Negative},
		{"The 'excellent' service took a year to reply", Negative},
		{"The \u2018excellent\u2019 service took a year to reply", Negative},
		{"Great, thank you", Positive},
		// Conditions are not events.
		{"Who do I ask if the plan is not being followed?", Neutral},
		{"The school are great and ring me straight away if there is a problem", Positive},
		{"Even if we complain, nothing happens", Negative},
		// How the child copes is need, not a verdict on services.
		{"She finds loud places really hard and has meltdowns after school", Neutral},
		{"We are exhausted and struggling", Negative},
		{"He finds it hard to sleep at night", Neutral},
		{"He has meltdowns every day and nobody will help us", Negative},
		// Requests, plain questions and descriptions are neutral.
		{"More evening clubs for teenagers would be good", Neutral},
		{"Is there a group for dads?", Neutral},
		{"He is in year 9 and has an EHCP", Neutral},
		{"My son is 12 and goes to a special school", Neutral},
		// Saying so in words.
		{"It has been hit and miss", Mixed},
		{"Still no reply from the panel. Thank you", Negative},
		{"Thank you to the nurses, they were lovely", Positive},
		{"See my answer to the last question", Neutral},
		{"as per my earlier answer", Neutral},
		{"The TAs work really hard with him", Positive},
		{"Direct payments have been a game changer", Positive},
		{"It took a formal complaint to get anything done", Negative},
		{"He is too old for the service now", Negative},
		// Advocacy is praise when a professional does it.
		{"Our social worker fought for a bigger package for us", Positive},
		{"We fought for two years to get a place", Negative},
		{"Tired of fighting for everything", Negative},
		// Waiting is news unless the comment complains of it.
		{"We are waiting for the amended plan.", Neutral},
		{"He has been on the waiting list for an assessment since January.", Neutral},
		{"How long is the wait for an assessment?", Neutral},
		{"Yet another waiting list.", Negative},
		{"Waiting, waiting and more waiting!", Negative},
		{"The waiting list for the sleep clinic is over a year.", Negative},
		// Services not used, answers that do not apply, not knowing.
		{"We don't use any services at the moment", Neutral},
		{"None at the moment", Neutral},
		{"Not applicable to us", Neutral},
		{"nothing else to say thank you", Neutral},
		{"Not sure who to ask about this.", Neutral},
		{"Nobody at the GP has heard of PDA.", Negative},
		// Questions for information, and questions that complain.
		{"What is a local offer?", Neutral},
		{"Can I get help with transport costs?", Neutral},
		{"What support?", Negative},
		{"Is anyone actually reading these?", Negative},
		// Suggestions are neutral unless they tell of a failure.
		{"Training for lunchtime staff would be really useful.", Neutral},
		{"Perhaps the council could send letters in easy read.", Neutral},
		{"It would help if the council actually answered emails.", Negative},
		{"Would be nice to get a call back for a change.", Negative},
		// What the child can and cannot do is need; what the child
		// did not get is a failure.
		{"He has meltdowns most evenings and doesn't sleep well.", Neutral},
		{"Our daughter struggles with change and finds transitions really hard.", Neutral},
		{"Our son can't read yet.", Neutral},
		{"He hasn't had any speech therapy this year.", Negative},
		{"He is 20 and has no day service.", Negative},
		// Thanks for a failure is sarcasm; thanks for help in hard times
		// is thanks.
		{"Thanks so much to the council for losing our paperwork for the third time", Negative},
		{"Well done to CAMHS for discharging him a week after his overdose.", Negative},
		{"Great job losing his records again.", Negative},
		{"Thank you for staying late to finish the assessment.", Positive},
		{"Thank you for helping us when we were struggling.", Positive},
		// Praise in idiom, and praise after a fear.
		{"Direct payments have given us our lives back.", Positive},
		{"The social worker has been a rock.", Positive},
		{"His new teacher is a breath of fresh air.", Positive},
		{"I was dreading the review but it was really positive.", Positive},
		{"Not perfect but they do try and he's happy there.", Positive},
		{"Mostly positive, a few hiccups but nothing major.", Positive},
		{"Staff are kind but stretched too thin to really help.", Mixed},
	}
	c := DefaultClassifier()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := c.Classify(tt.text, "")
			if got.Sentiment != tt.want {
				t.Errorf("sentiment = %s, want %s (%s)", got.Sentiment, tt.want, reasonString(got))
			}
		})
	}
}

func TestClassifyThemes(t *testing.T) {
	tests := []struct {
		text    string
		want    string
		present bool
	}{
		{"still on the waiting list after two years", "waiting_times", true},
		{"we sat in the waiting room", "waiting_times", false},
		{"nobody listens to parents", "communication", true},
		{"services don't talk to each other", "joined_up_working", true},
		{"staff have no training in autism", "staff_training", true},
		{"the local offer website is out of date", "information", true},
		{"the EHCP is vague and section F is not quantified", "ehcp_process", true},
		{"no special school places", "placements", true},
		{"I am exhausted and isolated", "parent_wellbeing", true},
		{"moving to adult services at 18", "transitions", true},
		{"the school taxi is late every day", "transport", true},
		{"the nurses are amazing", "praise", true},
		{"the nurses were not helpful", "praise", false},
		{"it would be helpful if someone rang", "praise", false},
		{"she is self harming", "mental_health", true},
		{"excluded three times this term", "exclusions", true},
		{"respite has been cut", "respite", true},
		{"still no diagnosis", "diagnosis", true},
		{"DLA forms are a nightmare", "benefits", true},
		{"he was diagnosed with global developmental delay", "waiting_times", false},
	}
	c := DefaultClassifier()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := c.Classify(tt.text, "")
			if got.HasTheme(tt.want) != tt.present {
				t.Errorf("themes = %v, want %s present=%v (%s)", got.Themes, tt.want, tt.present, reasonString(got))
			}
		})
	}
}

func TestClassifySafeguarding(t *testing.T) {
	tests := []struct {
		text string
		want bool
	}{
		{"my son has been self-harming", true},
		{"she is suicidal and CAMHS won't see her", true},
		{"he says he wants to die", true},
		{"She wants to end it all", true},
		{"I can't cope any more", true},
		{"we are at breaking point", true},
		{"he keeps hurting himself", true},
		{"they locked him in a room", true},
		{"there is violence at home", true},
		{"he hits me when he is upset", true},
		{"she keeps running away", true},
		{"I think he is being abused", true},
		{"the children are neglected", true},
		{"we feel neglected by the council", false},
		{"She can't cope with the noise in the hall", false},
		{"The school is great", false},
		{"locked in a battle with the LA", false},
		{"section F is vague", false},
		{"at the end it was fine", false},
		{"he is in danger of losing his place", false},
		{"she was sectioned last year", true},
		{"Honestly I'm not coping at all", true},
		{"I rang the crisis line last night", true},
		{"He is not coping with the noise in the dining hall", false},
		{"She isn't coping in class", false},
	}
	c := DefaultClassifier()
	for _, tt := range tests {
		t.Run(tt.text, func(t *testing.T) {
			got := c.Classify(tt.text, "")
			if got.Safeguarding != tt.want {
				t.Errorf("safeguarding = %v, want %v (%s)", got.Safeguarding, tt.want, reasonString(got))
			}
			if got.Safeguarding && len(got.Why(SafeguardingCode)) == 0 {
				t.Errorf("flagged with no reason")
			}
		})
	}
}

func TestClassifyReasons(t *testing.T) {
	got := DefaultClassifier().Classify("The sendco wasn't helpful and we waited 2 years", "")
	tests := []struct {
		code, want string
	}{
		{"education", "sendco"},
		{"negative", "wasn't helpful"},
		{"waiting_times", "2 years"},
	}
	for _, tt := range tests {
		t.Run(tt.code, func(t *testing.T) {
			if terms := got.Why(tt.code); !slices.Contains(terms, tt.want) {
				t.Errorf("Why(%q) = %q, want it to include %q", tt.code, terms, tt.want)
			}
		})
	}
	q := DefaultClassifier().Classify("It has been really good", "health")
	if len(q.Reasons) == 0 || q.Reasons[0].Code != "health" || !q.Reasons[0].FromQuestion {
		t.Errorf("got reasons %+v, want health marked as from the question first", q.Reasons)
	}
}

// TestClassifyConcurrent runs the classifier from several goroutines so
// that the race detector can check the stem cache and the scratch pool.
func TestClassifyConcurrent(t *testing.T) {
	c, err := NewClassifier(DefaultTaxonomy())
	if err != nil {
		t.Fatal(err)
	}
	want := c.Classify("The SENCO was brilliant but CAMHS made us wait 2 years", "education")
	done := make(chan Coding)
	for g := 0; g < 4; g++ {
		go func(g int) {
			var last Coding
			for i := 0; i < 200; i++ {
				// Fresh words each time to make the cache publish.
				c.Classify(strings.Repeat("x", g+1)+string(rune('a'+i%26))+" word"+string(rune('a'+i/26)), "")
				last = c.Classify("The SENCO was brilliant but CAMHS made us wait 2 years", "education")
			}
			done <- last
		}(g)
	}
	for g := 0; g < 4; g++ {
		got := <-done
		if !slices.Equal(got.Areas, want.Areas) || got.Sentiment != want.Sentiment {
			t.Errorf("got %v %s, want %v %s", got.Areas, got.Sentiment, want.Areas, want.Sentiment)
		}
	}
}
