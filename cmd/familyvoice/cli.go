package main

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"text/tabwriter"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/export"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// openDB opens the database named by --db. A path that cannot be opened
// is a user error (exit 1).
func openDB(path string) (*sqlite.DB, error) {
	db, err := sqlite.Open(path)
	if err != nil {
		return nil, fmt.Errorf("database %s: %w", path, err)
	}
	return db, nil
}

func runSurveyImport(e *env, args []string) error {
	fs := newFlagSet(e, "survey import")
	publish := fs.Bool("publish", false, "publish the imported version at once")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("survey import", pos, "FILE"); err != nil {
		return err
	}
	var in io.Reader = e.stdin
	if pos[0] != "-" {
		f, err := os.Open(pos[0])
		if err != nil {
			return fmt.Errorf("read %s: %w", pos[0], err)
		}
		defer f.Close()
		in = f
	}
	def, err := survey.ParseDefinition(in)
	if err != nil {
		return definitionError(pos[0], err)
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.SaveDraft(e.ctx, def); err != nil {
		return err
	}
	if *publish {
		if _, err := db.Publish(e.ctx, def.Slug); err != nil {
			return err
		}
	}
	fmt.Fprintln(e.stdout, def.Slug)
	return nil
}

// definitionError lists every problem in a definition file, one a line.
func definitionError(file string, err error) error {
	var se *survey.Error
	if errors.As(err, &se) && len(se.Fields) > 0 {
		return fmt.Errorf("%s: %s:\n%s", file, se.Message, survey.FieldErrors(se.Fields).Error())
	}
	return fmt.Errorf("%s: %w", file, err)
}

func runSurveyExport(e *env, args []string) error {
	fs := newFlagSet(e, "survey export")
	version := fs.Int("version", 0, "export this version instead of the newest")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("survey export", pos, "SLUG"); err != nil {
		return err
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	var v *sqlite.Version
	if *version > 0 {
		v, err = db.VersionByNumber(e.ctx, pos[0], *version)
	} else {
		v, err = db.LatestVersion(e.ctx, pos[0])
	}
	if err != nil {
		return err
	}
	_, err = e.stdout.Write(v.Definition.MarshalIndent())
	return err
}

func runSurveyList(e *env, args []string) error {
	fs := newFlagSet(e, "survey list")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("survey list", pos); err != nil {
		return err
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.ListSurveys(e.ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "SLUG\tSTATUS\tVERSION\tRESPONSES\tTITLE")
	for _, s := range list {
		version := fmt.Sprint(s.LatestVersion)
		if s.HasDraft && s.PublishedVersion > 0 {
			version = fmt.Sprintf("%d (draft %d)", s.PublishedVersion, s.LatestVersion)
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%d\t%s\n", s.Slug, s.Status, version, s.Responses, s.Title)
	}
	return tw.Flush()
}

func runResponsesExport(e *env, args []string) error {
	fs := newFlagSet(e, "responses export")
	format := fs.String("format", "csv", "csv or json")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("responses export", pos, "SLUG"); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		return usagef("responses export: --format must be csv or json, not %q", *format)
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	out := bufio.NewWriterSize(e.stdout, 64<<10)
	if err := exportResponses(e, db, pos[0], *format, out); err != nil {
		return err
	}
	return out.Flush()
}

// exportResponses writes every response of a survey in the given format.
func exportResponses(e *env, db *sqlite.DB, slug, format string, w io.Writer) error {
	si, err := db.FindSurveyBySlug(e.ctx, slug)
	if err != nil {
		return err
	}
	versions, err := db.Versions(e.ctx, slug)
	if err != nil {
		return err
	}
	defs := make([]*survey.Definition, len(versions))
	for i, v := range versions {
		defs[i] = v.Definition
	}
	var write func(export.Response) error
	var finish func() error
	if format == "json" {
		jw, err := export.NewJSONWriter(w)
		if err != nil {
			return err
		}
		write, finish = jw.Write, jw.Close
	} else {
		cw, err := export.NewCSVWriter(w, export.Columns(defs))
		if err != nil {
			return err
		}
		write, finish = cw.Write, cw.Flush
	}
	err = db.EachResponse(e.ctx, si.ID, sqlite.ResponseFilter{}, func(r sqlite.StoredResponse) error {
		return write(export.Response{Reference: r.Reference, SubmittedAt: r.SubmittedAt, Version: r.Version, Answers: r.Answers})
	})
	if err != nil {
		return err
	}
	return finish()
}
