package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/survey"
)

// ActionStatus is how far an action has got.
type ActionStatus string

// An action is planned, then in progress, then done.
const (
	ActionPlanned    ActionStatus = "planned"
	ActionInProgress ActionStatus = "in_progress"
	ActionDone       ActionStatus = "done"
)

// ActionStatuses lists the statuses in the order they happen.
var ActionStatuses = []ActionStatus{ActionPlanned, ActionInProgress, ActionDone}

// Label is the status as people read it.
func (s ActionStatus) Label() string {
	switch s {
	case ActionPlanned:
		return "Planned"
	case ActionInProgress:
		return "In progress"
	case ActionDone:
		return "Done"
	}
	return string(s)
}

// Limits on an action's text, in runes.
const (
	MaxActionWhat = 600
	MaxActionWho  = 120
)

// Action is one thing leaders will do about a theme families raised:
// the "we did" of "you said, we did". It holds no answer content.
type Action struct {
	ID       int64
	SurveyID int64
	Theme    string // a theme id of the taxonomy
	Area     string // a service area id, or "" for every area
	What     string
	Who      string    // the team or service responsible
	Due      time.Time // a date: midnight UTC
	Status   ActionStatus
	// RecordedBy and UpdatedBy are staff email addresses.
	RecordedBy string
	RecordedAt time.Time
	UpdatedBy  string
	UpdatedAt  time.Time
}

// Validate checks an action before it is stored, reporting every
// problem at once, each against the form field it is about.
func (a *Action) Validate() error {
	var fields []survey.FieldError
	add := func(field, msg string) { fields = append(fields, survey.FieldError{Field: field, Message: msg}) }
	a.What, a.Who = strings.TrimSpace(a.What), strings.TrimSpace(a.Who)
	if a.Theme == "" {
		add("theme", "Choose the theme the action is about")
	}
	switch n := utf8.RuneCountInString(a.What); {
	case n == 0:
		add("what", "Enter what will be done")
	case n > MaxActionWhat:
		add("what", fmt.Sprintf("What will be done must be %d characters or fewer", MaxActionWhat))
	}
	switch n := utf8.RuneCountInString(a.Who); {
	case n == 0:
		add("who", "Enter the team or service responsible")
	case n > MaxActionWho:
		add("who", fmt.Sprintf("Who is responsible must be %d characters or fewer", MaxActionWho))
	}
	if a.Due.IsZero() {
		add("due", "Enter the date it will be done by")
	}
	if !validActionStatus(a.Status) {
		add("status", "Choose whether the action is planned, in progress or done")
	}
	if len(fields) > 0 {
		return survey.Invalid("the action is not complete", fields)
	}
	return nil
}

func validActionStatus(s ActionStatus) bool {
	for _, v := range ActionStatuses {
		if s == v {
			return true
		}
	}
	return false
}

const dateLayout = "2006-01-02"

const actionColumns = `id, survey_id, theme, area, what, who, due, status, recorded_by, recorded_at, updated_by, updated_at`

func scanAction(row scannable) (*Action, error) {
	var a Action
	var due, recorded, updated string
	if err := row.Scan(&a.ID, &a.SurveyID, &a.Theme, &a.Area, &a.What, &a.Who, &due, &a.Status,
		&a.RecordedBy, &recorded, &a.UpdatedBy, &updated); err != nil {
		return nil, err
	}
	a.Due, _ = time.Parse(dateLayout, due) // written by CreateAction or UpdateAction
	a.RecordedAt, a.UpdatedAt = parseTime(recorded), parseTime(updated)
	return &a, nil
}

