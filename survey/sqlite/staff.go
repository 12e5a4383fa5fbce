package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/staff"
)

const userColumns = "id, email, password_hash, roles, disabled_at, created_at, last_login_at"

func scanUser(row scannable) (*staff.User, error) {
	var u staff.User
	var roles, created string
	var disabled, lastLogin sql.NullString
	if err := row.Scan(&u.ID, &u.Email, &u.PasswordHash, &roles, &disabled, &created, &lastLogin); err != nil {
		return nil, err
	}
	for _, r := range strings.Split(roles, ",") {
		if r != "" {
			u.Roles = append(u.Roles, staff.Role(r))
		}
	}
	u.Disabled = disabled.Valid
	u.CreatedAt = parseTime(created)
	if lastLogin.Valid {
		u.LastLoginAt = parseTime(lastLogin.String)
	}
	return &u, nil
}

func joinRoles(roles []staff.Role) string {
	names := make([]string, 0, len(roles))
	seen := map[staff.Role]bool{}
	for _, r := range roles {
		if !seen[r] {
			seen[r] = true
			names = append(names, string(r))
		}
	}
	return strings.Join(names, ",")
}

// CreateUser adds a staff account. The email must be normalised and the
// password already hashed.
func (db *DB) CreateUser(ctx context.Context, email, passwordHash string, roles []staff.Role) (*staff.User, error) {
	if len(roles) == 0 {
		return nil, survey.Errorf(survey.EInvalid, "a user needs at least one role")
	}
	var id int64
	err := db.write.QueryRowContext(ctx, "INSERT INTO users (email, password_hash, roles, created_at) VALUES (?, ?, ?, ?) RETURNING id",
		email, passwordHash, joinRoles(roles), formatTime(db.Now())).Scan(&id)
	if isUniqueViolation(err) {
		return nil, survey.Errorf(survey.EConflict, "a user with the email %s already exists", email)
	}
	if err != nil {
		return nil, fmt.Errorf("create user: %w", err)
	}
	return db.UserByID(ctx, id)
}

// UserByID returns a staff account.
func (db *DB) UserByID(ctx context.Context, id int64) (*staff.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE id = ?", id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("user")
	}
	return u, err
}

// UserByEmail returns the staff account with a (normalised) email.
func (db *DB) UserByEmail(ctx context.Context, email string) (*staff.User, error) {
	u, err := scanUser(db.read.QueryRowContext(ctx, "SELECT "+userColumns+" FROM users WHERE email = ?", email))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("user " + email)
	}
	return u, err
}

// ListUsers returns every staff account by email.
func (db *DB) ListUsers(ctx context.Context) ([]*staff.User, error) {
	return queryAll(ctx, db, "list users", "SELECT "+userColumns+" FROM users ORDER BY email", nil, scanUser)
}

// CountUsers returns how many staff accounts exist.
func (db *DB) CountUsers(ctx context.Context) (int, error) {
	var n int
	err := db.read.QueryRowContext(ctx, "SELECT COUNT(*) FROM users").Scan(&n)
	return n, err
}

// SetUserDisabled disables (or re-enables) an account. Disabling ends
// every session the user has.
func (db *DB) SetUserDisabled(ctx context.Context, email string, disabled bool) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		var at any
		if disabled {
			at = formatTime(db.Now())
		}
		res, err := tx.ExecContext(ctx, "UPDATE users SET disabled_at = ? WHERE email = ?", at, email)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user " + email)
		}
		if disabled {
			_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)", email)
		}
		return err
	})
}

// SetUserRoles replaces a user's roles.
func (db *DB) SetUserRoles(ctx context.Context, email string, roles []staff.Role) error {
	if len(roles) == 0 {
		return survey.Errorf(survey.EInvalid, "a user needs at least one role")
	}
	res, err := db.write.ExecContext(ctx, "UPDATE users SET roles = ? WHERE email = ?", joinRoles(roles), email)
	if err != nil {
		return fmt.Errorf("set roles: %w", err)
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return notFound("user " + email)
	}
	return nil
}

// SetUserPassword replaces a user's password hash and ends their sessions.
func (db *DB) SetUserPassword(ctx context.Context, email, hash string) error {
	return db.inTx(ctx, func(tx *sql.Tx) error {
		res, err := tx.ExecContext(ctx, "UPDATE users SET password_hash = ? WHERE email = ?", hash, email)
		if err != nil {
			return err
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return notFound("user " + email)
		}
		_, err = tx.ExecContext(ctx, "DELETE FROM sessions WHERE user_id = (SELECT id FROM users WHERE email = ?)", email)
		return err
	})
}

