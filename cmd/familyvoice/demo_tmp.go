package main

import (
	"context"
	"time"

	"github.com/familyvoice/familyvoice/survey/sqlite"
)

func installDemoIfEmpty(ctx context.Context, db *sqlite.DB) (bool, error) { return false, nil }
func (a *App) sweepDrafts(ctx context.Context, every time.Duration)       {}