// CreateAction validates and stores a new action, setting its ID and
// times. RecordedBy says who recorded it.
func (db *DB) CreateAction(ctx context.Context, a *Action) error {
	if err := a.Validate(); err != nil {
		return err
	}
	now := db.Now().UTC()
	a.UpdatedBy = a.RecordedBy
	err := db.write.QueryRowContext(ctx, `INSERT INTO actions
		(survey_id, theme, area, what, who, due, status, recorded_by, recorded_at, updated_by, updated_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
		a.SurveyID, a.Theme, a.Area, a.What, a.Who, a.Due.Format(dateLayout), a.Status,
		a.RecordedBy, formatTime(now), a.UpdatedBy, formatTime(now)).Scan(&a.ID)
	if err != nil {
		return fmt.Errorf("create action: %w", err)
	}
	a.RecordedAt, a.UpdatedAt = now, now
	return nil
}

// UpdateAction validates and stores changes to an action of a survey.
// UpdatedBy says who made them.
func (db *DB) UpdateAction(ctx context.Context, a *Action) error {
	if err := a.Validate(); err != nil {
		return err
	}
	now := db.Now().UTC()
	res, err := db.write.ExecContext(ctx, `UPDATE actions
		SET theme = ?, area = ?, what = ?, who = ?, due = ?, status = ?, updated_by = ?, updated_at = ?
		WHERE id = ? AND survey_id = ?`,
		a.Theme, a.Area, a.What, a.Who, a.Due.Format(dateLayout), a.Status, a.UpdatedBy, formatTime(now), a.ID, a.SurveyID)
	if err != nil {
		return fmt.Errorf("update action %d: %w", a.ID, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(fmt.Sprintf("action %d", a.ID))
	}
	a.UpdatedAt = now
	return nil
}

// DeleteAction deletes an action of a survey.
func (db *DB) DeleteAction(ctx context.Context, surveyID, id int64) error {
	res, err := db.write.ExecContext(ctx, "DELETE FROM actions WHERE id = ? AND survey_id = ?", id, surveyID)
	if err != nil {
		return fmt.Errorf("delete action %d: %w", id, err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound(fmt.Sprintf("action %d", id))
	}
	return nil
}

// ActionByID returns an action of a survey, or an ENotFound error.
func (db *DB) ActionByID(ctx context.Context, surveyID, id int64) (*Action, error) {
	a, err := scanAction(db.read.QueryRowContext(ctx,
		"SELECT "+actionColumns+" FROM actions WHERE id = ? AND survey_id = ?", id, surveyID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(fmt.Sprintf("action %d", id))
	}
	if err != nil {
		return nil, fmt.Errorf("find action %d: %w", id, err)
	}
	return a, nil
}

// ListActions returns a survey's actions, soonest due first.
func (db *DB) ListActions(ctx context.Context, surveyID int64) ([]*Action, error) {
	return queryAll(ctx, db, "list actions",
		"SELECT "+actionColumns+" FROM actions WHERE survey_id = ? ORDER BY due, id", []any{surveyID}, scanAction)
}

// ResultsPublished reports whether a survey's public results page is on.
// It is off until a leader turns it on.
func (db *DB) ResultsPublished(ctx context.Context, surveyID int64) (bool, error) {
	var on bool
	err := db.read.QueryRowContext(ctx, "SELECT published FROM results_pages WHERE survey_id = ?", surveyID).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read results page setting: %w", err)
	}
	return on, nil
}

// SetResultsPublished turns a survey's public results page on or off.
func (db *DB) SetResultsPublished(ctx context.Context, surveyID int64, on bool, by string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO results_pages (survey_id, published, updated_by, updated_at)
		VALUES (?, ?, ?, ?)
		ON CONFLICT (survey_id) DO UPDATE SET published = excluded.published,
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
		surveyID, on, by, formatTime(db.Now()))
	if err != nil {
		return fmt.Errorf("save results page setting: %w", err)
	}
	return nil
}

// ApprovedQuote is a redacted quote a leader approved for the public
// results page, under one theme of one area.
type ApprovedQuote struct {
	SurveyID   int64
	Area       string
	Theme      string
	Text       string
	ApprovedBy string
	ApprovedAt time.Time
}

// ApproveQuote records a quote as approved. Approving it again changes
// nothing.
func (db *DB) ApproveQuote(ctx context.Context, q ApprovedQuote) error {
	if q.Area == "" || q.Theme == "" || strings.TrimSpace(q.Text) == "" {
		return survey.Errorf(survey.EInvalid, "a quote needs an area, a theme and its text")
	}
	_, err := db.write.ExecContext(ctx, `INSERT INTO approved_quotes (survey_id, area, theme, text, approved_by, approved_at)
		VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (survey_id, area, theme, text) DO NOTHING`,
		q.SurveyID, q.Area, q.Theme, q.Text, q.ApprovedBy, formatTime(db.Now()))
	if err != nil {
		return fmt.Errorf("approve quote: %w", err)
	}
	return nil
}

// WithdrawQuote takes back the approval of a quote. Withdrawing one that
// was not approved changes nothing.
func (db *DB) WithdrawQuote(ctx context.Context, surveyID int64, area, theme, text string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM approved_quotes WHERE survey_id = ? AND area = ? AND theme = ? AND text = ?",
		surveyID, area, theme, text)
	if err != nil {
		return fmt.Errorf("withdraw quote: %w", err)
	}
	return nil
}

// ApprovedQuotes returns the quotes approved for a survey's public page,
// in the order they were approved.
func (db *DB) ApprovedQuotes(ctx context.Context, surveyID int64) ([]ApprovedQuote, error) {
	return queryAll(ctx, db, "list approved quotes", `SELECT survey_id, area, theme, text, approved_by, approved_at
		FROM approved_quotes WHERE survey_id = ? ORDER BY id`, []any{surveyID}, func(r scannable) (ApprovedQuote, error) {
		var q ApprovedQuote
		var at string
		err := r.Scan(&q.SurveyID, &q.Area, &q.Theme, &q.Text, &q.ApprovedBy, &at)
		q.ApprovedAt = parseTime(at)
		return q, err
	})
}
