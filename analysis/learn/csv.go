package learn

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"unicode/utf8"
)

// LabelSeparator joins a comment's labels in one CSV cell.
const LabelSeparator = ";"

// maxLabelRunes bounds a label's length: longer text in the labels column
// is almost always a comment pasted into the wrong column.
const maxLabelRunes = 200

// InputError is a problem at one place in a CSV file, put so that a
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

// table reads a CSV file with a header row and finds columns by name.
type table struct {
	r      *csv.Reader
	header []string
	cols   map[string]int
}

// openTable reads the header of a CSV file and checks that the required
// columns are there. Names are matched without regard to case or
// surrounding spaces, and a leading byte-order mark (which spreadsheet
// programs write) is ignored.
func openTable(in io.Reader, required ...string) (*table, error) {
	r := csv.NewReader(in)
	r.ReuseRecord = false
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return nil, &InputError{Line: 1, Msg: "the file is empty: it needs a header row naming the columns"}
	}
	if err != nil {
		return nil, csvError(err)
	}
	t := &table{r: r, header: header, cols: map[string]int{}}
	for i, h := range header {
		if i == 0 {
			h = strings.TrimPrefix(h, "\ufeff")
		}
		name := strings.ToLower(strings.TrimSpace(h))
		header[i] = name
		if name == "" {
			continue
		}
		if _, dup := t.cols[name]; dup {
			return nil, &InputError{Line: 1, Column: name, Msg: "this column appears twice in the header"}
		}
		t.cols[name] = i
	}
	for _, name := range required {
		if _, ok := t.cols[name]; !ok {
			return nil, &InputError{Line: 1, Msg: fmt.Sprintf("no %q column in the header (found %s)", name, strings.Join(header, ", "))}
		}
	}
	r.FieldsPerRecord = len(header)
	return t, nil
}

// row is one record with the line it started on.
type row struct {
	line   int
	fields []string
}

// next returns the next record, or io.EOF.
func (t *table) next() (row, error) {
	rec, err := t.r.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return row{}, io.EOF
		}
		return row{}, csvError(err)
	}
	line, _ := t.r.FieldPos(0)
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return row{}, &InputError{Line: line, Column: t.header[i], Msg: "the text is not UTF-8: save the file as \"CSV UTF-8\""}
		}
	}
	return row{line, rec}, nil
}

// get returns the named column of r, or "" when the file has no such
// column.
func (t *table) get(r row, name string) string {
	if i, ok := t.cols[name]; ok {
		return r.fields[i]
	}
	return ""
}

// csvError turns the csv package's parse errors into InputErrors.
func csvError(err error) error {
	var pe *csv.ParseError
	if !errors.As(err, &pe) {
		return fmt.Errorf("reading CSV: %w", err)
	}
	if errors.Is(pe.Err, csv.ErrFieldCount) {
		return &InputError{Line: pe.StartLine, Msg: "this row has a different number of cells from the header row"}
	}
	return &InputError{Line: pe.Line, Msg: fmt.Sprintf("character %d: %v", pe.Column, pe.Err)}
}

// ReadExamples reads coded comments from CSV. The header must name a
// "text" and a "labels" column and may name "id" and "sentiment"; other
// columns are ignored. Labels are separated by ";" and trimmed; a blank
// labels cell means the comment has no theme. A blank sentiment means the
// comment was not coded for sentiment. Wholly blank rows are skipped; a
// missing id is replaced by the row's line number.
func ReadExamples(r io.Reader) ([]Example, error) {
	t, err := openTable(r, "text", "labels")
	if err != nil {
		return nil, err
	}
	var ex []Example
	ids := map[string]int{}
	for {
		rw, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, err
		}
		e := Example{
			ID:        strings.TrimSpace(t.get(rw, "id")),
			Text:      strings.TrimSpace(t.get(rw, "text")),
			Sentiment: strings.TrimSpace(t.get(rw, "sentiment")),
		}
		labels := strings.TrimSpace(t.get(rw, "labels"))
		if e.Text == "" {
			if e.ID == "" && labels == "" && e.Sentiment == "" {
				continue
			}
			return nil, &InputError{Line: rw.line, Column: "text", Msg: "the comment is empty"}
		}
		if e.ID == "" {
			e.ID = strconv.Itoa(rw.line)
		}
		if first, dup := ids[e.ID]; dup {
			return nil, &InputError{Line: rw.line, Column: "id", Msg: fmt.Sprintf("id %q is already used on line %d", e.ID, first)}
		}
		ids[e.ID] = rw.line
		if e.Labels, err = splitLabels(labels); err != nil {
			return nil, &InputError{Line: rw.line, Column: "labels", Msg: err.Error()}
		}
		ex = append(ex, e)
	}
	if len(ex) == 0 {
		return nil, &InputError{Line: 2, Msg: "the file has a header but no comments"}
	}
	return ex, nil
}

// splitLabels splits a labels cell, trimming each label and dropping
// empty and repeated ones.
func splitLabels(cell string) ([]string, error) {
	var out []string
	for _, l := range strings.Split(cell, LabelSeparator) {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		if utf8.RuneCountInString(l) > maxLabelRunes {
			return nil, fmt.Errorf("a label is longer than %d characters; are the labels in the right column?", maxLabelRunes)
		}
		if !contains(out, l) {
			out = append(out, l)
		}
	}
	return out, nil
}

func contains(s []string, v string) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

// classifyBatch is how many rows ClassifyCSV codes at once, spread over
// the CPUs, before writing them out in their original order.
const classifyBatch = 2048

// ClassifyCSV codes the comments of a CSV file whose header names a
// "text" column (and usually "id"; other columns are ignored) and writes
// a CSV with the header id,labels,sentiment, one row per input row in the
// same order. Labels are joined by ";". A blank comment gets no labels
// and no sentiment. Without an id column, each row's line number stands
// in for it.
func (m *Model) ClassifyCSV(in io.Reader, out io.Writer) error {
	t, err := openTable(in, "text")
	if err != nil {
		return err
	}
	w := csv.NewWriter(out)
	if err := w.Write([]string{"id", "labels", "sentiment"}); err != nil {
		return err
	}
	workers := runtime.GOMAXPROCS(0)
	var ids, texts []string
	results := make([]Prediction, classifyBatch)
	flush := func() error {
		var wg sync.WaitGroup
		per := (len(texts) + workers - 1) / workers
		for start := 0; start < len(texts); start += per {
			end := min(start+per, len(texts))
			wg.Go(func() {
				for i := start; i < end; i++ {
					results[i] = Prediction{}
					if texts[i] != "" {
						results[i] = m.Predict(texts[i])
					}
				}
			})
		}
		wg.Wait()
		for i, id := range ids {
			p := results[i]
			if err := w.Write([]string{id, strings.Join(p.LabelNames(), LabelSeparator), p.Sentiment}); err != nil {
				return err
			}
		}
		ids, texts = ids[:0], texts[:0]
		return nil
	}
	for {
		rw, err := t.next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return err
		}
		id := strings.TrimSpace(t.get(rw, "id"))
		if _, ok := t.cols["id"]; !ok {
			id = strconv.Itoa(rw.line)
		}
		ids = append(ids, id)
		texts = append(texts, strings.TrimSpace(t.get(rw, "text")))
		if len(texts) == classifyBatch {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := flush(); err != nil {
		return err
	}
	w.Flush()
	return w.Error()
}
