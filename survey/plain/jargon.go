package plain

import (
	"bytes"
	_ "embed"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Term is a piece of jargon and a plain explanation of it.
//
// Names (Term and each alias) are matched as whole words: "LA" is never
// found in "lab". A word with two or more capital letters, such as "LA",
// "SEND" or "SENDCo", is found only when written exactly so, so that
// "send" the verb is not mistaken for SEND; any other word is found
// whatever its case, so "local offer" finds "Local Offer". A plural
// ending in "s" is found too: "EHCPs", "tribunals".
type Term struct {
	// Term is the usual way of writing it: "EHCP", "local offer".
	Term string
	// Aliases are other ways of writing the same thing: "SENDCo" for
	// "SENCO".
	Aliases []string
	// Explanation is what to put in a question's hint, in words a
	// family would understand. For an abbreviation, start with what it
	// stands for and the abbreviation in brackets, then a colon and
	// what it means: "local authority (LA): the council". An
	// explanation of the form "misspelling of EHCP" marks a common
	// misspelling, which is pointed out even when explained.
	Explanation string
}

// names returns the term's name and its aliases.
func (t Term) names() []string {
	return append([]string{t.Term}, t.Aliases...)
}

// NameSeparator separates a term's name from its aliases in the term
// column of the CSV format: "SENCO|SENDCo".
const NameSeparator = "|"

// Limits on the cells of a jargon list, which catch text pasted into the
// wrong column rather than limit what a forum may say.
const (
	maxNameRunes        = 80
	maxExplanationRunes = 500
)

//go:embed jargon.csv
var defaultJargonCSV []byte

// DefaultJargonCSV returns the default jargon list as CSV, for a forum to
// download, edit in a spreadsheet and load back with LoadJargon.
func DefaultJargonCSV() []byte {
	return bytes.Clone(defaultJargonCSV)
}

// DefaultJargon returns a fresh copy of the default jargon list: the
// abbreviations and terms of the SEND system that families most often
// meet without explanation.
func DefaultJargon() []Term {
	terms, err := LoadJargon(bytes.NewReader(defaultJargonCSV))
	if err != nil {
		// The embedded file is tested; reaching here means a broken build.
		panic("plain: embedded jargon list: " + err.Error())
	}
	return terms
}

// InputError is a problem at one place in a jargon list, put so that a
// member of staff can find it in their spreadsheet.
type InputError struct {
	Line   int    // 1-based line in the file
	Column string // the column's heading, or "" for the whole line
	Msg    string
}

func (e *InputError) Error() string {
	if e.Column == "" {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d, column %q: %s", e.Line, e.Column, e.Msg)
}

// LoadJargon reads a jargon list in CSV with a header row naming a "term"
// and an "explanation" column, in either order; other columns are
// ignored, so a forum may keep notes beside its terms. The term column
// holds the usual name, then any aliases, separated by "|":
//
//	term,explanation
//	SENCO|SENDCo,the teacher in charge of special educational needs at a school
//
// Blank rows are skipped and a leading byte-order mark, which spreadsheet
// programs write, is ignored. The first problem found is returned as an
// *InputError naming its line.
func LoadJargon(r io.Reader) ([]Term, error) {
	cr := csv.NewReader(r)
	header, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return nil, &InputError{Line: 1, Msg: "the file is empty: the first row must be the header term,explanation"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	termCol, explCol := -1, -1
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		switch strings.ToLower(strings.TrimSpace(h)) {
		case "term":
			if termCol >= 0 {
				return nil, &InputError{Line: 1, Column: "term", Msg: "this column appears twice in the header"}
			}
			termCol = i
		case "explanation":
			if explCol >= 0 {
				return nil, &InputError{Line: 1, Column: "explanation", Msg: "this column appears twice in the header"}
			}
			explCol = i
		}
	}
	if termCol < 0 || explCol < 0 {
		return nil, &InputError{Line: 1, Msg: `the first row must be the header term,explanation`}
	}

	var terms []Term
	seen := map[string]int{} // name -> line
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return terms, nil
		}
		if err != nil {
			return nil, csvError(err)
		}
		line, _ := cr.FieldPos(0)
		for _, f := range rec {
			if !utf8.ValidString(f) {
				return nil, &InputError{Line: line, Msg: `the text is not UTF-8: save the file as "CSV UTF-8"`}
			}
		}
		t, ierr := parseTermRow(rec[termCol], rec[explCol], line, seen)
		if ierr != nil {
			return nil, ierr
		}
		if t.Term != "" {
			terms = append(terms, t)
		}
	}
}

