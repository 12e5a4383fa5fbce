package analysis

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"
)

// AreaIDs are the five service areas in their canonical order: the order
// of every list of areas this package writes, and of the survey package's
// areas, so that a CSV column or a report reads the same everywhere.
var AreaIDs = []string{"education", "health", "social_care", "autism", "post16"}

// Taxonomy is what comments are coded to: the five service areas and the
// cross-cutting themes families raise across them. The default is
// embedded; a forum may load its own to add local service names (a
// school's or a team's name) or themes of its own.
type Taxonomy struct {
	Areas  []Entry `json:"areas"`
	Themes []Entry `json:"themes"`
}

// Entry is one service area or theme and the words that point to it.
//
// Terms and weak terms are words or phrases matched on their stems, so
// "school" also finds "schools" and "wait" finds "waiting". A word
// written with a leading "=" must match exactly ("=caring" but not
// "care"), and a word written in capitals must be typed in capitals, for
// abbreviations that are also ordinary words ("SEND", "TA", "LA"). A term
// counts 1 and a weak term 0.5; an entry applies to a comment once the
// distinct terms found add up to 1. Exclusions are phrases that cancel any
// term they overlap: "waiting room" is not a wait.
type Entry struct {
	ID          string   `json:"id"`
	Label       string   `json:"label"`
	Description string   `json:"description"`
	Terms       []string `json:"terms"`
	WeakTerms   []string `json:"weak_terms,omitempty"`
	Exclusions  []string `json:"exclusions,omitempty"`
	// SkipNegated drops a term when the comment negates it, for themes
	// such as praise where "not helpful" means the opposite.
	SkipNegated bool `json:"skip_negated,omitempty"`
	// Areas, for a theme, are the service areas its terms hint at: a
	// comment about assessment and diagnosis that answered the autism
	// question is about autism even if it never says the word. A hint
	// counts as a weak term of the area.
	Areas []string `json:"areas,omitempty"`
}

//go:embed taxonomy.json
var defaultTaxonomyJSON []byte

// DefaultTaxonomy returns a fresh copy of the embedded SEND taxonomy,
// which the caller may change.
func DefaultTaxonomy() *Taxonomy {
	t, err := LoadTaxonomy(bytes.NewReader(defaultTaxonomyJSON))
	if err != nil {
		// The embedded file is tested; reaching here means a broken build.
		panic("analysis: embedded taxonomy: " + err.Error())
	}
	return t
}

// LoadTaxonomy reads a taxonomy in the JSON format of the embedded one.
// Parsing is strict, since a misspelt field name would otherwise silently
// drop a forum's terms: unknown fields, trailing data, missing or
// duplicate ids, and unusable terms are errors naming the entry.
func LoadTaxonomy(r io.Reader) (*Taxonomy, error) {
	dec := json.NewDecoder(r)
	dec.DisallowUnknownFields()
	var t Taxonomy
	if err := dec.Decode(&t); err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return nil, errors.New("taxonomy: unexpected data after the taxonomy object")
	}
	if err := t.Validate(); err != nil {
		return nil, err
	}
	return &t, nil
}

// Validate checks that the taxonomy has each of the five service areas
// once, that every id is a lower-case snake_case word used once, and that
// every entry has a label and at least one usable term.
func (t *Taxonomy) Validate() error {
	seen := map[string]string{}
	for i := range t.Areas {
		e := &t.Areas[i]
		if err := e.validate("area", i, seen); err != nil {
			return err
		}
		if !isAreaID(e.ID) {
			return fmt.Errorf("taxonomy: area %q: not one of the service areas %s", e.ID, strings.Join(AreaIDs, ", "))
		}
	}
	for _, id := range AreaIDs {
		if seen[id] != "area" {
			return fmt.Errorf("taxonomy: area %q is missing", id)
		}
	}
	if len(t.Themes) > maxThemes {
		return fmt.Errorf("taxonomy: %d themes, at most %d", len(t.Themes), maxThemes)
	}
	for i := range t.Areas {
		if len(t.Areas[i].Areas) > 0 {
			return fmt.Errorf("taxonomy: area %q: areas applies to themes only", t.Areas[i].ID)
		}
	}
	for i := range t.Themes {
		e := &t.Themes[i]
		if err := e.validate("theme", i, seen); err != nil {
			return err
		}
		for _, a := range e.Areas {
			if !isAreaID(a) {
				return fmt.Errorf("taxonomy: theme %q: areas: %q is not one of the service areas %s", e.ID, a, strings.Join(AreaIDs, ", "))
			}
		}
	}
	return nil
}

