package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"

	"github.com/familyvoice/familyvoice/survey"
)

// CreateSurvey stores def as version 1, a draft, of a new survey. Unlike
// SaveDraft it never touches an existing survey: a slug already in use is
// an EConflict, so creating or duplicating a survey cannot overwrite
// another one's draft.
func (db *DB) CreateSurvey(ctx context.Context, def *survey.Definition) (*Version, error) {
	body, err := encodeDefinition(def)
	if err != nil {
		return nil, err
	}
	now := formatTime(db.Now())
	var versionID int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var surveyID int64
		err := tx.QueryRowContext(ctx, "INSERT INTO surveys (slug, status, created_at, updated_at) VALUES (?, 'draft', ?, ?) RETURNING id",
			def.Slug, now, now).Scan(&surveyID)
		if isUniqueViolation(err) {
			return survey.Errorf(survey.EConflict, "a survey with the web address %s already exists", def.Slug)
		}
		if err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, "INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (?, 1, ?, ?) RETURNING id",
			surveyID, body, now).Scan(&versionID)
	})
	if err != nil {
		if survey.ErrorCode(err) != survey.EInternal {
			return nil, err
		}
		return nil, fmt.Errorf("create survey %s: %w", def.Slug, err)
	}
	return db.VersionByID(ctx, versionID)
}

// encodeDefinition validates def and encodes it as stored in
// survey_versions.definition. Nothing invalid is ever stored.
func encodeDefinition(def *survey.Definition) (string, error) {
	if err := def.Validate(); err != nil {
		return "", err
	}
	b, err := json.Marshal(def)
	if err != nil {
		return "", fmt.Errorf("encode definition: %w", err)
	}
	return string(b), nil
}

// UpdateDraft reads the newest version of a survey, lets edit change a
// copy of its definition, validates the result and stores it as SaveDraft
// does: replacing the draft, or starting a new draft version when the
// newest is published. It all happens in one write transaction, so two
// people editing at once cannot lose each other's changes. An error from
// edit, or from validation, is returned as it is and nothing is stored.
func (db *DB) UpdateDraft(ctx context.Context, slug string, edit func(*survey.Definition) error) (*Version, error) {
	var versionID int64
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		var surveyID, latestID int64
		var latest int
		var body string
		var published sql.NullString
		err := tx.QueryRowContext(ctx, `SELECT s.id, v.id, v.version, v.definition, v.published_at
			FROM surveys s JOIN survey_versions v ON v.survey_id = s.id
			WHERE s.slug = ? ORDER BY v.version DESC LIMIT 1`, slug).
			Scan(&surveyID, &latestID, &latest, &body, &published)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("survey " + slug)
		}
		if err != nil {
			return err
		}
		var def survey.Definition
		if err := json.Unmarshal([]byte(body), &def); err != nil {
			return fmt.Errorf("stored definition of %s version %d: %w", slug, latest, err)
		}
		if err := edit(&def); err != nil {
			return err
		}
		if def.Slug != slug {
			return survey.Errorf(survey.EInvalid, "the web address of a survey cannot be changed")
		}
		out, err := encodeDefinition(&def)
		if err != nil {
			return err
		}
		now := formatTime(db.Now())
		if published.Valid {
			err = tx.QueryRowContext(ctx, "INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (?, ?, ?, ?) RETURNING id",
				surveyID, latest+1, out, now).Scan(&versionID)
			if err != nil {
				return err
			}
		} else {
			versionID = latestID
			if _, err := tx.ExecContext(ctx, "UPDATE survey_versions SET definition = ?, created_at = ? WHERE id = ? AND published_at IS NULL",
				out, now, latestID); err != nil {
				return err
			}
		}
		_, err = tx.ExecContext(ctx, "UPDATE surveys SET updated_at = ? WHERE id = ?", now, surveyID)
		return err
	})
	if err != nil {
		if survey.ErrorCode(err) != survey.EInternal {
			return nil, err
		}
		return nil, fmt.Errorf("update draft of %s: %w", slug, err)
	}
	return db.VersionByID(ctx, versionID)
}

// Setting returns the value stored under key, or an ENotFound error.
func (db *DB) Setting(ctx context.Context, key string) (string, error) {
	var v string
	err := db.read.QueryRowContext(ctx, "SELECT value FROM settings WHERE key = ?", key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound("setting " + key)
	}
	if err != nil {
		return "", fmt.Errorf("read setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores value under key, replacing any value there.
func (db *DB) SetSetting(ctx context.Context, key, value string) error {
	_, err := db.write.ExecContext(ctx, `INSERT INTO settings (key, value, updated_at) VALUES (?, ?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
		key, value, formatTime(db.Now()))
	if err != nil {
		return fmt.Errorf("save setting %s: %w", key, err)
	}
	return nil
}
