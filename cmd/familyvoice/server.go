package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"slices"
	"strings"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/static"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
	"github.com/labstack/echo/v4/middleware"
)

// App is the web application: its handlers are methods on it.
type App struct {
	cfg    Config
	db     *sqlite.DB
	views  *renderer
	log    *slog.Logger
	echo   *echo.Echo
	limits *rateLimiter
	// insights caches responses and summaries for leaders' pages.
	insights *insights
	// rules codes comments by the SEND taxonomy; coder puts staff
	// corrections and the learned model in front of it.
	rules *analysis.Classifier
	coder *coder
}

// NewApp builds the Echo server with every route.
func NewApp(cfg Config, db *sqlite.DB, log *slog.Logger) (*App, error) {
	css := static.Stylesheet()
	views, err := newRenderer("/static/" + css.Name)
	if err != nil {
		return nil, err
	}
	rules, err := loadClassifier(cfg.Taxonomy)
	if err != nil {
		return nil, err
	}
	a := &App{cfg: cfg, db: db, views: views, log: log, limits: newRateLimiter(), insights: newInsights(db), rules: rules}
	a.coder = newCoder(db, a.rules, log, a.insights.Forget)
	e := echo.New()
	e.HideBanner = true
	e.HidePort = true
	e.HTTPErrorHandler = a.handleError
	e.Pre(middleware.RemoveTrailingSlash())
	e.Use(a.recoverPanics, securityHeaders, middleware.GzipWithConfig(middleware.GzipConfig{Level: 6, MinLength: 512, Skipper: smallJSON}), a.loadUser)
	a.echo = e
	a.routes(e, css)
	return a, nil
}

// loadClassifier returns the rules classifier for a forum's taxonomy
// file, or the built-in SEND taxonomy when path is empty.
func loadClassifier(path string) (*analysis.Classifier, error) {
	if path == "" {
		return analysis.DefaultClassifier(), nil
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("taxonomy: %w", err)
	}
	defer f.Close()
	t, err := analysis.LoadTaxonomy(f)
	if err != nil {
		return nil, fmt.Errorf("taxonomy %s: %w", path, err)
	}
	c, err := analysis.NewClassifier(t)
	if err != nil {
		return nil, fmt.Errorf("taxonomy %s: %w", path, err)
	}
	return c, nil
}

// ServeHTTP lets the App be used as an http.Handler (and in httptest).
func (a *App) ServeHTTP(w http.ResponseWriter, r *http.Request) { a.echo.ServeHTTP(w, r) }

// Body limits. The API's is pinned at 64 KiB; forms are families'
// answers to one page, so the same bound serves them.
const (
	apiBodyLimit  = 64 << 10
	formBodyLimit = 64 << 10
)

// routes registers every route, so the whole surface is one read.
func (a *App) routes(e *echo.Echo, css static.Asset) {
	e.GET("/healthz", a.healthz)
	e.GET("/static/:name", stylesheetHandler(css))
	e.GET("/", a.home)

	// Middleware is given per route, not per group: Echo answers 404 for
	// a group with middleware where 405 is right.
	api := []echo.MiddlewareFunc{a.limitBody(apiBodyLimit)}
	e.GET("/api/v1/surveys/:slug", a.apiGetSurvey, api...)
	e.POST("/api/v1/surveys/:slug/responses", a.apiCreateResponse, api...)

	csrf := a.csrf()
	form := []echo.MiddlewareFunc{a.limitBody(formBodyLimit), csrf}
	e.GET("/s/:slug", a.respondStart, form...)
	e.POST("/s/:slug/start", a.respondStartPost, form...)
	e.GET("/s/:slug/page/:n", a.respondPage, form...)
	e.POST("/s/:slug/page/:n", a.respondPagePost, form...)
	e.GET("/s/:slug/check", a.respondCheck, form...)
	e.POST("/s/:slug/send", a.respondSend, form...)
	e.GET("/s/:slug/done/:ref", a.respondDone, form...)
	e.GET("/s/:slug/saved", a.respondSaved, form...)
	e.GET("/s/:slug/resume", a.respondResumeForm, form...)
	e.POST("/s/:slug/resume", a.respondResumeCode, form...)
	e.GET("/s/:slug/resume/:token", a.respondResumeLink, form...)

	// Staff pages: every one names the roles it allows.
	only := func(roles ...staff.Role) []echo.MiddlewareFunc {
		return append(slices.Clip(form), a.requireRole(roles...))
	}
	anyStaff := only(staff.Admin, staff.Designer, staff.Leader)
	admins := only(staff.Admin)
	e.GET("/login", a.loginForm, form...)
	e.POST("/login", a.loginPost, form...)
	e.POST("/logout", a.logout, form...)
	e.GET("/admin", a.adminHome, anyStaff...)
	e.GET("/admin/users", a.usersPage, admins...)
	e.POST("/admin/users", a.usersCreate, admins...)
	e.POST("/admin/users/disable", a.usersDisable, admins...)
	e.GET("/admin/audit", a.auditPage, admins...)

	a.designRoutes(e, only)
	a.codingRoutes(e, only)
	a.reportRoutes(e, only)
	a.leaderRoutes(e, only)
}

