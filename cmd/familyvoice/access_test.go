package main

import (
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey/staff"
)

// routeAccess says who may use each route. The test below walks the
// router, so a route added without an entry here fails the suite.
// "public" routes are open to everyone; the others list the roles that
// may use them (admins may use every staff route).
var routeAccess = map[string][]staff.Role{
	"GET /healthz":                         public,
	"GET /static/:name":                    public,
	"GET /":                                public,
	"GET /api/v1/surveys/:slug":            public,
	"POST /api/v1/surveys/:slug/responses": public,
	"GET /s/:slug":                         public,
	"POST /s/:slug/start":                  public,
	"GET /s/:slug/page/:n":                 public,
	"POST /s/:slug/page/:n":                public,
	"GET /s/:slug/check":                   public,
	"POST /s/:slug/send":                   public,
	"GET /s/:slug/done/:ref":               public,
	"GET /s/:slug/saved":                   public,
	"GET /s/:slug/resume":                  public,
	"POST /s/:slug/resume":                 public,
	"GET /s/:slug/resume/:token":           public,
	"GET /login":                           public,
	"POST /login":                          public,
	"POST /logout":                         public,
	"GET /admin":                           {staff.Designer, staff.Leader},
	"GET /admin/users":                     {staff.Admin},
	"POST /admin/users":                    {staff.Admin},
	"POST /admin/users/disable":            {staff.Admin},
	"GET /admin/audit":                     {staff.Admin},
}

var public = []staff.Role{"public"}

// allRouteAccess joins the access rules of every area of the app.
func allRouteAccess() map[string][]staff.Role {
	all := map[string][]staff.Role{}
	for _, m := range []map[string][]staff.Role{routeAccess, designRouteAccess, codingRouteAccess, reportRouteAccess, leaderRouteAccess} {
		for k, v := range m {
			all[k] = v
		}
	}
	return all
}

// staffClient is a client signed in with the given roles (none for an
// anonymous visitor), holding a CSRF token for its posts.
type staffClient struct {
	client *http.Client
	csrf   string
}

func (ta *testApp) signedIn(t *testing.T, roles ...staff.Role) *staffClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	sc := &staffClient{client: &http.Client{Jar: jar, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}}
	base, _ := url.Parse(ta.srv.URL)
	if len(roles) > 0 {
		email := strings.ReplaceAll(string(roles[0]), ",", "") + "-" + strings.ToLower(t.Name()) + "@example.org"
		email = regexp.MustCompile(`[^a-z0-9@.-]`).ReplaceAllString(email, "-")
		token := newStaffSession(t, ta.db, email, roles...)
		jar.SetCookies(base, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	}
	res, err := sc.client.Get(ta.srv.URL + "/login")
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	for _, c := range jar.Cookies(base) {
		if c.Name == "fv_csrf" {
			sc.csrf = c.Value
		}
	}
	if sc.csrf == "" {
		t.Fatal("no CSRF cookie from /login")
	}
	return sc
}

func (sc *staffClient) request(t *testing.T, method, target string) *http.Response {
	t.Helper()
	var req *http.Request
	var err error
	if method == http.MethodPost {
		req, err = http.NewRequest(method, target, strings.NewReader(url.Values{"_csrf": {sc.csrf}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		req, err = http.NewRequest(method, target, nil)
	}
	if err != nil {
		t.Fatal(err)
	}
	res, err := sc.client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	return res
}

// concretePath fills a route's parameters with real values.
func concretePath(path string) string {
	r := strings.NewReplacer(":slug", "short-breaks-check", ":response", "1", ":n", "0", ":ref", "FV-2222-2222",
		":token", "not-a-token", ":name", "site.css", ":version", "1", ":id", "1", ":section", "0", ":question", "0")
	return r.Replace(path)
}

func TestEveryRouteHasAnAccessRule(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	seen := map[string]bool{}
	for _, r := range ta.echo.Routes() {
		key := r.Method + " " + r.Path
		if strings.HasSuffix(r.Name, "NotFoundHandler") || r.Method == echoRouteNotFound {
			continue
		}
		seen[key] = true
		if _, ok := allRouteAccess()[key]; !ok {
			t.Errorf("route %s has no access rule in routeAccess: say who may use it", key)
		}
	}
	for key := range allRouteAccess() {
		if !seen[key] {
			t.Errorf("routeAccess lists %s, which is not a route", key)
		}
	}
}

const echoRouteNotFound = "echo_route_not_found"

func TestRouteRoleMatrix(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	clients := map[string]*staffClient{
		"anonymous": ta.signedIn(t),
		"designer":  ta.signedIn(t, staff.Designer),
		"leader":    ta.signedIn(t, staff.Leader),
		"admin":     ta.signedIn(t, staff.Admin),
	}
	for _, r := range ta.echo.Routes() {
		allowed, ok := allRouteAccess()[r.Method+" "+r.Path]
		if !ok || len(allowed) > 0 && allowed[0] == "public" {
			continue
		}
		for who, sc := range clients {
			t.Run(r.Method+" "+r.Path+" as "+who, func(t *testing.T) {
				res := sc.request(t, r.Method, ta.srv.URL+concretePath(r.Path))
				may := who == "admin"
				for _, role := range allowed {
					may = may || string(role) == who
				}
				switch {
				case who == "anonymous":
					loc := res.Header.Get("Location")
					if !(res.StatusCode == http.StatusSeeOther && strings.HasPrefix(loc, "/login")) && res.StatusCode != http.StatusUnauthorized {
						t.Errorf("status = %d (Location %q), want 303 to /login or 401", res.StatusCode, loc)
					}
				case !may:
					if res.StatusCode != http.StatusForbidden {
						t.Errorf("status = %d, want 403", res.StatusCode)
					}
				default:
					if res.StatusCode == http.StatusForbidden || res.StatusCode == http.StatusUnauthorized ||
						strings.HasPrefix(res.Header.Get("Location"), "/login") {
						t.Errorf("status = %d (Location %q), want access", res.StatusCode, res.Header.Get("Location"))
					}
				}
			})
		}
	}
}
