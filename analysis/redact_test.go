package analysis

import (
	"strings"
	"testing"
)

func TestRedact(t *testing.T) {
	tests := []struct {
		name, in, want string
	}{
		{"mobile", "call me on 07700 900123 please", "call me on [phone] please"},
		{"mobile no spaces", "07700900123", "[phone]"},
		{"mobile dashes", "07700-900-123", "[phone]"},
		{"international", "ring +44 7700 900123", "ring [phone]"},
		{"international with (0)", "+44 (0)7700 900 123.", "[phone]."},
		{"landline brackets", "(0161) 496-0000", "[phone]"},
		{"london", "020 7946 0000 is the office", "[phone] is the office"},
		{"0044", "0044 7700 900123", "[phone]"},
		{"joined to words", "tel:07700900123x", "tel:[phone]x"},
		{"email", "email jo.bloggs+sen@example.co.uk.", "email [email]."},
		{"email in brackets", "(mum@example.com)", "([email])"},
		{"nhs number spaced", "NHS number 943 476 5919", "NHS number [nhs number]"},
		{"nhs number valid check digit", "his number is 9434765919", "his number is [nhs number]"},
		{"full postcode", "we live at M1 1AE", "we live at [postcode]"},
		{"postcode lower case", "sw1a 1aa", "[postcode]"},
		{"postcode no space", "SW1A1AA", "[postcode]"},
		{"outward code alone", "we're in LS6 now", "we're in [postcode] now"},
		{"outward after postcode", "postcode b33", "postcode [postcode]"},
		{"key stage is not a postcode", "KS2 and Y7 and year 6", "KS2 and Y7 and year 6"},
		{"ordinal is not a postcode", "b1 2nd floor", "b1 2nd floor"},
		{"numeric date", "DOB 12/03/2015", "DOB [date]"},
		{"dotted date", "seen on 3.4.22", "seen on [date]"},
		{"long date", "born on 12th March 2015", "born on [date]"},
		{"month first", "the review is on March 12th, 2024", "the review is on [date]"},
		{"born year", "she was born in 2014", "she was born in [date]"},
		{"month and year kept", "waiting since March 2023", "waiting since March 2023"},
		{"title surname", "Mrs Smith the SENCO", "[name] the SENCO"},
		{"title full name", "Dr Anita Patel was kind", "[name] was kind"},
		{"title with initial", "Mr. J. Smith rang", "[name] rang"},
		{"title lower case", "dr khan said no", "[name] said no"},
		{"miss as a verb", "I miss him when he's at respite", "I miss him when he's at respite"},
		{"dr as a noun", "the dr said to wait", "the dr said to wait"},
		{"my son", "my son Jack has ADHD", "my son [name] has ADHD"},
		{"my son lower case", "my son jack has ADHD", "my son [name] has ADHD"},
		{"my son verb", "my son has ADHD", "my son has ADHD"},
		{"called", "a girl called Zubaida", "a girl called [name]"},
		{"name is", "her name is Maya", "her name is [name]"},
		{"possessive", "Jack's teacher is lovely", "[name]'s teacher is lovely"},
		{"staff name", "our social worker Karen Smith", "our social worker [name]"},
		{"south asian names", "Priya and Mohammed came", "[name] and [name] came"},
		{"polish name", "Zuzanna is 9", "[name] is 9"},
		{"word name mid-sentence", "I spoke to Will about it", "I spoke to [name] about it"},
		{"word name at start", "Will the council ever listen?", "Will the council ever listen?"},
		{"mark as a verb", "Mark the date. mark it down", "Mark the date. mark it down"},
		{"may the month", "May I say, in May we moved", "May I say, in May we moved"},
		{"may as a name", "my daughter May loves it", "my daughter [name] loves it"},
		{"saint", "St Mary's School and Queen Elizabeth Hospital", "St Mary's School and Queen Elizabeth Hospital"},
		{"institution", "Martin House and Stephen Hawking School", "Martin House and Stephen Hawking School"},
		{"place", "we moved from Devon to Chester", "we moved from Devon to Chester"},
		{"service names", "CAMHS, SENDIASS and Alder Hey", "CAMHS, SENDIASS and Alder Hey"},
		{"nothing to redact", "The school is brilliant", "The school is brilliant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Redact(tt.in); got != tt.want {
				t.Errorf("Redact(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

// TestRedactPhoneFormats checks every generated format the fuzz target
// uses, so the formats themselves are known to be redacted.
func TestRedactPhoneFormats(t *testing.T) {
	for f := range phoneFormats {
		phone := fuzzPhone(123456789, uint8(f))
		t.Run(phone, func(t *testing.T) {
			for _, text := range []string{phone, "x" + phone + "y", "12 " + phone + " 34", "(" + phone + ")"} {
				if got := Redact(text); strings.Contains(got, phone) {
					t.Errorf("Redact(%q) = %q", text, got)
				}
			}
		})
	}
}