// smallJSON picks the requests whose responses are a few dozen bytes of
// JSON: health checks and API submissions. Echo's gzip middleware resets a
// compressor (hundreds of kilobytes cleared) for every request it sees,
// even when the response turns out too short to compress, and holds one
// compressor per request in flight; for these requests that was most of
// the server's work and memory under load.
func smallJSON(c echo.Context) bool {
	r := c.Request()
	return r.URL.Path == "/healthz" || r.Method == http.MethodPost && strings.HasPrefix(r.URL.Path, "/api/")
}

// securityHeaders sets the headers every response carries. The policy
// allows no inline script at all, so an injected <script> cannot run even
// if escaping were ever missed.
func securityHeaders(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) error {
		h := c.Response().Header()
		h.Set("Content-Security-Policy", "default-src 'none'; style-src 'self'; img-src 'self' data:; script-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'")
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("Referrer-Policy", "no-referrer")
		h.Set("X-Frame-Options", "DENY")
		if c.Response().Header().Get("Cache-Control") == "" {
			h.Set("Cache-Control", "no-store")
		}
		return next(c)
	}
}

// recoverPanics turns a panic in a handler into a logged internal error,
// so a person sees the kind error page and the server keeps running.
func (a *App) recoverPanics(next echo.HandlerFunc) echo.HandlerFunc {
	return func(c echo.Context) (err error) {
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("panic: %v", r)
			}
		}()
		return next(c)
	}
}

// limitBody refuses request bodies over n bytes with 413.
func (a *App) limitBody(n int64) echo.MiddlewareFunc {
	return func(next echo.HandlerFunc) echo.HandlerFunc {
		return func(c echo.Context) error {
			r := c.Request()
			if r.ContentLength > n {
				return errTooLarge
			}
			r.Body = http.MaxBytesReader(c.Response(), r.Body, n)
			return next(c)
		}
	}
}

var errTooLarge = echo.NewHTTPError(http.StatusRequestEntityTooLarge, "the request body is too large")

const csrfContextKey = "csrf"

// csrf protects form posts with a token in a hidden field matched against
// a cookie, which works without JavaScript.
func (a *App) csrf() echo.MiddlewareFunc {
	return middleware.CSRFWithConfig(middleware.CSRFConfig{
		TokenLookup:    "form:_csrf",
		ContextKey:     csrfContextKey,
		CookieName:     "fv_csrf",
		CookiePath:     "/",
		CookieMaxAge:   int((31 * 24 * time.Hour).Seconds()),
		CookieHTTPOnly: true,
		CookieSecure:   a.cfg.SecureCookies,
		CookieSameSite: http.SameSiteLaxMode,
		ErrorHandler: func(err error, c echo.Context) error {
			return echo.NewHTTPError(http.StatusForbidden, "csrf").SetInternal(err)
		},
	})
}

// isHTTPS reports whether the person reached us over HTTPS, directly or
// through a proxy, so cookies can be marked Secure.
func (a *App) isHTTPS(c echo.Context) bool {
	return a.cfg.SecureCookies || c.Scheme() == "https"
}

