package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey/demo"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/familyvoice/familyvoice/survey/staff"
)

// BenchmarkLeader100k measures leaders' pages on a survey of 100,000
// responses, through the real app over HTTP. It runs only with -bench:
//
//	go test ./cmd/familyvoice -run '^$' -bench Leader100k -benchtime 200x
//
// It builds the database once (about 20 seconds), then asks for each page
// once cold, reported as cold_ms: the first overview reads every response
// and summarises them, the first area page codes every comment for the
// comment index, and the first filtered page summarises its group and the
// groups one step from it. Each sub-benchmark then repeats its page warm
// and reports the median and 95th percentile latency as p50_ms and p95_ms.
func BenchmarkLeader100k(b *testing.B) {
	ctx := context.Background()
	db, err := sqlite.Open(filepath.Join(b.TempDir(), "fv.db"))
	if err != nil {
		b.Fatal(err)
	}
	defer db.Close()
	started := time.Now()
	if err := installDemo(ctx, db, 100_000, demoSeed); err != nil {
		b.Fatal(err)
	}
	b.Logf("built the database of 100,000 responses in %s", time.Since(started).Round(time.Second))
	app, err := NewApp(DefaultConfig(), db, slog.New(slog.NewTextHandler(io.Discard, nil)))
	if err != nil {
		b.Fatal(err)
	}
	srv := httptest.NewServer(app)
	defer srv.Close()
	token := newStaffSession(b, db, "leader@example.org", staff.Leader)
	jar, _ := cookiejar.New(nil)
	base, _ := url.Parse(srv.URL)
	jar.SetCookies(base, []*http.Cookie{{Name: sessionCookie, Value: token, Path: "/"}})
	client := &http.Client{Jar: jar}
	get := func(b *testing.B, path string) time.Duration {
		start := time.Now()
		res, err := client.Get(srv.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		_, err = io.Copy(io.Discard, res.Body)
		res.Body.Close()
		elapsed := time.Since(start)
		if err != nil || res.StatusCode != http.StatusOK {
			b.Fatalf("%s: status %d, %v", path, res.StatusCode, err)
		}
		return elapsed
	}

	s := "/admin/surveys/" + demo.Slug
	pages := []struct{ name, path string }{
		{"overview", s + "/summary"},
		{"area", s + "/areas/autism"},
		{"area_page_40", s + "/areas/autism?page=40"},
		{"area_search", s + "/areas/autism?q=diagnosis"},
		{"theme", s + "/themes/waiting_times"},
		{"overview_filtered", s + "/summary?f.child_age=11-15"},
		{"area_filtered", s + "/areas/autism?f.child_age=11-15&f.has_ehcp=yes"},
		{"compare", s + "/compare"},
	}
	cold := map[string]time.Duration{}
	for _, p := range pages {
		cold[p.name] = get(b, p.path)
		b.Logf("%-18s cold %s", p.name, cold[p.name].Round(time.Millisecond))
	}
	for _, p := range pages {
		b.Run(p.name, func(b *testing.B) {
			times := make([]time.Duration, 0, b.N)
			b.ResetTimer()
			for range b.N {
				times = append(times, get(b, p.path))
			}
			b.StopTimer()
			slices.Sort(times)
			ms := func(d time.Duration) float64 { return float64(d) / float64(time.Millisecond) }
			b.ReportMetric(ms(times[len(times)/2]), "p50_ms")
			b.ReportMetric(ms(times[(len(times)*95)/100]), "p95_ms")
			b.ReportMetric(ms(cold[p.name]), "cold_ms")
		})
	}
}
