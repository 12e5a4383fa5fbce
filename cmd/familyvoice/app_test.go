package main

import (
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// testApp is the real application on a real SQLite file.
type testApp struct {
	*App
	db  *sqlite.DB
	srv *httptest.Server
}

func newTestApp(t testing.TB) *testApp {
	t.Helper()
	db, err := sqlite.Open(filepath.Join(t.TempDir(), "fv.db"))
	if err != nil {
		t.Fatalf("open db: %v", err)
	}
	t.Cleanup(func() { db.Close() })
	cfg := DefaultConfig()
	app, err := NewApp(cfg, db, slog.New(slog.NewTextHandler(testLogWriter{t}, nil)))
	if err != nil {
		t.Fatalf("NewApp: %v", err)
	}
	srv := httptest.NewServer(app)
	t.Cleanup(srv.Close)
	return &testApp{App: app, db: db, srv: srv}
}

// importSurvey stores a definition file from testdata, published or not.
func (ta *testApp) importSurvey(t *testing.T, file string, publish bool) *sqlite.Version {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	def, err := survey.ParseDefinition(f)
	if err != nil {
		t.Fatalf("parse %s: %v", file, err)
	}
	return ta.storeSurvey(t, def, publish)
}

// storeSurvey stores def as a draft, then publishes it if asked.
func (ta *testApp) storeSurvey(t *testing.T, def *survey.Definition, publish bool) *sqlite.Version {
	t.Helper()
	ctx := context.Background()
	v, err := ta.db.SaveDraft(ctx, def)
	if err != nil {
		t.Fatal(err)
	}
	if publish {
		if v, err = ta.db.Publish(ctx, def.Slug); err != nil {
			t.Fatal(err)
		}
	}
	return v
}

func (ta *testApp) countResponses(t *testing.T, slug string) int {
	t.Helper()
	si, err := ta.db.FindSurveyBySlug(context.Background(), slug)
	if err != nil {
		t.Fatal(err)
	}
	return si.Responses
}

// do sends a request to the app and returns the response and its body.
func (ta *testApp) do(t *testing.T, method, path, contentType, body string, header ...string) (*http.Response, string) {
	t.Helper()
	req, err := http.NewRequest(method, ta.srv.URL+path, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if contentType != "" {
		req.Header.Set("Content-Type", contentType)
	}
	for i := 0; i+1 < len(header); i += 2 {
		req.Header.Set(header[i], header[i+1])
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		t.Fatal(err)
	}
	return res, string(b)
}

// testLogWriter sends the server's log to the test's log, so internal
// errors show up next to the failure they caused.
type testLogWriter struct{ t testing.TB }

func (w testLogWriter) Write(p []byte) (int, error) {
	w.t.Log(strings.TrimSpace(string(p)))
	return len(p), nil
}
