// Package demo holds the survey that FamilyVoice installs on an empty
// database, so that a forum sees the product working at once: two rounds
// of a local-area SEND survey and deterministic synthetic responses whose
// comments read like those real families write.
package demo

import (
	"bytes"
	_ "embed"
	"fmt"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// The slugs of the two rounds of the demo survey. The current round keeps
// the plain slug, so that links to it stay the same from year to year.
const (
	Slug         = "send-local-area"
	PreviousSlug = "send-local-area-2025"
)

// DefaultResponses is how many responses the demo installs for the current
// round, and PreviousResponses for the round before: about what a county
// forum's local-area survey gathers.
const (
	DefaultResponses  = 420
	PreviousResponses = 380
)

//go:embed send-local-area.json
var currentJSON []byte

//go:embed send-local-area-2025.json
var previousJSON []byte

// Round is one round of the demo survey: its definition, when it was open
// and how many responses the demo installs.
type Round struct {
	Definition *survey.Definition
	// Opens and Closes bound every generated SubmittedAt.
	Opens, Closes time.Time
	Responses     int
	// Previous is the slug of the round before, or "".
	Previous string
}

// Rounds returns both rounds, current first. Each call parses the
// embedded definitions afresh, so callers may change what they get.
func Rounds() []Round {
	cur, prev := roundParams(Slug), roundParams(PreviousSlug)
	return []Round{
		{Definition: mustParse(currentJSON), Opens: cur.opens, Closes: cur.closes, Responses: DefaultResponses, Previous: PreviousSlug},
		{Definition: mustParse(previousJSON), Opens: prev.opens, Closes: prev.closes, Responses: PreviousResponses},
	}
}

// Surveys returns the definitions of both rounds, current first.
func Surveys() []*survey.Definition {
	return []*survey.Definition{mustParse(currentJSON), mustParse(previousJSON)}
}

// Source returns the embedded definition file for slug as it is written,
// for callers that store a definition's text rather than its parsed form.
func Source(slug string) ([]byte, bool) {
	switch slug {
	case Slug:
		return bytes.Clone(currentJSON), true
	case PreviousSlug:
		return bytes.Clone(previousJSON), true
	}
	return nil, false
}

// PreviousRoundSlug returns the slug of the round before slug, or "" if
// the demo has none.
func PreviousRoundSlug(slug string) string {
	if slug == Slug {
		return PreviousSlug
	}
	return ""
}

// Window returns when the round with the given slug was open. Any slug
// but PreviousSlug gets the current round's window, so that Generate
// works on a copy of the survey saved under another name.
func Window(slug string) (opens, closes time.Time) {
	p := roundParams(slug)
	return p.opens, p.closes
}

// mustParse parses an embedded definition. The tests parse both, so a
// panic here means the binary was built from a broken tree.
func mustParse(b []byte) *survey.Definition {
	d, err := survey.ParseDefinition(bytes.NewReader(b))
	if err != nil {
		panic(fmt.Sprintf("demo: embedded definition: %v", err))
	}
	return d
}
