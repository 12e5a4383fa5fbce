package main

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey/staff"
)

func TestLogin(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	if _, err := ta.db.CreateUser(ctx, "sam@example.org", staff.HashPassword("long enough password"), []staff.Role{staff.Designer}); err != nil {
		t.Fatal(err)
	}
	b := newHTTPClient(t, ta)
	form := b.get("/login")
	if form.status != 200 {
		t.Fatalf("GET /login = %d", form.status)
	}
	wrong := b.submit(form, "/login", url.Values{"email": {"sam@example.org"}, "password": {"wrong password!!"}})
	unknown := b.submit(form, "/login", url.Values{"email": {"nobody@example.org"}, "password": {"wrong password!!"}})
	for name, p := range map[string]page{"wrong password": wrong, "unknown email": unknown} {
		if p.status != http.StatusUnprocessableEntity || !strings.Contains(p.body, loginFailed) || !strings.Contains(p.body, `name="password"`) {
			t.Errorf("%s: status %d, want the form again with the generic message", name, p.status)
		}
	}
	ok := b.submit(form, "/login", url.Values{"email": {" Sam@Example.org "}, "password": {"long enough password"}, "next": {"/admin/users"}})
	wantRedirect(t, ok, "/admin/users")
	if p := b.get("/admin"); p.status != 200 || !strings.Contains(p.body, "sam@example.org") {
		t.Errorf("after sign-in, /admin = %d", p.status)
	}
	if p := b.get("/admin/users"); p.status != http.StatusForbidden {
		t.Errorf("designer on /admin/users = %d, want 403", p.status)
	}
	home := b.get("/admin")
	wantRedirect(t, b.submit(home, "/logout", nil), "/login")
	if p := b.get("/admin"); p.status != http.StatusSeeOther {
		t.Errorf("after sign-out, /admin = %d, want 303", p.status)
	}
	entries, _ := ta.db.AuditLog(ctx, 0, 10)
	var actions []string
	for _, e := range entries {
		actions = append(actions, e.Action)
	}
	if got := strings.Join(actions, ","); got != "logout,login,login.failed,login.failed" {
		t.Errorf("audit = %s", got)
	}
}

func TestLoginRedirectStaysOnSite(t *testing.T) {
	for _, next := range []string{"https://evil.example", "//evil.example", "/\\evil.example", "javascript:alert(1)"} {
		if got := safeNext(next); got != "/admin" {
			t.Errorf("safeNext(%q) = %q, want /admin", next, got)
		}
	}
	if got := safeNext("/admin/surveys?x=1"); got != "/admin/surveys?x=1" {
		t.Errorf("safeNext kept path = %q", got)
	}
}

func TestLoginThrottledPerAccount(t *testing.T) {
	ta := newTestApp(t)
	b := newHTTPClient(t, ta)
	form := b.get("/login")
	var last page
	for i := 0; i < 7; i++ {
		last = b.submit(form, "/login", url.Values{"email": {"target@example.org"}, "password": {"guess number " + string(rune('a'+i))}})
	}
	if last.status != http.StatusTooManyRequests {
		t.Errorf("7th attempt = %d, want 429", last.status)
	}
}

func TestSessionIdleExpiryAndDisabledUser(t *testing.T) {
	ta := newTestApp(t)
	sc := ta.signedIn(t, staff.Leader)
	if res := sc.request(t, "GET", ta.srv.URL+"/admin"); res.StatusCode != 200 {
		t.Fatalf("fresh session: %d", res.StatusCode)
	}
	ta.db.Now = func() time.Time { return time.Now().Add(13 * time.Hour) }
	if res := sc.request(t, "GET", ta.srv.URL+"/admin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("idle session: %d, want 303 to sign in", res.StatusCode)
	}
	ta.db.Now = time.Now
	sc = ta.signedIn(t, staff.Designer)
	users, _ := ta.db.ListUsers(context.Background())
	for _, u := range users {
		if u.Has(staff.Designer) {
			if err := ta.db.SetUserDisabled(context.Background(), u.Email, true); err != nil {
				t.Fatal(err)
			}
		}
	}
	if res := sc.request(t, "GET", ta.srv.URL+"/admin"); res.StatusCode != http.StatusSeeOther {
		t.Errorf("disabled user's session: %d, want 303", res.StatusCode)
	}
}

func TestAdminAddsUser(t *testing.T) {
	ta := newTestApp(t)
	b := newHTTPClient(t, ta)
	sc := ta.signedIn(t, staff.Admin)
	b.client = sc.client
	p := b.get("/admin/users")
	bad := b.submit(p, "/admin/users", url.Values{"email": {"new@example.org"}, "roles": {"leader"}, "password": {"password1234"}})
	if bad.status != http.StatusUnprocessableEntity || !strings.Contains(bad.body, "too common") {
		t.Errorf("common password: %d", bad.status)
	}
	noRole := b.submit(p, "/admin/users", url.Values{"email": {"new@example.org"}, "password": {"a fine long password"}})
	if noRole.status != http.StatusUnprocessableEntity || !strings.Contains(noRole.body, "Choose at least 1 role") {
		t.Errorf("no role: %d\n%s", noRole.status, noRole.body)
	}
	wantRedirect(t, b.submit(p, "/admin/users", url.Values{"email": {"new@example.org"}, "roles": {"leader", "designer"}, "password": {"a fine long password"}}), "/admin/users")
	u, err := ta.db.UserByEmail(context.Background(), "new@example.org")
	if err != nil || !u.Has(staff.Leader) || !u.Has(staff.Designer) || u.Has(staff.Admin) && false {
		t.Fatalf("user = %+v, %v", u, err)
	}
	if !staff.VerifyPassword(u.PasswordHash, "a fine long password") || !strings.HasPrefix(u.PasswordHash, "$argon2id$") {
		t.Errorf("password not stored as argon2id")
	}
}

func TestCLIUsers(t *testing.T) {
	db := t.TempDir() + "/fv.db"
	if code, out, errs := runCLI(t, "a fine long password\n", "user", "add", "--db", db, "--email", "Chair@Forum.org", "--role", "leader", "--role", "designer"); code != 0 || !strings.Contains(out, "chair@forum.org") {
		t.Fatalf("user add = %d %q %q", code, out, errs)
	}
	if code, _, errs := runCLI(t, "short\n", "user", "add", "--db", db, "--email", "x@forum.org", "--role", "leader"); code != 1 || !strings.Contains(errs, "at least 12") {
		t.Errorf("short password = %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "a fine long password\n", "user", "add", "--db", db, "--email", "x@forum.org", "--role", "boss"); code != 2 {
		t.Errorf("bad role exit = %d, want 2", code)
	}
	if code, _, errs := runCLI(t, "another fine password\n", "user", "add", "--db", db, "--email", "chair@forum.org", "--role", "admin"); code != 1 || !strings.Contains(errs, "already exists") {
		t.Errorf("duplicate = %d %q", code, errs)
	}
	if code, _, _ := runCLI(t, "", "user", "disable", "--db", db, "--email", "chair@forum.org"); code != 0 {
		t.Errorf("disable exit = %d", code)
	}
	_, out, _ := runCLI(t, "", "user", "list", "--db", db)
	if !strings.Contains(out, "chair@forum.org") || !strings.Contains(out, "leader,designer") || !strings.Contains(out, "disabled") {
		t.Errorf("list = %s", out)
	}
	if code, _, _ := runCLI(t, "", "user", "disable", "--db", db, "--email", "ghost@forum.org"); code != 1 {
		t.Errorf("disable unknown = %d, want 1", code)
	}
}
