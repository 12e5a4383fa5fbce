package main

import (
	"context"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/familyvoice/familyvoice/cmd/familyvoice/internal/browser"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// staffPassword is every test staff member's password, for the tests
// that sign in through the form.
const staffPassword = "correct horse battery"

// newStaffUser adds a staff member with staffPassword and the given roles.
func newStaffUser(t testing.TB, db *sqlite.DB, email string, roles ...staff.Role) *staff.User {
	t.Helper()
	u, err := db.CreateUser(context.Background(), email, staff.HashPassword(staffPassword), roles)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// newStaffSession adds a staff member as newStaffUser does and returns
// the token of a session signed in as them, for a sessionCookie.
func newStaffSession(t testing.TB, db *sqlite.DB, email string, roles ...staff.Role) string {
	t.Helper()
	u := newStaffUser(t, db, email, roles...)
	token, err := db.CreateSession(context.Background(), u.ID)
	if err != nil {
		t.Fatal(err)
	}
	return token
}

// pageChecks returns the two checks the browser tests make of b's pages.
// axe checks the page with axe-core at phone width, then at desktop
// width, and puts the phone back for the steps that follow. submit
// submits the form or follows the link at sel and fails the test unless
// the answer has status want.
func pageChecks(b *browser.Browser) (axe func(t *testing.T, name string), submit func(t *testing.T, sel string, want int)) {
	axe = func(t *testing.T, name string) {
		t.Helper()
		b.AssertNoAxeViolations(t, name+" at 360px")
		b.Run(t, "widening to 1280px", chromedp.EmulateViewport(browser.DesktopWidth, browser.DesktopHeight))
		b.AssertNoAxeViolations(t, name+" at 1280px")
		b.Run(t, "narrowing to 360px", chromedp.EmulateViewport(browser.MobileWidth, browser.MobileHeight, chromedp.EmulateMobile, chromedp.EmulateTouch))
	}
	submit = func(t *testing.T, sel string, want int) {
		t.Helper()
		if got := b.Submit(t, sel); got != want {
			t.Fatalf("%s: status %d, want %d, at %s\n%s", sel, got, want, b.URL(t), b.Text(t, "main"))
		}
	}
	return axe, submit
}
