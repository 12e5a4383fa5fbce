package sqlite

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/familyvoice/familyvoice/survey"
)

// Status is where a survey is in its life.
type Status string

// A survey starts as a draft, is published to take responses, and is
// closed when the round ends (it can be reopened).
const (
	StatusDraft     Status = "draft"
	StatusPublished Status = "published"
	StatusClosed    Status = "closed"
)

// SurveyInfo describes a stored survey without its definition.
type SurveyInfo struct {
	ID               int64
	Slug             string
	Title            string // of the latest version
	Status           Status
	LatestVersion    int  // the newest version, draft or published
	PublishedVersion int  // the newest published version, 0 if none
	HasDraft         bool // the latest version is an unpublished draft
	Responses        int
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Version is one stored version of a survey definition.
type Version struct {
	ID          int64
	SurveyID    int64
	Slug        string
	Number      int
	Status      Status // of the survey as a whole
	Definition  *survey.Definition
	PublishedAt time.Time // zero for a draft
}

// Published reports whether this version has been published.
func (v *Version) Published() bool { return !v.PublishedAt.IsZero() }

const surveyInfoQuery = `
SELECT s.id, s.slug, s.status, s.created_at, s.updated_at,
       COALESCE((SELECT MAX(version) FROM survey_versions WHERE survey_id = s.id), 0),
       COALESCE((SELECT MAX(version) FROM survey_versions WHERE survey_id = s.id AND published_at IS NOT NULL), 0),
       COALESCE((SELECT json_extract(definition, '$.title') FROM survey_versions WHERE survey_id = s.id ORDER BY version DESC LIMIT 1), ''),
       (SELECT COUNT(*) FROM responses WHERE survey_id = s.id)
FROM surveys s`

func scanSurveyInfo(row scannable) (SurveyInfo, error) {
	var si SurveyInfo
	var created, updated string
	err := row.Scan(&si.ID, &si.Slug, &si.Status, &created, &updated,
		&si.LatestVersion, &si.PublishedVersion, &si.Title, &si.Responses)
	si.CreatedAt, si.UpdatedAt = parseTime(created), parseTime(updated)
	si.HasDraft = si.LatestVersion > si.PublishedVersion
	return si, err
}

// ListSurveys returns every survey, newest first.
func (db *DB) ListSurveys(ctx context.Context) ([]SurveyInfo, error) {
	return queryAll(ctx, db, "list surveys", surveyInfoQuery+" ORDER BY s.created_at DESC, s.id DESC", nil, scanSurveyInfo)
}

// FindSurveyBySlug returns the survey with the given slug.
func (db *DB) FindSurveyBySlug(ctx context.Context, slug string) (SurveyInfo, error) {
	si, err := scanSurveyInfo(db.read.QueryRowContext(ctx, surveyInfoQuery+" WHERE s.slug = ?", slug))
	if errors.Is(err, sql.ErrNoRows) {
		return si, notFound("survey " + slug)
	}
	if err != nil {
		return si, fmt.Errorf("find survey %s: %w", slug, err)
	}
	return si, nil
}

const versionQuery = `
SELECT v.id, v.survey_id, s.slug, v.version, s.status, v.definition, v.published_at
FROM survey_versions v JOIN surveys s ON s.id = v.survey_id`

func scanVersion(row scannable) (*Version, error) {
	var v Version
	var def string
	var published sql.NullString
	if err := row.Scan(&v.ID, &v.SurveyID, &v.Slug, &v.Number, &v.Status, &def, &published); err != nil {
		return nil, err
	}
	if published.Valid {
		v.PublishedAt = parseTime(published.String)
	}
	v.Definition = &survey.Definition{}
	if err := json.Unmarshal([]byte(def), v.Definition); err != nil {
		return nil, fmt.Errorf("stored definition of %s version %d: %w", v.Slug, v.Number, err)
	}
	return &v, nil
}

func (db *DB) findVersion(ctx context.Context, what, where string, args ...any) (*Version, error) {
	v, err := scanVersion(db.read.QueryRowContext(ctx, versionQuery+" WHERE "+where+" ORDER BY v.version DESC LIMIT 1", args...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(what)
	}
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", what, err)
	}
	return v, nil
}

// PublishedVersion returns the newest published version of a survey. It
// is what families answer; a survey never published is not found. The
// caller checks Status for closed surveys.
//
// Its Definition is shared with every other caller and must not be
// changed: a published version never changes, so its parsed definition is
// kept (see definitionCache) rather than parsed again for each submission.
func (db *DB) PublishedVersion(ctx context.Context, slug string) (*Version, error) {
	if v, ok := db.recent.get(slug); ok {
		return v, nil
	}
	v, err := db.findPublishedVersion(ctx, slug)
	if err == nil {
		db.recent.put(slug, v)
	}
	return v, err
}

// recentPublished remembers each survey's published version for a moment,
// so a burst of submissions does not look it up for every one. Changes
// made through this DB clear it at once; a change made by another
// process (the command line) is seen within recentPublishedFor.
type recentPublished struct {
	mu sync.Mutex
	m  map[string]recentEntry
}

type recentEntry struct {
	v  Version
	at time.Time
}

const recentPublishedFor = time.Second

func (r *recentPublished) get(slug string) (*Version, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.m[slug]
	if !ok || time.Since(e.at) > recentPublishedFor {
		return nil, false
	}
	v := e.v
	return &v, true
}

func (r *recentPublished) put(slug string, v *Version) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.m == nil || len(r.m) > maxCachedDefinitions {
		r.m = map[string]recentEntry{}
	}
	r.m[slug] = recentEntry{v: *v, at: time.Now()}
}

