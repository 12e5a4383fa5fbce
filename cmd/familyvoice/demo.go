package main

import (
	"context"
	"fmt"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// demoSeed fixes the demo's synthetic responses, so every new install
// shows the same figures.
const demoSeed = 2026

// installDemoIfEmpty installs the demo surveys and their responses when
// the database has no surveys at all, and reports whether it did.
func installDemoIfEmpty(ctx context.Context, db *sqlite.DB) (bool, error) {
	list, err := db.ListSurveys(ctx)
	if err != nil {
		return false, err
	}
	if len(list) > 0 {
		return false, nil
	}
	return true, installDemo(ctx, db, 0, demoSeed)
}

// installDemo stores both rounds of the demo survey, the previous round
// closed, with responses generated from seed. responses overrides the
// current round's count when positive.
func installDemo(ctx context.Context, db *sqlite.DB, responses int, seed int64) error {
	rounds := demo.Rounds()
	// The older round goes in first so the survey list reads newest first.
	for i := len(rounds) - 1; i >= 0; i-- {
		r := rounds[i]
		n := r.Responses
		if i == 0 && responses > 0 {
			n = responses
		}
		if _, err := db.SaveDraft(ctx, r.Definition); err != nil {
			return err
		}
		v, err := db.Publish(ctx, r.Definition.Slug)
		if err != nil {
			return err
		}
		if err := importDemoResponses(ctx, db, v, r.Definition, n, seed+int64(i)); err != nil {
			return err
		}
		if i > 0 {
			if err := db.SetStatus(ctx, r.Definition.Slug, sqlite.StatusClosed); err != nil {
				return err
			}
		}
	}
	return nil
}

// sweepDrafts deletes expired drafts every interval until ctx ends, so
// abandoned answers do not outlive their promised expiry.
func (a *App) sweepDrafts(ctx context.Context, every time.Duration) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		if n, err := a.db.DeleteExpiredDrafts(ctx); err != nil {
			a.log.Error("delete expired drafts", "err", err)
		} else if n > 0 {
			a.log.Info("deleted expired drafts", "count", n)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// importDemoResponses stores n synthetic responses to def, generated from
// seed, as answers to version v. They go in batches so a large demo
// neither holds every response in memory nor writes them one at a time.
func importDemoResponses(ctx context.Context, db *sqlite.DB, v *sqlite.Version, def *survey.Definition, n int, seed int64) error {
	batch := make([]sqlite.NewResponse, 0, 1000)
	flush := func() error {
		err := db.ImportResponses(ctx, batch)
		batch = batch[:0]
		return err
	}
	err := demo.Stream(def, n, seed, func(r demo.Response) error {
		batch = append(batch, sqlite.NewResponse{SurveyID: v.SurveyID, VersionID: v.ID, Answers: r.Answers, SubmittedAt: r.SubmittedAt})
		if len(batch) == cap(batch) {
			return flush()
		}
		return nil
	})
	if err == nil {
		err = flush()
	}
	if err != nil {
		return fmt.Errorf("demo responses for %s: %w", def.Slug, err)
	}
	return nil
}
