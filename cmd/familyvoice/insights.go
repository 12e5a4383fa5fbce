package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sync"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// insights keeps each survey's responses in memory for analysis, reading
// only the ones stored since the last use, and caches summaries until a
// new response arrives. Leaders' pages then answer from memory instead of
// re-reading and re-coding every comment on each request.
type insights struct {
	db *sqlite.DB
	// bigSurvey is the response count above which a stale summary is
	// served while a fresh one is made in the background.
	bigSurvey int

	mu      sync.Mutex
	surveys map[int64]*surveyInsight
}

type surveyInsight struct {
	mu        sync.Mutex
	lastID    int64
	responses []analysis.ResponseData
	summaries map[string]*cachedSummary
	// used counts summary lookups, to find the least recently used.
	used int64
	// leader holds the comment index and small results of leaders'
	// pages (see leader_comments.go).
	leader *leaderCache
}

type cachedSummary struct {
	lastID     int64
	sum        *analysis.Summary
	refreshing bool
	usedAt     int64
}

// maxCachedSummaries bounds the summaries kept per survey. Each filter a
// leader tries is a summary of its own; beyond this many, the one used
// longest ago is dropped.
const maxCachedSummaries = 128

func newInsights(db *sqlite.DB) *insights {
	return &insights{db: db, bigSurvey: 5000, surveys: map[int64]*surveyInsight{}}
}

func (in *insights) survey(id int64) *surveyInsight {
	in.mu.Lock()
	defer in.mu.Unlock()
	s, ok := in.surveys[id]
	if !ok {
		s = &surveyInsight{summaries: map[string]*cachedSummary{}}
		in.surveys[id] = s
	}
	return s
}

// Responses returns every response of the survey, oldest first. The
// slice is shared: callers must not change it or its answers.
func (in *insights) Responses(ctx context.Context, surveyID int64) ([]analysis.ResponseData, error) {
	s := in.survey(surveyID)
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := in.refresh(ctx, surveyID, s); err != nil {
		return nil, err
	}
	return s.responses, nil
}

// refresh reads responses stored since the last read. s.mu is held.
func (in *insights) refresh(ctx context.Context, surveyID int64, s *surveyInsight) error {
	latest, err := in.db.LatestResponseID(ctx, surveyID)
	if err != nil || latest == s.lastID {
		return err
	}
	// Appending never changes what slices handed out earlier hold: their
	// length stays as it was.
	return in.db.EachResponse(ctx, surveyID, sqlite.ResponseFilter{AfterID: s.lastID}, func(r sqlite.StoredResponse) error {
		s.responses = append(s.responses, analysis.ResponseData{ID: r.ID, Reference: r.Reference, Version: r.Version, SubmittedAt: r.SubmittedAt, Answers: r.Answers})
		s.lastID = r.ID
		return nil
	})
}

// Summary returns the summary of the survey's responses with the given
// options, from the cache when no response has arrived since it was made.
// For a big survey with new responses, the previous summary is returned
// at once while a fresh one is made in the background.
func (in *insights) Summary(ctx context.Context, def *survey.Definition, surveyID int64, opts analysis.SummaryOptions) (*analysis.Summary, error) {
	key := optionsKey(def, opts)
	s := in.survey(surveyID)
	s.mu.Lock()
	if err := in.refresh(ctx, surveyID, s); err != nil {
		s.mu.Unlock()
		return nil, err
	}
	responses, lastID := s.responses, s.lastID
	c, ok := s.summaries[key]
	s.used++
	if ok {
		c.usedAt = s.used
	}
	switch {
	case ok && c.lastID == lastID:
		s.mu.Unlock()
		return c.sum, nil
	case ok && len(responses) > in.bigSurvey:
		if !c.refreshing {
			c.refreshing = true
			go func() {
				sum := analysis.Summarise(def, responses, opts)
				s.mu.Lock()
				c.sum, c.lastID, c.refreshing = sum, lastID, false
				s.mu.Unlock()
			}()
		}
		sum := c.sum
		s.mu.Unlock()
		return sum, nil
	}
	s.mu.Unlock()
	sum := analysis.Summarise(def, responses, opts)
	s.mu.Lock()
	if _, ok := s.summaries[key]; !ok && len(s.summaries) >= maxCachedSummaries {
		s.evictOne()
	}
	s.used++
	s.summaries[key] = &cachedSummary{lastID: lastID, sum: sum, usedAt: s.used}
	s.mu.Unlock()
	return sum, nil
}

// evictOne drops the least recently used summary that is not being
// refreshed. s.mu is held.
func (s *surveyInsight) evictOne() {
	oldest := ""
	for k, c := range s.summaries {
		if !c.refreshing && (oldest == "" || c.usedAt < s.summaries[oldest].usedAt) {
			oldest = k
		}
	}
	if oldest != "" {
		delete(s.summaries, oldest)
	}
}

// Forget drops everything cached for a survey, after a change that is not
// a new response (an erasure, a new coding).
func (in *insights) Forget(surveyID int64) {
	in.mu.Lock()
	delete(in.surveys, surveyID)
	in.mu.Unlock()
}

// optionsKey identifies a summary by everything that changes it: the
// definition it was made from and every option.
func optionsKey(def *survey.Definition, o analysis.SummaryOptions) string {
	sum := sha256.Sum256(def.MarshalIndent())
	profile, _ := json.Marshal(o.Profile) // map keys are sorted
	return fmt.Sprintf("%x|%p|%d|%d|%d|%s|%s|%s|%d|%t", sum[:8], o.Classifier, o.SuppressionThreshold, o.PercentageBase,
		o.Version, profile, o.From.Format(time.RFC3339), o.To.Format(time.RFC3339), o.QuotesPerTheme, o.IncludeFlagged)
}

// warmSummaries reads a large survey's responses and makes its
// unfiltered leader summary in the background at start-up, so the first
// leader to open it does not wait. Small surveys are quick to summarise
// on demand and are left alone, keeping memory low.
func (a *App) warmSummaries(ctx context.Context) {
	list, err := a.db.ListSurveys(ctx)
	if err != nil {
		a.log.Error("warm summaries", "err", err)
		return
	}
	for _, s := range list {
		if ctx.Err() != nil {
			return
		}
		if s.Responses < a.insights.bigSurvey {
			continue
		}
		ls, err := a.loadLeaderSurvey(ctx, s.Slug)
		if err == nil {
			_, err = a.leaderSummary(ctx, ls, analysis.SummaryOptions{})
		}
		if err != nil {
			a.log.Error("warm summaries", "survey", s.Slug, "err", err)
		}
	}
}
