// Command familyvoice runs the FamilyVoice survey service and its tools.
//
//	familyvoice [serve] [--addr 127.0.0.1:8080] [--no-demo]
//	familyvoice survey import [--publish] FILE
//	familyvoice survey export SLUG
//	familyvoice survey list
//	familyvoice responses export [--format csv|json] SLUG
//	familyvoice user add --email E --role admin|designer|leader [--role ...]
//	familyvoice user list
//	familyvoice user disable --email E
//
// Every subcommand takes --db PATH (env FAMILYVOICE_DB, default
// familyvoice.db). Exit status is 0 on success, 1 for a user error and 2
// for bad usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	os.Exit(Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr))
}

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// usageError is a mistake in how the command was called: exit status 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, args ...any) error { return usageError{fmt.Sprintf(format, args...)} }

// env bundles what a subcommand reads and writes, so tests can run the
// real commands in-process.
type env struct {
	ctx    context.Context
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
	getenv func(string) string
}

// command is one subcommand: its name path and what it does.
type command struct {
	name  string // e.g. "survey import"
	usage string
	run   func(e *env, args []string) error
}

func commands() []command {
	return []command{
		{"serve", "serve [--db PATH] [--addr 127.0.0.1:8080] [--no-demo]", runServe},
		{"survey import", "survey import [--db PATH] [--publish] FILE", runSurveyImport},
		{"survey export", "survey export [--db PATH] SLUG", runSurveyExport},
		{"survey list", "survey list [--db PATH]", runSurveyList},
		{"responses export", "responses export [--db PATH] [--format csv|json] SLUG", runResponsesExport},
		{"classify", "classify [--taxonomy FILE | --train FILE.csv [--save-model MODEL] | --model MODEL] < comments.csv", runClassify},
		{"model evaluate", "model evaluate [--folds 5] FILE.csv", runModelEvaluate},
		{"analyse", "analyse [--db PATH] [--format text|json] [--version N] [--threshold 5] SLUG", runAnalyse},
		{"demo", "demo [--db PATH] [--responses 420] [--seed N] [--add]", runDemo},
		{"user add", "user add [--db PATH] --email E --role admin|designer|leader [--role ...]  (password on standard input)", runUserAdd},
		{"user list", "user list [--db PATH]", runUserList},
		{"user disable", "user disable [--db PATH] --email E", runUserDisable},
	}
}

// Run runs the command line args and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{ctx: ctx, stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	return e.run(args)
}

func (e *env) run(args []string) int {
	cmd, rest, err := findCommand(args)
	if err == nil {
		err = cmd.run(e, rest)
	}
	var ue usageError
	switch {
	case err == nil:
		return exitOK
	case errors.As(err, &ue):
		fmt.Fprintf(e.stderr, "familyvoice: %s\n\n", ue.msg)
		printUsage(e.stderr)
		return exitUsage
	case errors.Is(err, errHelp):
		printUsage(e.stdout)
		return exitOK
	default:
		fmt.Fprintf(e.stderr, "familyvoice: %s\n", err)
		return exitError
	}
}

var errHelp = errors.New("help requested")

// findCommand picks the subcommand named by the leading words of args.
// With no words (only flags, or nothing) it is serve.
func findCommand(args []string) (command, []string, error) {
	if len(args) > 0 && (args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
		return command{}, nil, errHelp
	}
	// The command's words may follow a --db flag ("--db x survey list"),
	// so skip that flag and its value while looking for them.
	var words []string
	var wordAt []int
	for i := 0; i < len(args) && len(words) < 2; i++ {
		a := args[i]
		switch {
		case a == "--db" || a == "-db":
			i++
		case strings.HasPrefix(a, "-"):
			if !strings.HasPrefix(a, "--db=") && !strings.HasPrefix(a, "-db=") {
				i = len(args) // other flags belong to serve
			}
		default:
			words = append(words, a)
			wordAt = append(wordAt, i)
		}
	}
	without := func(n int) []string {
		var rest []string
		for i, a := range args {
			if !slices.Contains(wordAt[:n], i) {
				rest = append(rest, a)
			}
		}
		return rest
	}
	if len(words) == 0 {
		return commands()[0], args, nil
	}
	for _, c := range commands() {
		n := len(strings.Fields(c.name))
		if n <= len(words) && c.name == strings.Join(words[:n], " ") {
			return c, without(n), nil
		}
	}
	return command{}, nil, usagef("unknown command %q", strings.Join(words, " "))
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	for _, c := range commands() {
		fmt.Fprintln(w, "  familyvoice "+c.usage)
	}
	fmt.Fprintln(w, "\nThe database is --db PATH, or $FAMILYVOICE_DB, or familyvoice.db in the working directory.")
}