// CreateSession starts a session for a user who has just signed in and
// returns its token. A new token at every sign-in prevents session
// fixation.
func (db *DB) CreateSession(ctx context.Context, userID int64) (string, error) {
	token := newToken()
	now := formatTime(db.Now())
	err := db.inTx(ctx, func(tx *sql.Tx) error {
		if _, err := tx.ExecContext(ctx, "INSERT INTO sessions (token_hash, user_id, created_at, last_seen_at) VALUES (?, ?, ?, ?)",
			hashSecret(token), userID, now, now); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, "UPDATE users SET last_login_at = ? WHERE id = ?", now, userID)
		return err
	})
	if err != nil {
		return "", fmt.Errorf("create session: %w", err)
	}
	return token, nil
}

// SessionUser returns the enabled user whose session token this is, if
// the session has been used within idle. It records the use, at most
// once a minute, so an active session stays alive.
func (db *DB) SessionUser(ctx context.Context, token string, idle time.Duration) (*staff.User, error) {
	if token == "" {
		return nil, notFound("session")
	}
	now := db.Now()
	u, err := scanUser(db.read.QueryRowContext(ctx, `SELECT u.id, u.email, u.password_hash, u.roles, u.disabled_at, u.created_at, u.last_login_at
		FROM sessions s JOIN users u ON u.id = s.user_id
		WHERE s.token_hash = ? AND s.last_seen_at > ? AND u.disabled_at IS NULL`,
		hashSecret(token), formatTime(now.Add(-idle))))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, notFound("session")
	}
	if err != nil {
		return nil, fmt.Errorf("find session: %w", err)
	}
	if _, err := db.write.ExecContext(ctx, "UPDATE sessions SET last_seen_at = ? WHERE token_hash = ? AND last_seen_at < ?",
		formatTime(now), hashSecret(token), formatTime(now.Add(-time.Minute))); err != nil {
		return nil, fmt.Errorf("touch session: %w", err)
	}
	return u, nil
}

// DeleteSession signs a session out.
func (db *DB) DeleteSession(ctx context.Context, token string) error {
	_, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE token_hash = ?", hashSecret(token))
	return err
}

// DeleteIdleSessions removes sessions unused for longer than idle.
func (db *DB) DeleteIdleSessions(ctx context.Context, idle time.Duration) (int64, error) {
	res, err := db.write.ExecContext(ctx, "DELETE FROM sessions WHERE last_seen_at <= ?", formatTime(db.Now().Add(-idle)))
	if err != nil {
		return 0, err
	}
	return res.RowsAffected()
}

// AuditEntry is one line of the audit log.
type AuditEntry struct {
	ID     int64
	At     time.Time
	Actor  string // the staff email, or "system"
	Action string // e.g. "login", "survey.publish"
	Target string // e.g. a survey slug or a user's email
	Detail string
}

// Audit records an action. Callers must never pass what families wrote.
func (db *DB) Audit(ctx context.Context, actor, action, target, detail string) error {
	_, err := db.write.ExecContext(ctx, "INSERT INTO audit_log (at, actor, action, target, detail) VALUES (?, ?, ?, ?, ?)",
		formatTime(db.Now()), actor, action, target, detail)
	if err != nil {
		return fmt.Errorf("audit %s: %w", action, err)
	}
	return nil
}

// AuditLog returns up to limit entries, newest first, before the given id
// (0 for the newest).
func (db *DB) AuditLog(ctx context.Context, before int64, limit int) ([]AuditEntry, error) {
	q := "SELECT id, at, actor, action, target, detail FROM audit_log"
	args := []any{}
	if before > 0 {
		q += " WHERE id < ?"
		args = append(args, before)
	}
	q += " ORDER BY id DESC LIMIT ?"
	args = append(args, limit)
	return queryAll(ctx, db, "read audit log", q, args, func(r scannable) (AuditEntry, error) {
		var e AuditEntry
		var at string
		err := r.Scan(&e.ID, &at, &e.Actor, &e.Action, &e.Target, &e.Detail)
		e.At = parseTime(at)
		return e, err
	})
}
