package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// SurveySlugs returns the slug of every survey, oldest first. Unlike
// ListSurveys it counts no responses, so a page that only needs to know
// which surveys exist (to offer other rounds to compare with) stays quick
// however many responses are stored.
func (db *DB) SurveySlugs(ctx context.Context) ([]string, error) {
	return queryAll(ctx, db, "list survey slugs", "SELECT slug FROM surveys ORDER BY created_at, id", nil, func(r scannable) (string, error) {
		var slug string
		err := r.Scan(&slug)
		return slug, err
	})
}

// SurveyBySlugUncounted returns the survey with the given slug, as
// FindSurveyBySlug does, but with Responses left 0. Counting the responses
// of a survey of a hundred thousand took longer than the rest of a leader's
// page, whose caller holds the responses in memory anyway.
func (db *DB) SurveyBySlugUncounted(ctx context.Context, slug string) (SurveyInfo, error) {
	si, err := scanSurveyInfo(db.read.QueryRowContext(ctx, `
SELECT s.id, s.slug, s.status, s.created_at, s.updated_at,
       COALESCE((SELECT MAX(version) FROM survey_versions WHERE survey_id = s.id), 0),
       COALESCE((SELECT MAX(version) FROM survey_versions WHERE survey_id = s.id AND published_at IS NOT NULL), 0),
       COALESCE((SELECT json_extract(definition, '$.title') FROM survey_versions WHERE survey_id = s.id ORDER BY version DESC LIMIT 1), ''),
       0
FROM surveys s WHERE s.slug = ?`, slug))
	if errors.Is(err, sql.ErrNoRows) {
		return si, notFound("survey " + slug)
	}
	if err != nil {
		return si, fmt.Errorf("find survey %s: %w", slug, err)
	}
	return si, nil
}