// parseTermRow checks one row of a jargon list and returns its term, or
// an empty Term for a blank row. seen maps each name already read to its
// line and gains the row's names.
func parseTermRow(termCell, explanation string, line int, seen map[string]int) (Term, *InputError) {
	termCell = strings.TrimSpace(termCell)
	explanation = strings.Join(strings.Fields(explanation), " ")
	if termCell == "" && explanation == "" {
		return Term{}, nil
	}
	if termCell == "" {
		return Term{}, &InputError{Line: line, Column: "term", Msg: "the term is empty: write the word or abbreviation to look for"}
	}
	var names []string
	for n := range strings.SplitSeq(termCell, NameSeparator) {
		n = strings.Join(strings.Fields(n), " ")
		switch {
		case n == "":
			return Term{}, &InputError{Line: line, Column: "term", Msg: "there is an empty name beside a | sign"}
		case !hasWord(n):
			return Term{}, &InputError{Line: line, Column: "term", Msg: fmt.Sprintf("%q has no letters or digits", n)}
		case utf8.RuneCountInString(n) > maxNameRunes:
			return Term{}, &InputError{Line: line, Column: "term", Msg: fmt.Sprintf("a name is %d characters long; a term is a word or short phrase of up to %d", utf8.RuneCountInString(n), maxNameRunes)}
		}
		if prev, dup := seen[n]; dup {
			return Term{}, &InputError{Line: line, Column: "term", Msg: fmt.Sprintf("%q is already on line %d", n, prev)}
		}
		seen[n] = line
		names = append(names, n)
	}
	if explanation == "" {
		return Term{}, &InputError{Line: line, Column: "explanation", Msg: fmt.Sprintf("the explanation is empty: say in plain words what %q means", names[0])}
	}
	if n := utf8.RuneCountInString(explanation); n > maxExplanationRunes {
		return Term{}, &InputError{Line: line, Column: "explanation", Msg: fmt.Sprintf("the explanation is %d characters long: keep it under %d so that it fits in a hint", n, maxExplanationRunes)}
	}
	t := Term{Term: names[0], Explanation: explanation}
	if len(names) > 1 {
		t.Aliases = names[1:]
	}
	return t, nil
}

// csvError turns the csv package's parse errors into InputErrors.
func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("reading jargon list: %w", err)
	}
	switch {
	case errors.Is(pe.Err, csv.ErrFieldCount):
		return &InputError{Line: pe.StartLine, Msg: "this row has a different number of cells from the header row: put an explanation that has a comma in double quotes"}
	case errors.Is(pe.Err, csv.ErrBareQuote):
		return &InputError{Line: pe.StartLine, Msg: `a cell has a double quote in it: put the whole cell in double quotes and write the quote twice ("")`}
	case errors.Is(pe.Err, csv.ErrQuote):
		return &InputError{Line: pe.StartLine, Msg: "a cell's double quotes do not match: check the quotes on this row and the rows after it"}
	}
	return &InputError{Line: pe.StartLine, Msg: fmt.Sprintf("character %d: %v", pe.Column, pe.Err)}
}

// WriteJargon writes terms as CSV in the format LoadJargon reads.
func WriteJargon(w io.Writer, terms []Term) error {
	cw := csv.NewWriter(w)
	if err := cw.Write([]string{"term", "explanation"}); err != nil {
		return fmt.Errorf("writing jargon list: %w", err)
	}
	for _, t := range terms {
		names := t.names()
		for _, n := range names {
			if strings.TrimSpace(n) == "" || strings.Contains(n, NameSeparator) {
				return fmt.Errorf("writing jargon list: term %q: a name must not be empty or contain %q", t.Term, NameSeparator)
			}
		}
		if err := cw.Write([]string{strings.Join(names, NameSeparator), t.Explanation}); err != nil {
			return fmt.Errorf("writing jargon list: %w", err)
		}
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return fmt.Errorf("writing jargon list: %w", err)
	}
	return nil
}
