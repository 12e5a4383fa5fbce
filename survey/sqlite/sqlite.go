// Package sqlite stores surveys, responses and drafts in one SQLite file.
//
// Writes go through one connection; reads use a pool. Submissions are
// group-committed by a single writer goroutine (see writer.go), so a
// response is acknowledged only once it is durably on disk and
// throughput holds up under load.
package sqlite

import (
	"context"
	"crypto/rand"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	sqlite3 "modernc.org/sqlite"
	sqlite3lib "modernc.org/sqlite/lib"
)

//go:embed migrations/*.sql
var migrationFS embed.FS

// DB is the FamilyVoice database.
type DB struct {
	path   string
	write  *sql.DB // one connection: SQLite allows one writer at a time
	read   *sql.DB
	writer *writer
	// stmts and batch belong to the write connection, and are used only
	// by whoever holds it (see inBatchTx).
	stmts *preparedStatements
	batch batchTx
	// findPublished is findPublishedQuery, prepared on the read pool.
	findPublished *sql.Stmt

	// refs turns response ids into references and back; drawnRefs says
	// whether the database holds references drawn at random before
	// references came from ids (see drawn_references).
	refs      *referenceCodec
	drawnRefs bool

	published definitionCache
	recent    recentPublished

	stopCheckpoints chan struct{}
	checkpointsDone chan struct{}

	// Now returns the current time; tests replace it.
	Now func() time.Time
}

// dsn sets every pragma in the connection string, so each pooled
// connection gets them, busy_timeout first. The write connection does not
// checkpoint the WAL itself (see checkpointer), so no submission waits
// for a checkpoint's extra syncs, and it keeps statement journals in
// memory: each of a batch's multi-row INSERTs journals the pages the
// ones before it changed, and past 64 KiB SQLite spilled that to a new
// temporary file for every commit, a twentieth of the server's CPU.
func dsn(path string, write bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	q.Add("_pragma", "synchronous(FULL)")
	q.Add("_pragma", "foreign_keys(ON)")
	if write {
		q.Add("_pragma", "wal_autocheckpoint(0)")
		q.Add("_pragma", "temp_store(MEMORY)")
	}
	q.Set("_txlock", "immediate")
	return "file:" + path + "?" + q.Encode()
}

// Open opens (creating if need be) the database at path and brings its
// schema up to date. It refuses a database whose schema is newer than
// this program knows.
func Open(path string) (*DB, error) {
	if path == "" || strings.HasPrefix(path, ":memory:") {
		return nil, errors.New("open database: a file path is required (an in-memory database would give each connection its own empty copy)")
	}
	write, err := sql.Open("sqlite", dsn(path, true))
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	write.SetMaxOpenConns(1)
	write.SetConnMaxIdleTime(0)
	read, err := sql.Open("sqlite", dsn(path, false))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open database: %w", err)
	}
	read.SetMaxOpenConns(max(4, runtime.NumCPU()*2))
	db := &DB{path: path, write: write, read: read, Now: time.Now}
	if err := db.migrate(context.Background()); err != nil {
		db.closeConns()
		return nil, err
	}
	if err := db.loadReferenceKey(context.Background()); err != nil {
		db.closeConns()
		return nil, err
	}
	// Prepared now, so a database this program cannot write fails here.
	if err := db.inBatchTx(context.Background(), false, func(*batchTx) error { return nil }); err != nil {
		db.closeConns()
		return nil, err
	}
	if db.findPublished, err = read.Prepare(findPublishedQuery); err != nil {
		db.closeStatements()
		db.closeConns()
		return nil, fmt.Errorf("prepare: %w", err)
	}
	db.writer = startWriter(db)
	db.stopCheckpoints = make(chan struct{})
	db.checkpointsDone = make(chan struct{})
	go db.checkpointer(checkpointEvery)
	return db, nil
}

