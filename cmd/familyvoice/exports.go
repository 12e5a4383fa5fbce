package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/export"
	"github.com/labstack/echo/v4"
	"github.com/xuri/excelize/v2"
)

// Exports let leaders take the summary away: the coded comments as CSV,
// a workbook of the summary, and the summary as JSON. They take the same
// filters as the leader pages. Each is recorded in the audit log by kind,
// never by content. The same suppression holds as on every page: no
// withheld count is written, and in JSON a withheld count is null with
// "suppressed": true beside it.
//
// The comment exports carry no response reference, and their rows are
// sorted by question and then by text, so that rows next to each other
// do not link the comments of one family. A comment is written only if
// one of its service areas has enough comments to be shown, and a code is
// written on it only where the summary shows that code's count for every
// area given: a theme, tone or safeguarding flag the summary withholds
// cannot be counted up from the rows instead.

// exportComment is one coded comment as leaders may take it away.
type exportComment struct {
	QuestionID   string
	QuestionArea string
	Text         string // redacted
	Areas        []string
	Themes       []string
	Sentiment    string
	Safeguarding string
	CodedBy      string
	order        int
}

var exportCommentHeader = []string{"row", "question_id", "question_area", "text", "service_areas", "themes", "sentiment", "safeguarding", "coded_by"}

// exportWithheld stands in for a code whose count the summary withholds.
const exportWithheld = "withheld"

func (ec *exportComment) record(row int) []string {
	return []string{strconv.Itoa(row), ec.QuestionID, ec.QuestionArea, ec.Text,
		strings.Join(ec.Areas, ";"), strings.Join(ec.Themes, ";"), ec.Sentiment, ec.Safeguarding, ec.CodedBy}
}

// exportRequest loads what every export needs: the survey, the filters
// and the summary they give. A filter the leader pages would refuse is
// refused here too, with a page saying why; ls is then nil.
func (a *App) exportRequest(c echo.Context) (*leaderSurvey, analysis.SummaryOptions, *analysis.Summary, error) {
	ls, err := a.reportSurvey(c)
	if err != nil {
		return nil, analysis.SummaryOptions{}, nil, err
	}
	sc, err := a.reportSummaryScope(c, ls)
	if err != nil {
		return nil, sc.Opts, nil, err
	}
	if len(sc.Errors) > 0 {
		return nil, sc.Opts, nil, a.errorPage(c, http.StatusUnprocessableEntity, "These results cannot be exported", sc.Errors[0].Message,
			"Go back to the report, change the filters and try again.")
	}
	return ls, sc.Opts, sc.Sum, nil
}

func (a *App) auditExport(c echo.Context, slug, kind string, opts analysis.SummaryOptions) {
	detail := "kind " + kind
	if opts.Version > 0 || len(opts.Profile) > 0 {
		detail += ", filtered"
	}
	a.audit(c, "export", slug, detail)
}

func exportAttachment(c echo.Context, name string) {
	c.Response().Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s"`, name))
}

// exportComments codes the comments of the filtered responses as the
// summary does (a member of staff's correction first, then the learned
// model, then the rules; coded_by says which) and keeps what the summary
// would show (see the comment at the top of this file).
func (a *App) exportComments(ctx context.Context, ls *leaderSurvey, opts analysis.SummaryOptions, sum *analysis.Summary) ([]exportComment, error) {
	if sum.Responses == nil || sum.Comments == nil {
		return nil, nil
	}
	responses := ls.Responses
	questions := ls.Def.Questions()
	position := map[string]int{}
	for i, q := range questions {
		position[q.ID] = i
	}
	var out []exportComment
	add := func(r *analysis.ResponseData, qid string, q *survey.Question, text string) error {
		area := ""
		if q != nil {
			area = string(q.Area)
		}
		cd, by, err := a.coder.Code(ctx, ls.Info.ID, r.Reference, qid, text, area)
		if err != nil {
			return err
		}
		ec, ok := exportCoding(sum, cd)
		if !ok {
			return nil
		}
		ec.QuestionID, ec.QuestionArea, ec.Text, ec.CodedBy = qid, area, analysis.Redact(strings.TrimSpace(text)), by
		ec.order = len(questions)
		if i, ok := position[qid]; ok {
			ec.order = i
		}
		out = append(out, ec)
		return nil
	}
	for i := range responses {
		r := &responses[i]
		if !keepsResponse(&opts, r) {
			continue
		}
		for _, q := range questions {
			if !q.Type.IsText() || q.Profile {
				continue
			}
			if val, ok := r.Answers[q.ID]; ok && !val.IsBlank() {
				if err := add(r, q.ID, q, val.Text); err != nil {
					return nil, err
				}
			}
		}
		// Text answers to questions this version no longer has count too,
		// as in the summary.
		for _, qid := range slices.Sorted(maps.Keys(r.Answers)) {
			if val := r.Answers[qid]; ls.Def.Question(qid) == nil && val.Type.IsText() && !val.IsBlank() {
				if err := add(r, qid, nil, val.Text); err != nil {
					return nil, err
				}
			}
		}
	}
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].order != out[j].order {
			return out[i].order < out[j].order
		}
		if out[i].QuestionID != out[j].QuestionID {
			return out[i].QuestionID < out[j].QuestionID
		}
		return out[i].Text < out[j].Text
	})
	return out, nil
}

