package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/static"
	"github.com/familyvoice/familyvoice/survey/demo"
)

// pageBudget is the most a family's page may weigh over the wire,
// gzip-compressed, with its stylesheet: small enough for one bar of
// signal on an old phone.
const pageBudget = 14 * 1024

// TestRespondentPagesFitTheBudget fetches every step of the demo survey
// (with answers that show as many questions as possible) and the other
// family pages, compressed as a browser asks for them.
func TestRespondentPagesFitTheBudget(t *testing.T) {
	ta := newTestApp(t)
	ctx := context.Background()
	if err := installDemo(ctx, ta.db, 5, 1); err != nil {
		t.Fatal(err)
	}
	v, err := ta.db.PublishedVersion(ctx, demo.Slug)
	if err != nil {
		t.Fatal(err)
	}
	css := gzipSize(t, static.Stylesheet().Body)

	d, keys, err := ta.db.CreateDraft(ctx, v, a30days)
	if err != nil {
		t.Fatal(err)
	}
	// Answers from several synthetic families, merged, show most of the
	// conditional questions at once.
	for _, r := range demo.Generate(v.Definition, 40, 7) {
		for id, a := range r.Answers {
			d.Answers[id] = a
		}
	}
	if err := ta.db.SaveDraftAnswers(ctx, d, a30days); err != nil {
		t.Fatal(err)
	}
	jar, _ := cookiejar.New(nil)
	base, _ := url.Parse(ta.srv.URL)
	jar.SetCookies(base, []*http.Cookie{{Name: draftCookie, Value: keys.Token, Path: "/s/" + demo.Slug}})
	client := &http.Client{Jar: jar, Transport: &http.Transport{DisableCompression: true},
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}

	paths := []string{"/s/" + demo.Slug, "/s/" + demo.Slug + "/check", "/s/" + demo.Slug + "/saved", "/s/" + demo.Slug + "/resume"}
	for n := range v.Definition.Pages() {
		paths = append(paths, pageURL(demo.Slug, n))
	}
	for _, p := range paths {
		req, _ := http.NewRequest("GET", ta.srv.URL+p, nil)
		req.Header.Set("Accept-Encoding", "gzip")
		res, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(res.Body)
		res.Body.Close()
		if res.StatusCode == http.StatusSeeOther {
			continue // a step whose questions these answers hide
		}
		if res.StatusCode != http.StatusOK {
			t.Errorf("%s: status %d", p, res.StatusCode)
			continue
		}
		size := len(body)
		if res.Header.Get("Content-Encoding") != "gzip" {
			size = gzipSize(t, body)
			t.Errorf("%s: not gzip-compressed", p)
		}
		if total := size + css; total > pageBudget {
			t.Errorf("%s weighs %d bytes with its stylesheet, over the %d byte budget", p, total, pageBudget)
		} else {
			t.Logf("%-40s %5d bytes + %d CSS = %d", p, size, css, total)
		}
	}
}

const a30days = 30 * 24 * time.Hour

func gzipSize(t *testing.T, b []byte) int {
	t.Helper()
	var buf bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&buf, 6)
	zw.Write(b)
	zw.Close()
	return buf.Len()
}
