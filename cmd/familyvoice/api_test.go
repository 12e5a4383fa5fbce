package main

import (
	"context"
	"encoding/json"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey/sqlite"
)

func TestHealthz(t *testing.T) {
	ta := newTestApp(t)
	res, body := ta.do(t, "GET", "/healthz", "", "")
	if res.StatusCode != 200 || strings.TrimSpace(body) != `{"status":"ok"}` {
		t.Errorf("GET /healthz = %d %s, want 200 {\"status\":\"ok\"}", res.StatusCode, body)
	}
}

func TestAPIGetSurvey(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	tests := []struct {
		name, path string
		want       int
	}{
		{"published", "/api/v1/surveys/short-breaks-check", 200},
		{"unknown", "/api/v1/surveys/no-such-survey", 404},
		{"bad slug", "/api/v1/surveys/NOT_A_SLUG", 404},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, body := ta.do(t, "GET", tt.path, "", "")
			if res.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d (%s)", res.StatusCode, tt.want, body)
			}
			if !strings.HasPrefix(res.Header.Get("Content-Type"), "application/json") {
				t.Errorf("content type = %q, want JSON", res.Header.Get("Content-Type"))
			}
			var got map[string]any
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body is not JSON: %s", body)
			}
			if tt.want == 200 && (got["version"] != float64(1) || got["slug"] != "short-breaks-check") {
				t.Errorf("body = %s, want the definition with version 1", body)
			}
			if tt.want != 200 && got["errors"] == nil {
				t.Errorf("error body = %s, want {\"errors\": [...]}", body)
			}
		})
	}
}

func TestAPIGetUnpublishedSurveyIsNotFound(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", false)
	if res, body := ta.do(t, "GET", "/api/v1/surveys/short-breaks-check", "", ""); res.StatusCode != 404 {
		t.Errorf("status = %d, want 404 (%s)", res.StatusCode, body)
	}
}

