package main

import (
	"errors"
	"flag"
	"io"
	"strings"
)

// flagSet wraps flag.FlagSet with the flag every subcommand shares (--db)
// and lets flags come before or after the positional arguments, as in
// "responses export SLUG --format json".
type flagSet struct {
	*flag.FlagSet
	db *string
}

func newFlagSet(e *env, name string) *flagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	def := e.getenv("FAMILYVOICE_DB")
	if def == "" {
		def = "familyvoice.db"
	}
	return &flagSet{FlagSet: fs, db: fs.String("db", def, "database file")}
}

// parse parses args, returning the positional arguments. A wrong flag is
// a usage error.
func (fs *flagSet) parse(args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, errHelp
			}
			return nil, usagef("%s: %v", fs.Name(), err)
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// exactly checks the number of positional arguments.
func exactly(name string, pos []string, names ...string) error {
	if len(pos) != len(names) {
		if len(names) == 0 {
			return usagef("%s takes no arguments", name)
		}
		return usagef("%s needs %s", name, strings.Join(names, " "))
	}
	return nil
}
