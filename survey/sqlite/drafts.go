package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// Draft is a family's answers in progress, kept so they can stop and come
// back later.
type Draft struct {
	ID        int64
	Code      string   // the short code, as shown: ABCD-EFGH
	Version   *Version // the version being answered, kept even if a newer one is published
	Answers   survey.Answers
	Page      int // the furthest step reached, for the resume page
	CreatedAt time.Time
	ExpiresAt time.Time
}

// DraftKeys are the secrets that open a draft: a long token for the
// resume link and cookie, and a short code a person can note down.
type DraftKeys struct {
	Token string
	Code  string // shown as ABCD-EFGH
}

// CreateDraft starts a draft of the given version that expires after ttl
// unless saved again.
func (db *DB) CreateDraft(ctx context.Context, v *Version, ttl time.Duration) (*Draft, DraftKeys, error) {
	now := db.Now()
	for attempt := 0; ; attempt++ {
		keys := DraftKeys{Token: newToken(), Code: formatCode(randomCode(8))}
		var id int64
		err := db.write.QueryRowContext(ctx, `INSERT INTO drafts (token_hash, code, survey_id, version_id, created_at, updated_at, expires_at)
			VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id`,
			hashSecret(keys.Token), keys.Code, v.SurveyID, v.ID,
			formatTime(now), formatTime(now), formatTime(now.Add(ttl))).Scan(&id)
		if isUniqueViolation(err) && attempt < 3 {
			continue // a short code collided; draw again
		}
		if err != nil {
			return nil, DraftKeys{}, fmt.Errorf("create draft: %w", err)
		}
		return &Draft{ID: id, Code: keys.Code, Version: v, Answers: survey.Answers{}, CreatedAt: now, ExpiresAt: now.Add(ttl)}, keys, nil
	}
}

func formatCode(c string) string { return c[:4] + "-" + c[4:] }

// normaliseCode lets people type a code in any case, with or without the
// hyphen or spaces.
func normaliseCode(c string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(c) {
		if strings.ContainsRune(referenceAlphabet, r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FindDraft returns the unexpired draft opened by token.
func (db *DB) FindDraft(ctx context.Context, token string) (*Draft, error) {
	if token == "" {
		return nil, notFound("saved answers")
	}
	return db.findDraft(ctx, "d.token_hash = ?", hashSecret(token))
}

// ResumeDraftByCode finds the unexpired draft of a survey with the given
// short code and gives it a new token, which the caller puts in the
// person's cookie. The old resume link stops working, so a code noted
// down can move a draft to another device but not share it.
func (db *DB) ResumeDraftByCode(ctx context.Context, surveyID int64, code string) (*Draft, string, error) {
	c := normaliseCode(code)
	if len(c) != 8 {
		return nil, "", notFound("saved answers")
	}
	d, err := db.findDraft(ctx, "d.code = ? AND d.survey_id = ?", formatCode(c), surveyID)
	if err != nil {
		return nil, "", err
	}
	token := newToken()
	if _, err := db.write.ExecContext(ctx, "UPDATE drafts SET token_hash = ? WHERE id = ?", hashSecret(token), d.ID); err != nil {
		return nil, "", fmt.Errorf("resume draft: %w", err)
	}
	return d, token, nil
}

func (db *DB) findDraft(ctx context.Context, where string, args ...any) (*Draft, error) {
	var d Draft
	var versionID int64
	var answers, created, expires string
	args = append(args, formatTime(db.Now()))
	err := db.read.QueryRowContext(ctx, `SELECT d.id, d.code, d.version_id, d.answers, d.page, d.created_at, d.expires_at
		FROM drafts d WHERE `+where+` AND d.expires_at > ?`, args...).
		Scan(&d.ID, &d.Code, &versionID, &answers, &d.Page, &created, &expires)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("saved answers")
	}
	if err != nil {
		return nil, fmt.Errorf("find draft: %w", err)
	}
	d.CreatedAt, d.ExpiresAt = parseTime(created), parseTime(expires)
	if d.Version, err = db.VersionByID(ctx, versionID); err != nil {
		return nil, err
	}
	// Answers were checked when saved; any that no longer fit are dropped
	// rather than blocking the person.
	if d.Answers, _, err = d.Version.Definition.ParseJSONAnswers([]byte(answers)); err != nil {
		return nil, fmt.Errorf("stored draft answers: %w", err)
	}
	return &d, nil
}

// SaveDraftAnswers stores a draft's answers and step, and extends its
// expiry by ttl from now.
func (db *DB) SaveDraftAnswers(ctx context.Context, d *Draft, ttl time.Duration) error {
	body, err := json.Marshal(d.Answers)
	if err != nil {
		return fmt.Errorf("encode draft answers: %w", err)
	}
	now := db.Now()
	d.ExpiresAt = now.Add(ttl)
	res, err := db.write.ExecContext(ctx, "UPDATE drafts SET answers = ?, page = ?, updated_at = ?, expires_at = ? WHERE id = ?",
		string(body), d.Page, formatTime(now), formatTime(d.ExpiresAt), d.ID)
	if err != nil {
		return fmt.Errorf("save draft: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("saved answers")
	}
	return nil
}

// DeleteDraft removes a draft, once it has been sent.
func (db *DB) DeleteDraft(ctx context.Context, id int64) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM drafts WHERE id = ?", id)
	return err
}

// DeleteExpiredDrafts removes drafts past their expiry and says how many.
func (db *DB) DeleteExpiredDrafts(ctx context.Context) (int64, error) {
	res, err := db.write.ExecContext(ctx, "DELETE FROM drafts WHERE expires_at <= ?", formatTime(db.Now()))
	if err != nil {
		return 0, fmt.Errorf("delete expired drafts: %w", err)
	}
	return res.RowsAffected()
}