// exportCoding keeps the codes of a comment that the summary shows: the
// areas whose comments are counted, and a theme or tone only when its
// count is shown in every one of them. It reports false for a comment in
// no shown area.
func exportCoding(sum *analysis.Summary, cd analysis.Coding) (exportComment, bool) {
	var ec exportComment
	var areas []*analysis.AreaSummary
	for _, id := range cd.Areas {
		if as := sum.Area(id); as != nil && !as.Suppressed {
			areas = append(areas, as)
			ec.Areas = append(ec.Areas, id)
		}
	}
	if len(areas) == 0 {
		return ec, false
	}
	for _, t := range cd.Themes {
		shown := true
		for _, as := range areas {
			if ts := as.Theme(t); ts == nil || ts.Suppressed {
				shown = false
			}
		}
		if shown {
			ec.Themes = append(ec.Themes, t)
		}
	}
	ec.Sentiment = string(cd.Sentiment)
	for _, as := range areas {
		if exportSentimentCount(as.Sentiment, cd.Sentiment) == nil {
			ec.Sentiment = exportWithheld
		}
	}
	switch {
	case sum.Safeguarding == nil:
		ec.Safeguarding = exportWithheld
	case cd.Safeguarding:
		ec.Safeguarding = "yes"
	default:
		ec.Safeguarding = "no"
	}
	return ec, true
}

func exportSentimentCount(s analysis.SentimentCounts, which analysis.Sentiment) *int {
	switch which {
	case analysis.Positive:
		return s.Positive
	case analysis.Negative:
		return s.Negative
	case analysis.Mixed:
		return s.Mixed
	}
	return s.Neutral
}

// exportCommentsCSV writes the coded comments as CSV. Every cell goes
// through export.SafeCell, so no comment can run as a spreadsheet formula.
func (a *App) exportCommentsCSV(c echo.Context) error {
	ls, opts, sum, err := a.exportRequest(c)
	if err != nil || ls == nil {
		return err
	}
	comments, err := a.exportComments(c.Request().Context(), ls, opts, sum)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	buf.WriteString("\ufeff") // so that Excel reads the file as UTF-8
	w := csv.NewWriter(&buf)
	safe := func(rec []string) []string {
		for i := range rec {
			rec[i] = export.SafeCell(rec[i])
		}
		return rec
	}
	if err := w.Write(safe(slices.Clone(exportCommentHeader))); err != nil {
		return err
	}
	for i := range comments {
		if err := w.Write(safe(comments[i].record(i + 1))); err != nil {
			return err
		}
	}
	w.Flush()
	if err := w.Error(); err != nil {
		return err
	}
	a.auditExport(c, ls.Info.Slug, "comments.csv", opts)
	exportAttachment(c, ls.Info.Slug+"-comments.csv")
	return c.Blob(http.StatusOK, "text/csv; charset=utf-8", buf.Bytes())
}

// exportSummaryJSON writes the summary as JSON: withheld counts are null,
// with "suppressed": true beside them.
func (a *App) exportSummaryJSON(c echo.Context) error {
	ls, opts, sum, err := a.exportRequest(c)
	if err != nil || ls == nil {
		return err
	}
	b, err := json.MarshalIndent(sum, "", "  ")
	if err != nil {
		return err
	}
	a.auditExport(c, ls.Info.Slug, "summary.json", opts)
	exportAttachment(c, ls.Info.Slug+"-summary.json")
	return c.Blob(http.StatusOK, echo.MIMEApplicationJSON, append(b, '\n'))
}

// xlsxSheet writes one worksheet row by row. Strings are written as
// strings (never formulas) and through export.SafeCell; counts as
// numbers; a withheld count as words.
type xlsxSheet struct {
	sw   *excelize.StreamWriter
	row  int
	bold int
	err  error
}

func newXLSXSheet(f *excelize.File, name string, bold int, widths ...float64) (*xlsxSheet, error) {
	if _, err := f.NewSheet(name); err != nil {
		return nil, err
	}
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	for i, w := range widths {
		if err := sw.SetColWidth(i+1, i+1, w); err != nil {
			return nil, err
		}
	}
	return &xlsxSheet{sw: sw, bold: bold}, nil
}

