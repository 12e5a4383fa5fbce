package main

import (
	"bufio"
	"encoding/json"
	"runtime/debug"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// runAnalyse prints the summary of what families said in a survey: a
// readable report, or JSON for other tools. Small groups are withheld.
func runAnalyse(e *env, args []string) error {
	fs := newFlagSet(e, "analyse")
	format := fs.String("format", "text", "text or json")
	version := fs.Int("version", 0, "only responses to this version")
	threshold := fs.Int("threshold", 5, "withhold any count below this")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("analyse", pos, "SLUG"); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("analyse: --format must be text or json, not %q", *format)
	}
	if *threshold < 1 {
		return usagef("analyse: --threshold must be at least 1")
	}
	// A one-off command that reads every response: collecting garbage
	// less often saves a tenth of its time for a little more memory.
	defer debug.SetGCPercent(debug.SetGCPercent(400))
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	v, err := db.LatestVersion(e.ctx, pos[0])
	if err != nil {
		return err
	}
	// Comments are coded as the responses are read.
	s := analysis.NewSummariser(v.Definition, analysis.SummaryOptions{
		SuppressionThreshold: *threshold, Version: *version,
	})
	err = db.EachResponse(e.ctx, v.SurveyID, sqlite.ResponseFilter{}, func(r sqlite.StoredResponse) error {
		s.Add(&analysis.ResponseData{Reference: r.Reference, Version: r.Version, SubmittedAt: r.SubmittedAt, Answers: r.Answers})
		return nil
	})
	sum := s.Finish()
	if err != nil {
		return err
	}
	out := bufio.NewWriter(e.stdout)
	if *format == "json" {
		enc := json.NewEncoder(out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(sum); err != nil {
			return err
		}
	} else if err := sum.WriteText(out); err != nil {
		return err
	}
	return out.Flush()
}
