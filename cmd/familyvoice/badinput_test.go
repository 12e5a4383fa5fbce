package main

import (
	"bytes"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"strings"
	"testing"
)

// badRequest is one generated malformed request.
type badRequest struct {
	method, path, contentType string
	body                      []byte
}

// malformedRequests generates n requests that must all be refused: broken
// and truncated JSON, huge bodies, wrong types, invalid UTF-8, NUL bytes,
// overlong fields, odd slugs and odd methods. None is a valid submission,
// so none may change what is stored.
func malformedRequests(n int, seed uint64) []badRequest {
	r := rand.New(rand.NewPCG(seed, 7))
	valid := `{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "comments": "fine"}}`
	bodies := []func() []byte{
		func() []byte { return []byte(valid[:r.IntN(len(valid)-1)]) }, // truncated
		func() []byte { return []byte(strings.Repeat("{", 1+r.IntN(5000))) },
		func() []byte { return []byte(`{"answers": ` + strings.Repeat("[", 10000) + `}`) },
		func() []byte {
			return []byte(`{"answers": {"age_band": "` + strings.Repeat("x", 70<<10+r.IntN(1<<20)) + `"}}`)
		}, // over 64 KiB
		func() []byte { return []byte(`{"answers": {"age_band": 5, "uses_short_breaks": true}}`) },
		func() []byte { return []byte(`{"answers": {"age_band": ["0-4"], "uses_short_breaks": {"a": 1}}}`) },
		func() []byte { return []byte(`{"answers": {"age_band": "0-4\xff\xfe", "uses_short_breaks": "maybe"}}`) },
		func() []byte {
			return []byte("{\"answers\": {\"age_band\": \"0-4\x00\", \"uses_short_breaks\": \"no\x00\"}}")
		},
		func() []byte {
			return []byte(`{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "nickname": "` + strings.Repeat("é", 11+r.IntN(5000)) + `"}}`)
		},
		func() []byte {
			return []byte(`{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "wait_months": 1e999}}`)
		},
		func() []byte {
			return []byte(`{"answers": {"age_band": "0-4", "uses_short_breaks": "no", "wait_months": -5}}`)
		},
		func() []byte { return []byte(`{"answers": {"uses_short_breaks": "yes", "break_rating": 3}}`) }, // required missing
		func() []byte { return []byte(`{"answers": null}`) },
		func() []byte { return []byte(`null`) },
		func() []byte { return []byte(`"answers"`) },
		func() []byte { return []byte(``) },
		func() []byte { return []byte(`{"answers": {}, "extra": 1}`) },
		func() []byte { return []byte(`{"answers": {"` + strings.Repeat("k", 5000) + `": "x"}}`) },
		func() []byte { return []byte(`{"answers": {"age_band": "0-4", "uses_short_breaks": "no"}} trailing`) },
		func() []byte { b := make([]byte, r.IntN(3000)); fillRandom(r, b); return b },
	}
	slugs := []string{"short-breaks-check", "no-such-survey", "..%2F..%2Fetc", "%00", "a", strings.Repeat("s", 300),
		"SHORT-BREAKS-CHECK", "short-breaks-check%20", "sürvey", "short-breaks-check;drop", "%ff%fe"}
	methods := []string{"POST", "POST", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "FOO", "GET"}
	cts := []string{"application/json", "application/json", "application/json; charset=utf-8", "text/plain", "", "application/x-www-form-urlencoded", "application/json; charset=\xff"}
	paths := []string{"/api/v1/surveys/%s/responses", "/api/v1/surveys/%s", "/s/%s/page/0", "/s/%s/page/-1", "/s/%s/page/99999999999999999999",
		"/s/%s/send", "/s/%s/resume", "/s/%s/start", "/login", "/admin/users", "/s/%s/done/%%00"}
	out := make([]badRequest, n)
	for i := range out {
		if i%3 != 0 {
			// Most requests go to the submission API, whose JSON handling
			// is the richest target.
			out[i] = badRequest{method: "POST", path: "/api/v1/surveys/" + slugs[max(0, r.IntN(8)-5)] + "/responses",
				contentType: cts[r.IntN(3)], body: bodies[r.IntN(len(bodies))]()}
			continue
		}
		p := paths[r.IntN(len(paths))]
		if strings.Contains(p, "%s") {
			p = fmt.Sprintf(p, slugs[r.IntN(len(slugs))])
		}
		out[i] = badRequest{method: methods[r.IntN(len(methods))], path: p, contentType: cts[r.IntN(len(cts))], body: bodies[r.IntN(len(bodies))]()}
	}
	return out
}

func fillRandom(r *rand.Rand, b []byte) {
	for i := range b {
		b[i] = byte(r.UintN(256))
	}
}

// TestBadInputNeverBreaksTheServer sends 1,200 malformed requests and
// checks none gets a 5xx, none is accepted, and nothing stored changes.
func TestBadInputNeverBreaksTheServer(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	before := ta.fingerprint(t)
	statuses := map[int]int{}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i, br := range malformedRequests(1200, 1) {
		req, err := http.NewRequest(br.method, ta.srv.URL+br.path, bytes.NewReader(br.body))
		if err != nil {
			continue // a path Go itself will not send
		}
		if br.contentType != "" {
			req.Header.Set("Content-Type", br.contentType)
		}
		res, err := client.Do(req)
		if err != nil {
			t.Fatalf("request %d (%s %s): %v", i, br.method, br.path, err)
		}
		io.Copy(io.Discard, res.Body)
		res.Body.Close()
		statuses[res.StatusCode]++
		if res.StatusCode >= 500 {
			t.Errorf("request %d: %s %s (%s, %d bytes) = %d", i, br.method, br.path, br.contentType, len(br.body), res.StatusCode)
		}
		if res.StatusCode == http.StatusCreated {
			t.Errorf("request %d was accepted: %s %s %q", i, br.method, br.path, br.body)
		}
	}
	t.Logf("statuses: %v", statuses)
	if after := ta.fingerprint(t); after != before {
		t.Errorf("malformed requests changed what is stored:\nbefore %s\nafter  %s", before, after)
	}
	if res, body := ta.do(t, "GET", "/healthz", "", ""); res.StatusCode != 200 {
		t.Errorf("after the barrage, /healthz = %d %s", res.StatusCode, body)
	}
}