func (r *recentPublished) forget() {
	r.mu.Lock()
	r.m = nil
	r.mu.Unlock()
}

func (db *DB) findPublishedVersion(ctx context.Context, slug string) (*Version, error) {
	what := "published survey " + slug
	var v Version
	var published string
	err := db.findPublished.QueryRowContext(ctx, slug).Scan(&v.ID, &v.SurveyID, &v.Slug, &v.Number, &v.Status, &published)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound(what)
	}
	if err != nil {
		return nil, fmt.Errorf("find %s: %w", what, err)
	}
	v.PublishedAt = parseTime(published)
	if def := db.published.get(v.ID, published); def != nil {
		v.Definition = def
		return &v, nil
	}
	full, err := db.VersionByID(ctx, v.ID)
	if err != nil {
		return nil, err
	}
	v.Definition = full.Definition
	db.published.put(v.ID, published, full.Definition)
	return &v, nil
}

// findPublishedQuery finds a survey's newest published version, without
// its definition. Every submission runs it, so it is prepared once (see
// Open): compiling it cost as much as running it.
const findPublishedQuery = `SELECT v.id, v.survey_id, s.slug, v.version, s.status, v.published_at
FROM survey_versions v JOIN surveys s ON s.id = v.survey_id
WHERE s.slug = ? AND v.published_at IS NOT NULL ORDER BY v.version DESC LIMIT 1`

// definitionCache keeps the parsed definitions of published versions by
// row id. Parsing a definition cost more than the rest of a submission.
// Published versions are never changed or deleted; an entry is still
// matched on its published_at as well, so a row id reused by some future
// migration could not return another version's definition.
type definitionCache struct {
	mu sync.Mutex
	m  map[int64]cachedDefinition
}

type cachedDefinition struct {
	publishedAt string
	def         *survey.Definition
}

// maxCachedDefinitions bounds the cache; a forum has a handful of open
// surveys, so it is emptied rather than managed when full.
const maxCachedDefinitions = 64

func (c *definitionCache) get(id int64, publishedAt string) *survey.Definition {
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[id]; ok && e.publishedAt == publishedAt {
		return e.def
	}
	return nil
}

func (c *definitionCache) put(id int64, publishedAt string, def *survey.Definition) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.m == nil || len(c.m) >= maxCachedDefinitions {
		c.m = make(map[int64]cachedDefinition)
	}
	c.m[id] = cachedDefinition{publishedAt: publishedAt, def: def}
}

// LatestVersion returns the newest version of a survey, draft or not: the
// one designers edit and export.
func (db *DB) LatestVersion(ctx context.Context, slug string) (*Version, error) {
	return db.findVersion(ctx, "survey "+slug, "s.slug = ?", slug)
}

// VersionByNumber returns one version of a survey.
func (db *DB) VersionByNumber(ctx context.Context, slug string, number int) (*Version, error) {
	return db.findVersion(ctx, fmt.Sprintf("version %d of survey %s", number, slug), "s.slug = ? AND v.version = ?", slug, number)
}

// VersionByID returns a version by its row id.
func (db *DB) VersionByID(ctx context.Context, id int64) (*Version, error) {
	return db.findVersion(ctx, "survey version", "v.id = ?", id)
}

// Versions returns every version of a survey, oldest first.
func (db *DB) Versions(ctx context.Context, slug string) ([]*Version, error) {
	out, err := queryAll(ctx, db, "versions of "+slug, versionQuery+" WHERE s.slug = ? ORDER BY v.version", []any{slug}, scanVersion)
	if err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, notFound("survey " + slug)
	}
	return out, nil
}