func (e *Entry) validate(kind string, i int, seen map[string]string) error {
	if e.ID == "" {
		return fmt.Errorf("taxonomy: %s %d: id is missing", kind, i+1)
	}
	name := fmt.Sprintf("%s %q", kind, e.ID)
	if !isSnakeCase(e.ID) {
		return fmt.Errorf("taxonomy: %s: id must be lower-case letters, digits and underscores", name)
	}
	if prev, dup := seen[e.ID]; dup {
		return fmt.Errorf("taxonomy: %s: id already used by an %s", name, prev)
	}
	seen[e.ID] = kind
	if strings.TrimSpace(e.Label) == "" {
		return fmt.Errorf("taxonomy: %s: label is missing", name)
	}
	if len(e.Terms)+len(e.WeakTerms) == 0 {
		return fmt.Errorf("taxonomy: %s: has no terms", name)
	}
	lists := []struct {
		field string
		terms []string
	}{{"terms", e.Terms}, {"weak_terms", e.WeakTerms}, {"exclusions", e.Exclusions}}
	for _, l := range lists {
		dup := map[string]bool{}
		for j, term := range l.terms {
			if _, err := parseTerm(term); err != nil {
				return fmt.Errorf("taxonomy: %s: %s %d %q: %w", name, l.field, j+1, term, err)
			}
			key := strings.ToLower(strings.Join(strings.Fields(term), " "))
			if dup[key] {
				return fmt.Errorf("taxonomy: %s: %s %d %q: listed twice", name, l.field, j+1, term)
			}
			dup[key] = true
		}
	}
	return nil
}

// Area returns the area entry with the given id, or nil.
func (t *Taxonomy) Area(id string) *Entry { return findEntry(t.Areas, id) }

// Theme returns the theme entry with the given id, or nil.
func (t *Taxonomy) Theme(id string) *Entry { return findEntry(t.Themes, id) }

func findEntry(es []Entry, id string) *Entry {
	for i := range es {
		if es[i].ID == id {
			return &es[i]
		}
	}
	return nil
}

func isAreaID(id string) bool {
	for _, a := range AreaIDs {
		if a == id {
			return true
		}
	}
	return false
}

func isSnakeCase(s string) bool {
	if s == "" || s[0] == '_' || s[len(s)-1] == '_' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// termWord is one word of a parsed term.
type termWord struct {
	key   string // the stem, or for an exact word the corrected word
	exact bool
	caps  bool
}

// termTokens is the shared cache used to parse terms; terms are few, so
// sharing it between classifiers costs nothing.
var termTokens = newStemCache(nil)

// parseTerm splits a term into the words it matches, marking exact
// ("=word") and case-sensitive (ALLCAPS) words.
func parseTerm(term string) ([]termWord, error) {
	var out []termWord
	fields := strings.Fields(term)
	if len(fields) == 0 {
		return nil, errors.New("is empty")
	}
	for _, f := range fields {
		exact := strings.HasPrefix(f, "=")
		if exact {
			f = f[1:]
		}
		toks := termTokens.tokenize(f, nil) // "&" alone gives none: skip it
		for _, t := range toks {
			caps := t.caps && t.end-t.start >= 2
			if caps {
				letters := 0
				for _, r := range f[t.start:t.end] {
					if 'A' <= r && r <= 'Z' {
						letters++
					}
				}
				caps = letters >= 2
			}
			w := termWord{key: t.stem, exact: exact, caps: caps}
			if exact {
				w.key = t.norm
			}
			out = append(out, w)
		}
	}
	if len(out) == 0 {
		return nil, errors.New("has no letters or digits")
	}
	if len(out) > maxTermWords {
		return nil, fmt.Errorf("has more than %d words", maxTermWords)
	}
	return out, nil
}

// maxTermWords keeps phrases short enough that matching stays cheap.
const maxTermWords = 8
