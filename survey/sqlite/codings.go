package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"
)

// Correction is how a member of staff coded one comment, in place of the
// rules or the learned model.
type Correction struct {
	ResponseID int64
	Reference  string // of the response, to match summaries' comments
	QuestionID string
	Areas      []string
	Themes     []string
	Sentiment  string
	CodedBy    string
	CodedAt    time.Time
	Text       string // the comment, for training
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ";")
}

// SaveCorrection stores (or replaces) a staff coding of one comment. The
// comment must be an answer of a response to the survey.
func (db *DB) SaveCorrection(ctx context.Context, surveyID int64, c Correction) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var packed string
		err := tx.QueryRowContext(ctx, `SELECT answers_packed FROM responses WHERE survey_id = ? AND id = ?`,
			surveyID, c.ResponseID).Scan(&packed)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("comment")
		}
		if err != nil {
			return err
		}
		if _, ok, err := packedText(packed, c.QuestionID); err != nil {
			return err
		} else if !ok {
			return notFound("comment")
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO codings (response_id, question_id, service_areas, themes, sentiment, coded_by, coded_at)
			VALUES (?, ?, ?, ?, ?, ?, ?)
			ON CONFLICT (response_id, question_id) DO UPDATE SET service_areas = excluded.service_areas,
				themes = excluded.themes, sentiment = excluded.sentiment, coded_by = excluded.coded_by, coded_at = excluded.coded_at`,
			c.ResponseID, c.QuestionID, strings.Join(c.Areas, ";"), strings.Join(c.Themes, ";"), c.Sentiment, c.CodedBy, formatTime(db.Now()))
		return err
	})
}

// Corrections returns every staff coding of a survey's comments, with the
// comment text.
func (db *DB) Corrections(ctx context.Context, surveyID int64) ([]Correction, error) {
	return queryAll(ctx, db, "read corrections", `SELECT c.response_id, r.reference, c.question_id, c.service_areas, c.themes,
			c.sentiment, c.coded_by, c.coded_at, r.answers_packed
		FROM codings c JOIN responses r ON r.id = c.response_id
		WHERE r.survey_id = ? ORDER BY c.response_id, c.question_id`, []any{surveyID}, func(r scannable) (Correction, error) {
		var c Correction
		var areas, themes, at, packed string
		if err := r.Scan(&c.ResponseID, &c.Reference, &c.QuestionID, &areas, &themes, &c.Sentiment, &c.CodedBy, &at, &packed); err != nil {
			return c, err
		}
		c.Areas, c.Themes, c.CodedAt = splitList(areas), splitList(themes), parseTime(at)
		var err error
		c.Text, _, err = packedText(packed, c.QuestionID)
		return c, err
	})
}

// ReferenceByResponseID returns the reference of a response of the survey.
func (db *DB) ReferenceByResponseID(ctx context.Context, surveyID, responseID int64) (string, error) {
	var ref string
	err := db.read.QueryRowContext(ctx, "SELECT reference FROM responses WHERE survey_id = ? AND id = ?", surveyID, responseID).Scan(&ref)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("response")
	}
	return ref, err
}

// CodedExample is a comment staff coded elsewhere and imported to teach
// the model.
type CodedExample struct {
	ExternalID string
	Text       string
	Labels     []string
	Sentiment  string
}

// ImportCodedExamples stores coded comments for a survey's model,
// replacing any with the same external id.
func (db *DB) ImportCodedExamples(ctx context.Context, surveyID int64, by string, ex []CodedExample) error {
	now := formatTime(db.Now())
	return db.inTx(ctx, func(tx *sql.Tx) error {
		for _, e := range ex {
			if _, err := tx.ExecContext(ctx, `INSERT INTO coded_examples (survey_id, external_id, text, labels, sentiment, imported_by, imported_at)
				VALUES (?, ?, ?, ?, ?, ?, ?)
				ON CONFLICT (survey_id, external_id) DO UPDATE SET text = excluded.text, labels = excluded.labels,
					sentiment = excluded.sentiment, imported_by = excluded.imported_by, imported_at = excluded.imported_at`,
				surveyID, e.ExternalID, e.Text, strings.Join(e.Labels, ";"), e.Sentiment, by, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// CodedExamples returns the imported coded comments of a survey.
func (db *DB) CodedExamples(ctx context.Context, surveyID int64) ([]CodedExample, error) {
	return queryAll(ctx, db, "read coded examples", "SELECT external_id, text, labels, sentiment FROM coded_examples WHERE survey_id = ? ORDER BY id",
		[]any{surveyID}, func(r scannable) (CodedExample, error) {
			var e CodedExample
			var labels string
			err := r.Scan(&e.ExternalID, &e.Text, &labels, &e.Sentiment)
			e.Labels = splitList(labels)
			return e, err
		})
}

// SaveModel stores the model learned for a survey, replacing the last.
func (db *DB) SaveModel(ctx context.Context, surveyID int64, examples int, model []byte) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO learned_models (survey_id, trained_at, examples, model) VALUES (?, ?, ?, ?)
		ON CONFLICT (survey_id) DO UPDATE SET trained_at = excluded.trained_at, examples = excluded.examples, model = excluded.model`,
		surveyID, formatTime(db.Now()), examples, model)
	if err != nil {
		return fmt.Errorf("save model: %w", err)
	}
	return nil
}

// StoredModel is a survey's learned model as stored.
type StoredModel struct {
	TrainedAt time.Time
	Examples  int
	Model     []byte
}

// Model returns the model learned for a survey.
func (db *DB) Model(ctx context.Context, surveyID int64) (*StoredModel, error) {
	var m StoredModel
	var at string
	err := db.read.QueryRowContext(ctx, "SELECT trained_at, examples, model FROM learned_models WHERE survey_id = ?", surveyID).
		Scan(&at, &m.Examples, &m.Model)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("learned model")
	}
	if err != nil {
		return nil, fmt.Errorf("read model: %w", err)
	}
	m.TrainedAt = parseTime(at)
	return &m, nil
}