func (a *App) healthz(c echo.Context) error {
	ctx, cancel := context.WithTimeout(c.Request().Context(), 2*time.Second)
	defer cancel()
	if err := a.db.Ping(ctx); err != nil {
		a.log.Error("health check", "err", err)
		return c.JSON(http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
	}
	return c.JSON(http.StatusOK, map[string]string{"status": "ok"})
}

func (a *App) home(c echo.Context) error {
	list, err := a.db.ListSurveys(c.Request().Context())
	if err != nil {
		return err
	}
	var open []sqlite.SurveyInfo
	for _, s := range list {
		if s.Status == sqlite.StatusPublished {
			open = append(open, s)
		}
	}
	return a.page(c, http.StatusOK, "home", &view{Data: open})
}

// statusOf maps a domain error code to an HTTP status, in one table.
var statusOf = map[survey.Code]int{
	survey.ENotFound: http.StatusNotFound,
	survey.EInvalid:  http.StatusUnprocessableEntity,
	survey.EClosed:   http.StatusGone,
	survey.EConflict: http.StatusConflict,
	survey.EInternal: http.StatusInternalServerError,
}

// handleError is the one place errors become responses: JSON for the API,
// a kind page for people. Only internal errors are logged, and their
// detail is never shown.
func (a *App) handleError(err error, c echo.Context) {
	if c.Response().Committed {
		return
	}
	status, message := http.StatusInternalServerError, "Something went wrong on our side. Please try again in a few minutes."
	var he *echo.HTTPError
	var maxBytes *http.MaxBytesError
	switch {
	case errors.As(err, &maxBytes):
		status, message = http.StatusRequestEntityTooLarge, "the request body is too large"
	case errors.As(err, &he):
		status = he.Code
		if m, ok := he.Message.(string); ok {
			message = m
		} else {
			message = http.StatusText(status)
		}
	default:
		code := survey.ErrorCode(err)
		status = statusOf[code]
		if code != survey.EInternal {
			message = err.Error()
		}
	}
	if status >= 500 {
		a.log.Error("request failed", "method", c.Request().Method, "path", c.Request().URL.Path, "err", err)
		message = "Something went wrong on our side. Please try again in a few minutes."
	}
	if isAPIPath(c.Request().URL.Path) {
		a.apiError(c, status, apiErrors{{Message: message}})
		return
	}
	var rerr error
	switch status {
	case http.StatusNotFound:
		rerr = a.errorPage(c, status, "Page not found", "If you typed the web address, check it is correct.", "If you followed a link to a survey, it may have been taken down. Ask the forum that sent it.")
	case http.StatusGone:
		rerr = a.errorPage(c, status, "This survey has closed", "Thank you for wanting to take part. This survey is no longer taking answers.", "The forum will share what families said. Ask them about their next survey.")
	case http.StatusForbidden:
		rerr = a.errorPage(c, status, "Your session has timed out", "To keep your answers safe, we could not accept that form.", "Go back, reload the page and try again.")
	case http.StatusRequestEntityTooLarge:
		rerr = a.errorPage(c, status, "Your answer is too long", "Go back and shorten your answers, then try again.")
	case http.StatusMethodNotAllowed, http.StatusBadRequest:
		rerr = a.errorPage(c, status, "Sorry, that did not work", "Go back and try again.")
	default:
		if status >= 500 {
			rerr = a.errorPage(c, status, "Sorry, there is a problem with the service", message)
		} else {
			rerr = a.errorPage(c, status, "Sorry, that did not work", "Go back and try again.")
		}
	}
	if rerr != nil {
		a.log.Error("render error page", "err", rerr)
		c.String(status, message)
	}
}

func isAPIPath(p string) bool {
	return strings.HasPrefix(p, "/api/") || p == "/healthz"
}

// serve runs the HTTP server until ctx is cancelled, then shuts down
// gracefully so submissions in flight are stored and acknowledged.
func (a *App) serve(ctx context.Context, ln net.Listener) error {
	srv := &http.Server{
		Handler:           a,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      60 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	shutdown, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	return srv.Shutdown(shutdown)
}
