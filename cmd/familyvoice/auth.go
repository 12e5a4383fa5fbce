package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

const (
	sessionCookie  = "fv_session"
	userContextKey = "user"
)

// currentUser returns the signed-in staff member, or nil.
func currentUser(c echo.Context) *staff.User {
	u, _ := c.Get(userContextKey).(*staff.User)
	return u
}

// actor names who did something, for the audit log.
func actor(c echo.Context) string {
	if u := currentUser(c); u != nil {
		return u.Email
	}
	return "anonymous"
}

// loadUser finds the staff member from the session cookie, if any.
func (a *App) loadUser(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		if ck, err := c.Cookie(sessionCookie); err == nil && ck.Value != "" {
			u, err := a.db.SessionUser(c.Request().Context(), ck.Value, a.cfg.SessionIdle)
			switch {
			case err == nil:
				c.Set(userContextKey, u)
			case survey.ErrorCode(err) == survey.ENotFound:
				a.clearSessionCookie(c) // expired or signed out elsewhere
			default:
				return err
			}
		}
		return next(c)
	}
}

// requireRole lets through only signed-in staff holding one of the roles
// (admins hold all). Anonymous people are sent to sign in (303), or get
// 401 from JSON endpoints; others get a 403 page.
func (a *App) requireRole(roles ...staff.Role) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			u := currentUser(c)
			if u == nil {
				if wantsJSON(c) {
					return a.apiError(c, http.StatusUnauthorized, apiErrors{{Message: "sign in first"}})
				}
				return c.Redirect(http.StatusSeeOther, "/login?next="+url.QueryEscape(c.Request().URL.RequestURI()))
			}
			if !u.Has(roles...) {
				if wantsJSON(c) {
					return a.apiError(c, http.StatusForbidden, apiErrors{{Message: "your role does not allow this"}})
				}
				return a.errorPage(c, http.StatusForbidden, "You do not have access to this page",
					"Your account does not have the role this page needs.", "Ask an admin if you think you should have access.")
			}
			return next(c)
		}
	}
}

// wantsJSON reports whether the request is for a staff JSON endpoint.
func wantsJSON(c echo.Context) bool {
	p := c.Request().URL.Path
	return strings.HasSuffix(p, ".json") || strings.HasPrefix(p, "/admin/api/")
}

func (a *App) setSessionCookie(c echo.Context, token string) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: token, Path: "/", HttpOnly: true,
		Secure: a.isHTTPS(c), SameSite: http.SameSiteLaxMode})
}

func (a *App) clearSessionCookie(c echo.Context) {
	c.SetCookie(&http.Cookie{Name: sessionCookie, Value: "", Path: "/", MaxAge: -1, HttpOnly: true,
		Secure: a.isHTTPS(c), SameSite: http.SameSiteLaxMode})
}

type loginData struct {
	Email, Next string
}

func (a *App) loginForm(c echo.Context) error {
	if currentUser(c) != nil {
		return c.Redirect(http.StatusSeeOther, "/admin")
	}
	return a.page(c, http.StatusOK, "login", &view{Title: "Sign in", Data: loginData{Next: safeNext(c.QueryParam("next"))}})
}

// safeNext keeps a post-login redirect on this site.
func safeNext(next string) string {
	if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/admin"
	}
	return next
}

// loginFailed is the one message for every failed sign-in, so it never
// says whether an account exists.
const loginFailed = "Enter a correct email address and password"

// loginPost signs a staff member in. Attempts are limited per account and
// per address; every failure gets the same message and takes about as
// long, whether or not the email exists.
func (a *App) loginPost(c echo.Context) error {
	ctx := c.Request().Context()
	email := strings.ToLower(strings.TrimSpace(c.FormValue("email")))
	password := c.FormValue("password")
	data := loginData{Email: email, Next: safeNext(c.FormValue("next"))}
	fail := func(status int, msg string) error {
		return a.page(c, status, "login", &view{Title: "Sign in", Data: data,
			Errors: []errorLink{{Href: "#email", Message: msg}}})
	}
	if email == "" || password == "" {
		return fail(http.StatusUnprocessableEntity, "Enter your email address and password")
	}
	if !a.limits.Allow("login-ip:"+c.RealIP(), 20, 30*time.Second) || !a.limits.Allow("login-account:"+email, 5, time.Minute) {
		a.audit(c, "login.throttled", email, "")
		return fail(http.StatusTooManyRequests, "Too many attempts to sign in. Wait a few minutes, then try again.")
	}
	u, err := a.db.UserByEmail(ctx, email)
	if err != nil && survey.ErrorCode(err) != survey.ENotFound {
		return err
	}
	if u == nil {
		staff.WasteTime(password)
	}
	if u == nil || !staff.VerifyPassword(u.PasswordHash, password) || u.Disabled {
		a.audit(c, "login.failed", email, "")
		return fail(http.StatusUnprocessableEntity, loginFailed)
	}
	token, err := a.db.CreateSession(ctx, u.ID)
	if err != nil {
		return err
	}
	a.setSessionCookie(c, token)
	c.Set(userContextKey, u)
	a.audit(c, "login", u.Email, "")
	return c.Redirect(http.StatusSeeOther, data.Next)
}