func TestAPICreateResponse(t *testing.T) {
	valid := `{"answers": {"age_band": "11-15", "uses_short_breaks": "yes", "break_rating": 4,
		"needs": ["autism", "adhd"], "wait_months": 7.5, "comments": "Short breaks are a lifeline."}}`
	tests := []struct {
		name, contentType, body string
		want                    int
		wantFields              []string
	}{
		{"valid", "application/json", valid, 201, nil},
		{"charset", "application/json; charset=utf-8", valid, 201, nil},
		{"malformed JSON", "application/json", `{"answers": {`, 400, nil},
		{"not an object", "application/json", `[1,2]`, 400, nil},
		{"answers missing", "application/json", `{}`, 400, nil},
		{"answers not an object", "application/json", `{"answers": "yes"}`, 400, nil},
		{"wrong content type", "text/plain", valid, 400, nil},
		{"no content type", "", valid, 400, nil},
		{"too large", "application/json", `{"answers": {"comments": "` + strings.Repeat("x", 70<<10) + `"}}`, 413, nil},
		{"required missing", "application/json", `{"answers": {"uses_short_breaks": "no"}}`, 422, []string{"age_band"}},
		{"shown required missing", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "yes"}}`, 422, []string{"break_rating"}},
		{"hidden answered", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "break_rating": 3}}`, 422, []string{"break_rating"}},
		{"not an option", "application/json", `{"answers": {"age_band": "99", "uses_short_breaks": "no"}}`, 422, []string{"age_band"}},
		{"out of range", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "yes", "break_rating": 6, "wait_months": -1}}`, 422, []string{"break_rating", "wait_months"}},
		{"wrong types", "application/json", `{"answers": {"age_band": 5, "uses_short_breaks": true, "needs": "autism"}}`, 422, []string{"age_band", "uses_short_breaks", "needs"}},
		{"scale not whole", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "yes", "break_rating": 2.5}}`, 422, []string{"break_rating"}},
		{"too long", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "nickname": "ééééééééééé"}}`, 422, []string{"nickname"}},
		{"unknown question", "application/json", `{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "shoe_size": "9"}}`, 422, []string{"shoe_size"}},
		{"blank required text counts as unanswered", "application/json", `{"answers": {"age_band": "  ", "uses_short_breaks": "no"}}`, 422, []string{"age_band"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ta := newTestApp(t)
			ta.importSurvey(t, "journey.json", true)
			res, body := ta.do(t, "POST", "/api/v1/surveys/short-breaks-check/responses", tt.contentType, tt.body)
			if res.StatusCode != tt.want {
				t.Fatalf("status = %d, want %d (%s)", res.StatusCode, tt.want, body)
			}
			var got struct {
				ID        string `json:"id"`
				Reference string `json:"reference"`
				Errors    []struct{ Field, Message string }
			}
			if err := json.Unmarshal([]byte(body), &got); err != nil {
				t.Fatalf("body is not JSON: %s", body)
			}
			stored := ta.countResponses(t, "short-breaks-check")
			if tt.want == 201 {
				if got.ID == "" || !regexp.MustCompile(`^FV-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$`).MatchString(got.Reference) {
					t.Errorf("body = %s, want an id and an FV- reference", body)
				}
				if stored != 1 {
					t.Errorf("stored %d responses, want 1", stored)
				}
				return
			}
			if len(got.Errors) == 0 {
				t.Errorf("body = %s, want errors", body)
			}
			if stored != 0 {
				t.Errorf("stored %d responses after an error, want 0", stored)
			}
			fields := map[string]bool{}
			for _, e := range got.Errors {
				fields[e.Field] = true
				if e.Message == "" {
					t.Errorf("error for %q has no message", e.Field)
				}
			}
			for _, f := range tt.wantFields {
				if !fields[f] {
					t.Errorf("errors = %s, want one for field %q", body, f)
				}
			}
		})
	}
}

func TestAPICreateResponseStatuses(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	body := `{"answers": {"age_band": "0-4", "uses_short_breaks": "no"}}`
	if res, b := ta.do(t, "POST", "/api/v1/surveys/nothing-here/responses", "application/json", body); res.StatusCode != 404 {
		t.Errorf("unknown survey: status = %d, want 404 (%s)", res.StatusCode, b)
	}
	if err := ta.db.SetStatus(context.Background(), "short-breaks-check", sqlite.StatusClosed); err != nil {
		t.Fatal(err)
	}
	if res, b := ta.do(t, "POST", "/api/v1/surveys/short-breaks-check/responses", "application/json", body); res.StatusCode != 410 || !strings.Contains(b, `"errors"`) {
		t.Errorf("closed survey: = %d %s, want 410 with errors", res.StatusCode, b)
	}
	if res, b := ta.do(t, "GET", "/api/v1/surveys/short-breaks-check/responses", "", ""); res.StatusCode != http.StatusMethodNotAllowed || !strings.Contains(b, `"errors"`) {
		t.Errorf("GET on responses = %d %s, want 405 JSON", res.StatusCode, b)
	}
}

func TestAPIIdempotencyKey(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	body := `{"answers": {"age_band": "0-4", "uses_short_breaks": "no"}}`
	path := "/api/v1/surveys/short-breaks-check/responses"
	res1, b1 := ta.do(t, "POST", path, "application/json", body, "Idempotency-Key", "retry-123")
	res2, b2 := ta.do(t, "POST", path, "application/json", body, "Idempotency-Key", "retry-123")
	if res1.StatusCode != 201 || res2.StatusCode != 201 || b1 != b2 {
		t.Errorf("retries = %d %s and %d %s, want the same 201 body", res1.StatusCode, b1, res2.StatusCode, b2)
	}
	if n := ta.countResponses(t, "short-breaks-check"); n != 1 {
		t.Errorf("stored %d, want 1", n)
	}
	if res, b := ta.do(t, "POST", path, "application/json", body, "Idempotency-Key", "has space"); res.StatusCode != 400 {
		t.Errorf("bad key: status = %d, want 400 (%s)", res.StatusCode, b)
	}
}

func TestSecurityHeaders(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	for _, path := range []string{"/", "/s/short-breaks-check", "/api/v1/surveys/short-breaks-check", "/no-such-page"} {
		res, _ := ta.do(t, "GET", path, "", "")
		csp := res.Header.Get("Content-Security-Policy")
		if !strings.Contains(csp, "frame-ancestors 'none'") || strings.Contains(csp, "unsafe-inline") || !strings.Contains(csp, "script-src 'self'") {
			t.Errorf("%s: CSP = %q", path, csp)
		}
		if got := res.Header.Get("X-Content-Type-Options"); got != "nosniff" {
			t.Errorf("%s: X-Content-Type-Options = %q", path, got)
		}
		if got := res.Header.Get("Referrer-Policy"); got != "no-referrer" {
			t.Errorf("%s: Referrer-Policy = %q", path, got)
		}
	}
}

func TestReceiptJSONMatchesEncodingJSON(t *testing.T) {
	// The 201 body is written out by hand; it must be exactly what
	// encoding/json makes of the pinned shape.
	for _, rc := range []sqlite.Receipt{
		{ID: 1, Reference: "FV-2345-6789"},
		{ID: 9_223_372_036_854_775_807, Reference: "FV-ZZZZ-ZZZZ"},
		{ID: 420, Reference: "FV-7K2M-9QXD", Replayed: true},
	} {
		want, err := json.Marshal(struct {
			ID        string `json:"id"`
			Reference string `json:"reference"`
		}{strconv.FormatInt(rc.ID, 10), rc.Reference})
		if err != nil {
			t.Fatal(err)
		}
		if got := receiptJSON(rc); string(got) != string(want)+"\n" {
			t.Errorf("receiptJSON(%+v) = %s, want %s", rc, got, want)
		}
	}
}
