package main

import (
	"database/sql"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey/staff"
)

// fingerprint summarises everything stored, so a test can prove a
// refused request changed nothing.
func (ta *testApp) fingerprint(t *testing.T) string {
	t.Helper()
	db, err := sql.Open("sqlite", "file:"+ta.db.Path()+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var parts []string
	for _, q := range []string{
		"SELECT COUNT(*) || ':' || COALESCE(SUM(length(slug) + length(status) + length(updated_at)), 0) FROM surveys",
		"SELECT COUNT(*) || ':' || COALESCE(SUM(length(definition)), 0) || ':' || COUNT(published_at) FROM survey_versions",
		"SELECT COUNT(*) || ':' || COALESCE(MAX(id), 0) || ':' || COALESCE(SUM(length(answers_packed)), 0) FROM responses",
		"SELECT COUNT(*) || ':' || COALESCE(SUM(length(answers) + page), 0) FROM drafts",
		"SELECT COUNT(*) || ':' || COALESCE(SUM(length(roles) + length(password_hash) + (disabled_at IS NULL)), 0) FROM users",
	} {
		var s string
		if err := db.QueryRow(q).Scan(&s); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

// TestCSRFEveryStateChangingRoute posts to every state-changing route of
// the router, signed in as an admin, with no token, a forged token, and
// as a cross-site request; each must be refused with 403 and store
// nothing. The JSON API takes no cookies, so it is checked separately.
func TestCSRFEveryStateChangingRoute(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	sc := ta.signedIn(t, staff.Admin)
	before := ta.fingerprint(t)
	checked := 0
	for _, r := range ta.echo.Routes() {
		if r.Method == http.MethodGet || r.Method == http.MethodHead || strings.HasPrefix(r.Path, "/api/") || r.Method == echoRouteNotFound {
			continue
		}
		target := ta.srv.URL + concretePath(r.Path)
		cases := []struct {
			name    string
			form    url.Values
			headers map[string]string
		}{
			{"no token", url.Values{"email": {"x@example.org"}}, nil},
			{"forged token", url.Values{"_csrf": {"forged-token-value"}}, nil},
			{"cross-site with the right token", url.Values{"_csrf": {sc.csrf}},
				map[string]string{"Origin": "https://evil.example", "Sec-Fetch-Site": "cross-site"}},
		}
		for _, tc := range cases {
			t.Run(r.Method+" "+r.Path+" "+tc.name, func(t *testing.T) {
				req, _ := http.NewRequest(r.Method, target, strings.NewReader(tc.form.Encode()))
				req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				for k, v := range tc.headers {
					req.Header.Set(k, v)
				}
				res, err := sc.client.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != http.StatusForbidden {
					t.Errorf("status = %d, want 403", res.StatusCode)
				}
			})
		}
		checked++
	}
	if checked < 5 {
		t.Fatalf("only %d state-changing routes found", checked)
	}
	if after := ta.fingerprint(t); after != before {
		t.Errorf("refused requests changed what is stored:\nbefore %s\nafter  %s", before, after)
	}
}

// TestAPIRefusesCrossSiteForms shows why the JSON API needs no token: a
// cross-site page can only send form encodings or text/plain without a
// preflight, and the API takes only application/json.
func TestAPIRefusesCrossSiteForms(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	before := ta.fingerprint(t)
	for _, ct := range []string{"application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"} {
		res, body := ta.do(t, "POST", "/api/v1/surveys/short-breaks-check/responses", ct,
			`{"answers": {"age_band": "0-4", "uses_short_breaks": "no"}}`, "Origin", "https://evil.example", "Sec-Fetch-Site", "cross-site")
		if res.StatusCode != http.StatusBadRequest {
			t.Errorf("%s: status %d, want 400 (%s)", ct, res.StatusCode, body)
		}
	}
	if after := ta.fingerprint(t); after != before {
		t.Errorf("stored something: %s -> %s", before, after)
	}
}