func (a *App) logout(c echo.Context) error {
	if ck, err := c.Cookie(sessionCookie); err == nil {
		if err := a.db.DeleteSession(c.Request().Context(), ck.Value); err != nil {
			return err
		}
	}
	a.audit(c, "logout", actor(c), "")
	a.clearSessionCookie(c)
	return c.Redirect(http.StatusSeeOther, "/login")
}

// audit records a staff action. A failure to record is logged, not
// shown: the action itself has already happened.
func (a *App) audit(c echo.Context, action, target, detail string) {
	if err := a.db.Audit(c.Request().Context(), actor(c), action, target, detail); err != nil {
		a.log.Error("audit", "action", action, "err", err)
	}
}

func (a *App) adminHome(c echo.Context) error {
	return a.page(c, http.StatusOK, "admin_home", &view{Title: "Staff home"})
}

type usersData struct {
	Users []*staff.User
	Roles []staff.Role
	Form  struct {
		Email string
		Roles map[staff.Role]bool
	}
	Me *staff.User
}

func (a *App) usersPage(c echo.Context) error {
	return a.renderUsers(c, http.StatusOK, nil, "", nil)
}

func (a *App) renderUsers(c echo.Context, status int, errs []errorLink, email string, roles []staff.Role) error {
	users, err := a.db.ListUsers(c.Request().Context())
	if err != nil {
		return err
	}
	d := usersData{Users: users, Roles: staff.Roles, Me: currentUser(c)}
	d.Form.Email = email
	d.Form.Roles = map[staff.Role]bool{}
	for _, r := range roles {
		d.Form.Roles[r] = true
	}
	return a.page(c, status, "users", &view{Title: "Users", Errors: errs, Data: d})
}

// userForm is the add-user form, checked with the validator.
type userForm struct {
	Email    string   `form:"email" validate:"required,email,max=254"`
	Roles    []string `form:"roles" validate:"min=1,dive,oneof=admin designer leader"`
	Password string   `form:"password" validate:"required"`
}

func (a *App) usersCreate(c echo.Context) error {
	var f userForm
	if err := c.Bind(&f); err != nil {
		return echo.NewHTTPError(http.StatusBadRequest, "the form could not be read")
	}
	var roles []staff.Role
	for _, r := range f.Roles {
		if role, err := staff.ParseRole(r); err == nil {
			roles = append(roles, role)
		}
	}
	var errs []errorLink
	if msgs := validateStruct(f); len(msgs) > 0 {
		for field, msg := range msgs {
			errs = append(errs, errorLink{Href: "#user-" + field, Message: msg})
		}
	}
	email, err := staff.NormalizeEmail(f.Email)
	if err == nil && len(errs) == 0 {
		err = staff.CheckPassword(f.Password)
		if err == nil {
			_, err = a.db.CreateUser(c.Request().Context(), email, staff.HashPassword(f.Password), roles)
		}
	}
	if err != nil && len(errs) == 0 {
		if survey.ErrorCode(err) == survey.EInternal {
			return err
		}
		errs = append(errs, errorLink{Href: "#user-email", Message: capitalise(err.Error())})
	}
	if len(errs) > 0 {
		sortErrorLinks(errs)
		return a.renderUsers(c, http.StatusUnprocessableEntity, errs, f.Email, roles)
	}
	a.audit(c, "user.add", email, "roles "+joinRoleNames(roles))
	return c.Redirect(http.StatusSeeOther, "/admin/users")
}

func (a *App) usersDisable(c echo.Context) error {
	email := c.FormValue("email")
	enable := c.FormValue("enable") == "1"
	if u := currentUser(c); u != nil && u.Email == email && !enable {
		return a.renderUsers(c, http.StatusUnprocessableEntity, []errorLink{{Href: "#users", Message: "You cannot disable your own account"}}, "", nil)
	}
	if err := a.db.SetUserDisabled(c.Request().Context(), email, !enable); err != nil {
		return err
	}
	action := "user.disable"
	if enable {
		action = "user.enable"
	}
	a.audit(c, action, email, "")
	return c.Redirect(http.StatusSeeOther, "/admin/users")
}

func joinRoleNames(roles []staff.Role) string {
	u := staff.User{Roles: roles}
	return u.RoleNames()
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

type auditData struct {
	Entries []sqlite.AuditEntry
	Older   string
}

func (a *App) auditPage(c echo.Context) error {
	var before int64
	fmt.Sscan(c.QueryParam("before"), &before)
	entries, err := a.db.AuditLog(c.Request().Context(), before, 100)
	if err != nil {
		return err
	}
	d := auditData{Entries: entries}
	if len(entries) == 100 {
		d.Older = fmt.Sprintf("/admin/audit?before=%d", entries[len(entries)-1].ID)
	}
	return a.page(c, http.StatusOK, "audit", &view{Title: "Audit log", Data: d})
}