func (s *xlsxSheet) cells(header bool, values ...any) {
	if s.err != nil {
		return
	}
	row := make([]any, len(values))
	for i, v := range values {
		switch v := v.(type) {
		case string:
			row[i] = export.SafeCell(v)
		case int, float64, nil:
			row[i] = v
		default:
			s.err = fmt.Errorf("xlsx: unexpected cell type %T", v)
			return
		}
		if header {
			row[i] = excelize.Cell{StyleID: s.bold, Value: row[i]}
		}
	}
	s.row++
	cell, err := excelize.CoordinatesToCellName(1, s.row)
	if err == nil {
		err = s.sw.SetRow(cell, row)
	}
	s.err = err
}

func (s *xlsxSheet) header(values ...any) { s.cells(true, values...) }

func (s *xlsxSheet) add(values ...any) { s.cells(false, values...) }

func (s *xlsxSheet) flush() error {
	if s.err != nil {
		return s.err
	}
	return s.sw.Flush()
}

// xlsxCount is a count for a cell: the number, or words if withheld.
func xlsxCount(n *int, threshold int) any {
	if n == nil {
		return reportCount(nil, threshold)
	}
	return *n
}

// xlsxShare is a share for a cell, or an empty cell when none is given.
func xlsxShare(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

// exportSummaryXLSX writes a workbook with the summary, the areas, the
// themes and the coded comments.
func (a *App) exportSummaryXLSX(c echo.Context) error {
	ls, opts, sum, err := a.exportRequest(c)
	if err != nil || ls == nil {
		return err
	}
	comments, err := a.exportComments(c.Request().Context(), ls, opts, sum)
	if err != nil {
		return err
	}
	f := excelize.NewFile()
	defer f.Close()
	bold, err := f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	if err != nil {
		return err
	}
	th := sum.SuppressionThreshold
	if err := f.SetSheetName("Sheet1", "Summary"); err != nil {
		return err
	}
	s, err := newXLSXSheet(f, "Summary", bold, 40, 80)
	if err != nil {
		return err
	}
	s.header("Item", "Value")
	s.add("Survey", ls.Def.Title)
	s.add("Web address", surveyPath(ls.Info.Slug))
	filters := reportFilterLines(ls.Def, opts)
	if len(filters) == 0 {
		filters = []string{"None: every response"}
	}
	for _, line := range filters {
		s.add("Filter", line)
	}
	s.add("Responses", xlsxCount(sum.Responses, th))
	s.add("Comments", xlsxCount(sum.Comments, th))
	s.add("Comments flagged for safeguarding follow-up", xlsxCount(sum.Safeguarding, th))
	s.add("Counts withheld below", th)
	s.add("No percentages on fewer than", sum.PercentageBase)
	s.add("Made on", a.db.Now().Format("2 January 2006 15:04"))
	for _, note := range reportMethodNotes(th, sum.PercentageBase) {
		s.add("Method", note)
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = newXLSXSheet(f, "Areas", bold, 36, 12, 12, 12, 12, 12)
	if err != nil {
		return err
	}
	s.header("Area", "Comments", "Positive", "Negative", "Mixed", "Neutral")
	for _, as := range sum.Areas {
		se := as.Sentiment
		s.add(as.Label, xlsxCount(as.Comments, th), xlsxCount(se.Positive, th), xlsxCount(se.Negative, th),
			xlsxCount(se.Mixed, th), xlsxCount(se.Neutral, th))
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = newXLSXSheet(f, "Themes", bold, 30, 36, 12, 14, 60, 60, 60)
	if err != nil {
		return err
	}
	s.header("Area", "Theme", "Comments", "Share of the area's comments (%)", "Quote 1", "Quote 2", "Quote 3")
	for _, as := range sum.Areas {
		for _, t := range as.Themes {
			row := []any{as.Label, t.Label, xlsxCount(t.Count, th), xlsxShare(t.Share)}
			for _, q := range t.Quotes {
				row = append(row, q)
			}
			s.add(row...)
		}
	}
	if err := s.flush(); err != nil {
		return err
	}

	s, err = newXLSXSheet(f, "Comments", bold, 8, 22, 14, 80, 24, 36, 12, 12, 10)
	if err != nil {
		return err
	}
	head := make([]any, len(exportCommentHeader))
	for i, h := range exportCommentHeader {
		head[i] = h
	}
	s.header(head...)
	for i := range comments {
		ec := &comments[i]
		s.add(i+1, ec.QuestionID, ec.QuestionArea, ec.Text, strings.Join(ec.Areas, ";"), strings.Join(ec.Themes, ";"),
			ec.Sentiment, ec.Safeguarding, ec.CodedBy)
	}
	if err := s.flush(); err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := f.Write(&buf); err != nil {
		return err
	}
	a.auditExport(c, ls.Info.Slug, "summary.xlsx", opts)
	exportAttachment(c, ls.Info.Slug+"-summary.xlsx")
	return c.Blob(http.StatusOK, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buf.Bytes())
}
