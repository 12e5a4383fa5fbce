package analysis

import (
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"strings"
)

// CSVHeader is the header ClassifyCSV writes: the pinned output format
// that exports and the command line share.
var CSVHeader = []string{"id", "service_areas", "themes", "sentiment", "safeguarding"}

// ClassifyCSV reads comments as CSV from in and writes their codings as
// CSV to out, one row for each row read, in the same order. The input
// needs a header naming an "id" and a "text" column; an "area" column, if
// there is one, gives the area of the question each comment answered.
// Other columns are ignored, so an export can be piped in as it is.
// Rows are read, coded and written one at a time, so files of any size
// go through in constant memory.
func (c *Classifier) ClassifyCSV(in io.Reader, out io.Writer) error {
	r := csv.NewReader(in)
	r.FieldsPerRecord = -1 // tolerate ragged rows from spreadsheets
	r.ReuseRecord = true
	header, err := r.Read()
	if errors.Is(err, io.EOF) {
		return errors.New("csv: input is empty: want a header with id and text columns")
	}
	if err != nil {
		return fmt.Errorf("csv: reading header: %w", err)
	}
	idCol, textCol, areaCol := -1, -1, -1
	for i, name := range header {
		name = strings.ToLower(strings.TrimSpace(strings.TrimPrefix(name, "\ufeff")))
		switch name {
		case "id":
			idCol = i
		case "text":
			textCol = i
		case "area":
			areaCol = i
		}
	}
	if idCol < 0 {
		return errors.New(`csv: header has no "id" column`)
	}
	if textCol < 0 {
		return errors.New(`csv: header has no "text" column`)
	}
	w := csv.NewWriter(out)
	if err := w.Write(CSVHeader); err != nil {
		return fmt.Errorf("csv: writing header: %w", err)
	}
	row := make([]string, len(CSVHeader))
	for line := 2; ; line++ {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("csv: %w", err)
		}
		field := func(i int) string {
			if i < 0 || i >= len(rec) {
				return ""
			}
			return rec[i]
		}
		if idCol >= len(rec) {
			return fmt.Errorf("csv: line %d: no id column", line)
		}
		cd := c.Classify(field(textCol), strings.TrimSpace(field(areaCol)))
		row[0] = safeCell(field(idCol))
		row[1] = strings.Join(cd.Areas, ";")
		row[2] = strings.Join(cd.Themes, ";")
		row[3] = string(cd.Sentiment)
		row[4] = fmt.Sprint(cd.Safeguarding)
		if err := w.Write(row); err != nil {
			return fmt.Errorf("csv: writing line %d: %w", line, err)
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return fmt.Errorf("csv: %w", err)
	}
	return nil
}

// safeCell keeps a cell that echoes user data from being read as a
// formula when the CSV is opened in a spreadsheet: a leading =, +, -, @,
// tab or carriage return gets a single quote before it. A shared helper
// for every CSV export is planned; this one serves the classifier until
// then.
func safeCell(s string) string {
	if s != "" && strings.IndexByte("=+-@\t\r", s[0]) >= 0 {
		return "'" + s
	}
	return s
}
