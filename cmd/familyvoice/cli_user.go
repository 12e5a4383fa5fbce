package main

import (
	"bufio"
	"context"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// roleFlags collects repeated --role flags.
type roleFlags []staff.Role

func (r *roleFlags) String() string { return fmt.Sprint(*r) }

func (r *roleFlags) Set(s string) error {
	role, err := staff.ParseRole(s)
	if err != nil {
		return err
	}
	*r = append(*r, role)
	return nil
}

// runUserAdd adds a staff account, reading its password from the first
// line of standard input so it never appears in the shell history.
func runUserAdd(e *env, args []string) error {
	fs := newFlagSet(e, "user add")
	email := fs.String("email", "", "the staff member's email address")
	var roles roleFlags
	fs.Var(&roles, "role", "admin, designer or leader (repeat for several)")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("user add", pos); err != nil {
		return err
	}
	if *email == "" || len(roles) == 0 {
		return usagef("user add needs --email and at least one --role")
	}
	addr, err := staff.NormalizeEmail(*email)
	if err != nil {
		return err
	}
	line, err := bufio.NewReader(e.stdin).ReadString('\n')
	if err != nil && line == "" {
		return fmt.Errorf("read the password from standard input: nothing was given")
	}
	password := strings.TrimRight(line, "\r\n")
	if err := staff.CheckPassword(password); err != nil {
		return err
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	u, err := db.CreateUser(e.ctx, addr, staff.HashPassword(password), roles)
	if err != nil {
		return err
	}
	if err := db.Audit(e.ctx, "command line", "user.add", u.Email, "roles "+u.RoleNames()); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Added %s (%s)\n", u.Email, u.RoleNames())
	return nil
}

func runUserList(e *env, args []string) error {
	fs := newFlagSet(e, "user list")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("user list", pos); err != nil {
		return err
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	users, err := db.ListUsers(e.ctx)
	if err != nil {
		return err
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tROLES\tSTATUS\tLAST SIGN-IN")
	for _, u := range users {
		status, last := "active", "never"
		if u.Disabled {
			status = "disabled"
		}
		if !u.LastLoginAt.IsZero() {
			last = u.LastLoginAt.Format("2006-01-02 15:04")
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", u.Email, strings.ReplaceAll(u.RoleNames(), ", ", ","), status, last)
	}
	return tw.Flush()
}

func runUserDisable(e *env, args []string) error {
	fs := newFlagSet(e, "user disable")
	email := fs.String("email", "", "the staff member's email address")
	pos, err := fs.parse(args)
	if err != nil {
		return err
	}
	if err := exactly("user disable", pos); err != nil {
		return err
	}
	if *email == "" {
		return usagef("user disable needs --email")
	}
	addr, err := staff.NormalizeEmail(*email)
	if err != nil {
		return err
	}
	db, err := openDB(*fs.db)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.SetUserDisabled(e.ctx, addr, true); err != nil {
		return err
	}
	if err := db.Audit(e.ctx, "command line", "user.disable", addr, ""); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "Disabled %s\n", addr)
	return nil
}

// ensureFirstAdmin creates the first admin on a database with no users
// and returns the password to print once, or "" when none was created
// or the password came from the environment.
func ensureFirstAdmin(ctx context.Context, db *sqlite.DB, cfg Config) (email, password string, err error) {
	n, err := db.CountUsers(ctx)
	if err != nil || n > 0 {
		return "", "", err
	}
	email, err = staff.NormalizeEmail(cfg.AdminEmail)
	if err != nil {
		return "", "", fmt.Errorf("FAMILYVOICE_ADMIN_EMAIL: %w", err)
	}
	password = cfg.AdminPassword
	generated := password == ""
	if generated {
		password = staff.GeneratePassword()
	} else if err := staff.CheckPassword(password); err != nil {
		return "", "", fmt.Errorf("FAMILYVOICE_ADMIN_PASSWORD: %w", err)
	}
	if _, err := db.CreateUser(ctx, email, staff.HashPassword(password), []staff.Role{staff.Admin}); err != nil {
		if survey.ErrorCode(err) == survey.EConflict {
			return "", "", nil // another process created it first
		}
		return "", "", err
	}
	if err := db.Audit(ctx, "system", "user.add", email, "first admin"); err != nil {
		return "", "", err
	}
	if !generated {
		password = ""
	}
	return email, password, nil
}