// loadReferenceKey reads the database's reference key, making it the
// first time, and notes whether any references were drawn at random.
func (db *DB) loadReferenceKey(ctx context.Context) error {
	key := make([]byte, referenceKeyLen)
	if _, err := rand.Read(key); err != nil {
		return err
	}
	// Another process may open the same new file at the same moment: the
	// first key stored is the one both use.
	if _, err := db.write.ExecContext(ctx, "INSERT OR IGNORE INTO secrets (name, value) VALUES ('reference', ?)", key); err != nil {
		return fmt.Errorf("store the reference key: %w", err)
	}
	if err := db.write.QueryRowContext(ctx, "SELECT value FROM secrets WHERE name = 'reference'").Scan(&key); err != nil {
		return fmt.Errorf("read the reference key: %w", err)
	}
	codec, err := newReferenceCodec(key)
	if err != nil {
		return err
	}
	db.refs = codec
	return db.write.QueryRowContext(ctx, "SELECT EXISTS (SELECT 1 FROM drawn_references)").Scan(&db.drawnRefs)
}

// checkpointEvery is how often the WAL is copied back into the database.
const checkpointEvery = 250 * time.Millisecond

// checkpointer copies the WAL into the main database file in the
// background, in PASSIVE mode so it never blocks the writer, keeping the
// WAL small without putting a checkpoint inside any submission's commit.
func (db *DB) checkpointer(every time.Duration) {
	defer close(db.checkpointsDone)
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-db.stopCheckpoints:
			return
		case <-t.C:
			// A failure here only means the WAL grows until the next
			// try; it never loses data.
			db.read.Exec("PRAGMA wal_checkpoint(PASSIVE)")
		}
	}
}

// Path returns the file the database lives in.
func (db *DB) Path() string { return db.path }

// Close stops the writer, waiting for submissions in flight, and closes
// the connections. Closing again does nothing.
func (db *DB) Close() error {
	if db.writer != nil {
		defer func() { db.writer = nil }()
		db.writer.stop()
		close(db.stopCheckpoints)
		<-db.checkpointsDone
		// Leave a tidy file: everything in the main database, WAL empty.
		db.write.Exec("PRAGMA wal_checkpoint(TRUNCATE)")
		db.closeStatements()
		db.findPublished.Close()
	}
	return db.closeConns()
}

// closeStatements finalizes the prepared statements on their connection.
func (db *DB) closeStatements() {
	conn, err := db.write.Conn(context.Background())
	if err != nil {
		return
	}
	defer conn.Close()
	conn.Raw(func(dc any) error {
		if db.stmts != nil && db.stmts.conn == dc {
			db.stmts.close()
		}
		db.stmts = nil
		return nil
	})
}

func (db *DB) closeConns() error {
	return errors.Join(db.read.Close(), db.write.Close())
}

// Ping reports whether the database answers a query.
func (db *DB) Ping(ctx context.Context) error {
	var one int
	return db.read.QueryRowContext(ctx, "SELECT 1").Scan(&one)
}

// IntegrityCheck runs PRAGMA integrity_check and returns its verdict.
func (db *DB) IntegrityCheck(ctx context.Context) (string, error) {
	var res string
	err := db.read.QueryRowContext(ctx, "PRAGMA integrity_check").Scan(&res)
	return res, err
}

type migration struct {
	version int
	name    string
	sql     string
}

func migrations() ([]migration, error) {
	entries, err := fs.ReadDir(migrationFS, "migrations")
	if err != nil {
		return nil, err
	}
	var ms []migration
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		v, err := strconv.Atoi(num)
		if !ok || err != nil {
			return nil, fmt.Errorf("migration %s: name must start with a number and an underscore", e.Name())
		}
		b, err := migrationFS.ReadFile("migrations/" + e.Name())
		if err != nil {
			return nil, err
		}
		ms = append(ms, migration{version: v, name: e.Name(), sql: string(b)})
	}
	sort.Slice(ms, func(i, j int) bool { return ms[i].version < ms[j].version })
	return ms, nil
}

