// Package export writes responses as CSV and JSON for people to open in
// spreadsheets and other tools.
package export

import (
	"encoding/csv"
	"encoding/json"
	"io"
	"strconv"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// SafeCell neutralises a cell that a spreadsheet would run as a formula:
// one starting with =, +, -, @, a tab or a carriage return gets a leading
// single quote. Every CSV and spreadsheet cell FamilyVoice writes from
// user data goes through it.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r':
		return "'" + s
	}
	return s
}

// Response is one response as exported.
type Response struct {
	Reference   string         `json:"reference"`
	SubmittedAt time.Time      `json:"submitted_at"`
	Version     int            `json:"version"`
	Answers     survey.Answers `json:"answers"`
}

// Columns returns the question ids to export, in survey order: those of
// the newest definition first, then any that only older versions asked,
// so no answer is left out of an export.
func Columns(defs []*survey.Definition) []string {
	var cols []string
	seen := map[string]bool{}
	for i := len(defs) - 1; i >= 0; i-- {
		for _, q := range defs[i].Questions() {
			if !seen[q.ID] {
				seen[q.ID] = true
				cols = append(cols, q.ID)
			}
		}
	}
	return cols
}

// CSVWriter writes responses as CSV with the header
// reference,submitted_at,version then one column per question id.
type CSVWriter struct {
	w    *csv.Writer
	cols []string
	row  []string
}

// NewCSVWriter writes the header and returns a writer for the rows.
func NewCSVWriter(w io.Writer, columns []string) (*CSVWriter, error) {
	cw := &CSVWriter{w: csv.NewWriter(w), cols: columns}
	header := append([]string{"reference", "submitted_at", "version"}, columns...)
	for i := range header {
		header[i] = SafeCell(header[i])
	}
	if err := cw.w.Write(header); err != nil {
		return nil, err
	}
	cw.row = make([]string, len(header))
	return cw, nil
}

// Write writes one response; multi_choice values are joined with ";".
func (cw *CSVWriter) Write(r Response) error {
	cw.row[0] = SafeCell(r.Reference)
	cw.row[1] = r.SubmittedAt.UTC().Format(time.RFC3339)
	cw.row[2] = strconv.Itoa(r.Version)
	for i, id := range cw.cols {
		v, ok := r.Answers[id]
		if !ok {
			cw.row[3+i] = ""
			continue
		}
		cw.row[3+i] = SafeCell(v.String())
	}
	return cw.w.Write(cw.row)
}

// Flush writes any buffered rows and reports a write error.
func (cw *CSVWriter) Flush() error {
	cw.w.Flush()
	return cw.w.Error()
}

// JSONWriter streams responses as a JSON array.
type JSONWriter struct {
	w     io.Writer
	count int
}

// NewJSONWriter starts the array.
func NewJSONWriter(w io.Writer) (*JSONWriter, error) {
	_, err := io.WriteString(w, "[")
	return &JSONWriter{w: w}, err
}

// Write writes one response object.
func (jw *JSONWriter) Write(r Response) error {
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	sep := "\n  "
	if jw.count > 0 {
		sep = ",\n  "
	}
	jw.count++
	_, err = io.WriteString(jw.w, sep+string(b))
	return err
}

// Close ends the array.
func (jw *JSONWriter) Close() error {
	end := "\n]\n"
	if jw.count == 0 {
		end = "]\n"
	}
	_, err := io.WriteString(jw.w, end)
	return err
}
