package main

import (
	"fmt"
	"log/slog"
	"net"
	"runtime/debug"
	"time"
)

func runServe(e *env, args []string) error {
	cfg := DefaultConfig()
	if err := cfg.fromEnv(e.getenv); err != nil {
		return err
	}
	fs := newFlagSet(e, "serve")
	fs.StringVar(&cfg.Addr, "addr", cfg.Addr, "address to listen on")
	fs.BoolVar(&cfg.NoDemo, "no-demo", cfg.NoDemo, "do not install the demo survey on an empty database")
	fs.StringVar(&cfg.Taxonomy, "taxonomy", cfg.Taxonomy, "a taxonomy JSON file to code comments with instead of the built-in SEND one")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("serve", pos); err != nil {
		return err
	}
	cfg.DB = *fs.db
	if err := cfg.Validate(); err != nil {
		return err
	}
	log := slog.New(slog.NewTextHandler(e.stderr, nil))
	db, err := openDB(cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if !cfg.NoDemo {
		installed, err := installDemoIfEmpty(e.ctx, db)
		if err != nil {
			return fmt.Errorf("install demo: %w", err)
		}
		if installed {
			fmt.Fprintln(e.stdout, "Installed the demo survey send-local-area with its sample responses.")
		}
	}
	email, password, err := ensureFirstAdmin(e.ctx, db, cfg)
	if err != nil {
		return err
	}
	if email != "" {
		fmt.Fprintf(e.stdout, "Created the first admin account: %s\n", email)
		if password != "" {
			fmt.Fprintf(e.stdout, "Its password, shown only this once: %s\n", password)
		}
	}
	app, err := NewApp(cfg, db, log)
	if err != nil {
		return err
	}
	// Start-up's one-off work (generating the demo, hashing the first
	// admin's password) leaves tens of megabytes of garbage that a quiet
	// server may not collect for minutes: give it back before serving.
	debug.FreeOSMemory()
	// At rest the server's live heap is about 5 MB, so with Go's default
	// the GC ran after every 5 MB or so of garbage: many times a second
	// under a stream of submissions. Half again as much headroom gave about
	// 5% more submissions a second, and a lower p99, for about 4 MB of
	// memory (BENCHMARKS.md). GOGC, when set, still decides.
	if e.getenv("GOGC") == "" {
		debug.SetGCPercent(150)
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", cfg.Addr, err)
	}
	go app.sweepDrafts(e.ctx, time.Hour)
	go app.coder.run(e.ctx)
	go app.warmSummaries(e.ctx)
	fmt.Fprintf(e.stdout, "FamilyVoice is running at http://%s/\n", ln.Addr())
	return app.serve(e.ctx, ln)
}