// migrate applies each migration not yet recorded, one transaction each.
func (db *DB) migrate(ctx context.Context) error {
	if _, err := db.write.ExecContext(ctx, `CREATE TABLE IF NOT EXISTS schema_migrations (
		version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`); err != nil {
		return fmt.Errorf("create migrations table: %w", err)
	}
	ms, err := migrations()
	if err != nil {
		return err
	}
	var current int
	if err := db.write.QueryRowContext(ctx, "SELECT COALESCE(MAX(version), 0) FROM schema_migrations").Scan(&current); err != nil {
		return fmt.Errorf("read schema version: %w", err)
	}
	if latest := ms[len(ms)-1].version; current > latest {
		return fmt.Errorf("the database schema is version %d but this program knows only up to %d: use a newer FamilyVoice", current, latest)
	}
	for _, m := range ms {
		if m.version <= current {
			continue
		}
		if err := db.applyMigration(ctx, m); err != nil {
			return fmt.Errorf("migration %s: %w", m.name, err)
		}
	}
	return nil
}

// foreignKeysOff starts a migration that rebuilds a table other tables
// refer to: with foreign keys on, dropping the old table would first
// delete its rows, cascading to theirs. SQLite's way to alter a table is
// to turn them off, rebuild, and check them all before committing.
const foreignKeysOff = "-- migrate: foreign keys off\n"

// applyMigration runs m in a transaction of its own and records it.
func (db *DB) applyMigration(ctx context.Context, m migration) error {
	noFK := strings.HasPrefix(m.sql, foreignKeysOff)
	if noFK {
		// The pragma is a no-op inside a transaction, so it is set on
		// the write pool's one connection before the transaction starts.
		if _, err := db.write.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
			return err
		}
		defer db.write.ExecContext(ctx, "PRAGMA foreign_keys = ON")
	}
	return db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, m.sql); err != nil {
			return err
		}
		if noFK {
			// Each row names the table, the row, the table it refers to
			// and which of its foreign keys.
			var table, row, parent, fk any
			err := tx.QueryRowContext(ctx, "PRAGMA foreign_key_check").Scan(&table, &row, &parent, &fk)
			if err == nil {
				return fmt.Errorf("it leaves rows of %s referring to rows that do not exist", table)
			}
			if !errors.Is(err, sql.ErrNoRows) {
				return err
			}
		}
		_, err := tx.ExecContext(ctx, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
			m.version, m.name, formatTime(db.Now()))
		return err
	})
}

// inTx runs fn in a write transaction, committing it if fn succeeds and
// rolling it back if not. On the write connection every transaction is
// immediate (see dsn).
func (db *DB) inTx(ctx context.Context, fn func(tx *sql.Tx) error) error {
	tx, err := db.write.BeginTx(ctx, nil)
	if err != nil {
		return err
	}
	if err := fn(tx); err != nil {
		tx.Rollback()
		return err
	}
	return tx.Commit()
}

// scannable is a *sql.Row or *sql.Rows, for the scan functions that read both.
type scannable interface{ Scan(dest ...any) error }

// queryAll runs query on the read pool and returns every row, each read
// by scan; what names the list in errors ("list actions").
func queryAll[T any](ctx context.Context, db *DB, what, query string, args []any, scan func(scannable) (T, error)) ([]T, error) {
	rows, err := db.read.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", what, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", what, err)
	}
	return out, nil
}

// timeLayout sorts as text in time order, so SQL can compare times.
const timeLayout = "2006-01-02T15:04:05.000000Z"

func formatTime(t time.Time) string { return t.UTC().Format(timeLayout) }

func parseTime(s string) time.Time {
	t, err := time.Parse(timeLayout, s)
	if err != nil {
		// Every time in the database was written by formatTime.
		return time.Time{}
	}
	return t
}

// isUniqueViolation reports whether err is SQLite's UNIQUE constraint error,
// matched by its extended code rather than its text.
func isUniqueViolation(err error) bool {
	var se *sqlite3.Error
	return errors.As(err, &se) && se.Code() == sqlite3lib.SQLITE_CONSTRAINT_UNIQUE
}

func notFound(what string) error {
	return survey.Errorf(survey.ENotFound, "%s was not found", what)
}
