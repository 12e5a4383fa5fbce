package main

import (
	"context"
	"fmt"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// maxDemoResponses bounds `demo --responses`, well above the largest
// survey a forum runs.
const maxDemoResponses = 2_000_000

// runDemo fills a database with the demo surveys and synthetic responses,
// to try FamilyVoice or to measure leaders' pages at scale:
//
//	familyvoice demo --responses 100000 [--seed N] [--db PATH] [--add]
//
// On a database without the demo survey it installs both rounds, the
// current one with the responses asked for. A database that has it
// already is refused, so a run never doubles the figures by mistake;
// --add adds the responses to its current round instead.
func runDemo(e *env, args []string) error {
	fs := newFlagSet(e, "demo")
	n := fs.Int("responses", demo.DefaultResponses, "synthetic responses for the current round")
	seed := fs.Int64("seed", demoSeed, "seed of the synthetic responses")
	add := fs.Bool("add", false, "add the responses to a demo survey already installed")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("demo", pos); err != nil {
		return err
	}
	if *n < 1 || *n > maxDemoResponses {
		return usagef("demo: --responses must be between 1 and %d", maxDemoResponses)
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	started := time.Now()
	si, err := db.FindSurveyBySlug(e.ctx, demo.Slug)
	switch {
	case survey.ErrorCode(err) == survey.ENotFound:
		if _, err := db.FindSurveyBySlug(e.ctx, demo.PreviousSlug); err == nil {
			return fmt.Errorf("the database has the demo's previous round %s but not %s: use a new --db", demo.PreviousSlug, demo.Slug)
		}
		if err := installDemo(e.ctx, db, *n, *seed); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Installed the demo surveys %s (%d responses) and %s in %s.\n",
			demo.Slug, *n, demo.PreviousSlug, time.Since(started).Round(time.Millisecond))
	case err != nil:
		return err
	case !*add:
		return fmt.Errorf("the database already has the demo survey %s, with %d responses: add --add to add %d more, or give a new --db",
			demo.Slug, si.Responses, *n)
	default:
		if err := addDemoResponses(e.ctx, db, *n, *seed); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "Added %d responses to %s in %s.\n", *n, demo.Slug, time.Since(started).Round(time.Millisecond))
	}
	return nil
}

// addDemoResponses stores n more synthetic responses for the demo
// survey's current round, in batches.
func addDemoResponses(ctx context.Context, db *sqlite.DB, n int, seed int64) error {
	v, err := db.PublishedVersion(ctx, demo.Slug)
	if err != nil {
		return err
	}
	return importDemoResponses(ctx, db, v, v.Definition, n, seed)
}