// SaveDraft stores def as the draft of its survey: a new survey if the
// slug is new; otherwise it replaces the current draft, or starts a new
// draft version when the latest version is published. Published versions
// are never changed. The definition must already be valid.
func (db *DB) SaveDraft(ctx context.Context, def *survey.Definition) (*Version, error) {
	body, err := encodeDefinition(def)
	if err != nil {
		return nil, err
	}
	now := formatTime(db.Now())
	var versionID int64
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		var surveyID int64
		err := tx.QueryRowContext(ctx, "SELECT id FROM surveys WHERE slug = ?", def.Slug).Scan(&surveyID)
		if errors.Is(err, sql.ErrNoRows) {
			res, err := tx.ExecContext(ctx, "INSERT INTO surveys (slug, status, created_at, updated_at) VALUES (?, 'draft', ?, ?)", def.Slug, now, now)
			if err != nil {
				return err
			}
			surveyID, _ = res.LastInsertId()
		} else if err != nil {
			return err
		}
		var latest int
		var published sql.NullString
		err = tx.QueryRowContext(ctx, "SELECT id, version, published_at FROM survey_versions WHERE survey_id = ? ORDER BY version DESC LIMIT 1", surveyID).
			Scan(&versionID, &latest, &published)
		switch {
		case err == nil && !published.Valid:
			if _, err := tx.ExecContext(ctx, "UPDATE survey_versions SET definition = ?, created_at = ? WHERE id = ?", body, now, versionID); err != nil {
				return err
			}
		case err == nil || errors.Is(err, sql.ErrNoRows):
			res, err := tx.ExecContext(ctx, "INSERT INTO survey_versions (survey_id, version, definition, created_at) VALUES (?, ?, ?, ?)",
				surveyID, latest+1, body, now)
			if err != nil {
				return err
			}
			versionID, _ = res.LastInsertId()
		default:
			return err
		}
		_, err = tx.ExecContext(ctx, "UPDATE surveys SET updated_at = ? WHERE id = ?", now, surveyID)
		return err
	})
	if err != nil {
		return nil, fmt.Errorf("save draft of %s: %w", def.Slug, err)
	}
	return db.VersionByID(ctx, versionID)
}

// Publish makes the survey's draft an immutable published version and
// opens the survey to responses.
func (db *DB) Publish(ctx context.Context, slug string) (*Version, error) {
	v, err := db.LatestVersion(ctx, slug)
	if err != nil {
		return nil, err
	}
	if v.Published() {
		return nil, survey.Errorf(survey.EConflict, "survey %s has no draft to publish: version %d is already published", slug, v.Number)
	}
	now := formatTime(db.Now())
	err = db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE survey_versions SET published_at = ? WHERE id = ? AND published_at IS NULL", now, v.ID)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return survey.Errorf(survey.EConflict, "survey %s was changed by someone else: try again", slug)
		}
		_, err = tx.ExecContext(ctx, "UPDATE surveys SET status = 'published', updated_at = ? WHERE id = ?", now, v.SurveyID)
		return err
	})
	db.recent.forget()
	if err != nil {
		return nil, fmt.Errorf("publish %s: %w", slug, err)
	}
	return db.VersionByID(ctx, v.ID)
}

// SetStatus closes or reopens a published survey.
func (db *DB) SetStatus(ctx context.Context, slug string, status Status) error {
	si, err := db.FindSurveyBySlug(ctx, slug)
	if err != nil {
		return err
	}
	if status != StatusClosed && status != StatusPublished {
		return survey.Errorf(survey.EInvalid, "a survey can only be closed or reopened")
	}
	if si.PublishedVersion == 0 {
		return survey.Errorf(survey.EConflict, "survey %s has never been published", slug)
	}
	_, err = db.write.ExecContext(ctx, "UPDATE surveys SET status = ?, updated_at = ? WHERE id = ?", status, formatTime(db.Now()), si.ID)
	db.recent.forget()
	if err != nil {
		return fmt.Errorf("set status of %s: %w", slug, err)
	}
	return nil
}

// DeleteSurvey deletes a survey that was never published and has no
// responses. Anything else is kept: families' answers are never deleted
// by accident.
func (db *DB) DeleteSurvey(ctx context.Context, slug string) error {
	defer db.recent.forget()
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var id int64
		var published, responses int
		err := tx.QueryRowContext(ctx, `SELECT id,
			(SELECT COUNT(*) FROM survey_versions WHERE survey_id = surveys.id AND published_at IS NOT NULL),
			(SELECT COUNT(*) FROM responses WHERE survey_id = surveys.id)
			FROM surveys WHERE slug = ?`, slug).Scan(&id, &published, &responses)
		if errors.Is(err, sql.ErrNoRows) {
			return notFound("survey " + slug)
		}
		if err != nil {
			return err
		}
		if published > 0 || responses > 0 {
			return survey.Errorf(survey.EConflict, "only a draft that was never published can be deleted; close %s instead", slug)
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM surveys WHERE id = ?", id)
		return err
	})
}

// SlugTaken reports whether a survey already uses slug.
func (db *DB) SlugTaken(ctx context.Context, slug string) (bool, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM surveys WHERE slug = ?", strings.TrimSpace(slug)).Scan(&n)
	return n > 0, err
}
