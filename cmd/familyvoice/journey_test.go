package main

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// httpClient is a cookie-keeping client that does not follow redirects, so
// tests can check each 303.
type httpClient struct {
	t      *testing.T
	base   string
	client *http.Client
}

func newHTTPClient(t *testing.T, ta *testApp) *httpClient {
	t.Helper()
	jar, _ := cookiejar.New(nil)
	return &httpClient{t: t, base: ta.srv.URL, client: &http.Client{
		Jar:           jar,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}}
}

type page struct {
	status   int
	location string
	body     string
	doc      *html.Node
}

func (b *httpClient) get(path string) page {
	b.t.Helper()
	res, err := b.client.Get(b.base + path)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.read(res)
}

func (b *httpClient) post(path string, form url.Values) page {
	b.t.Helper()
	res, err := b.client.PostForm(b.base+path, form)
	if err != nil {
		b.t.Fatal(err)
	}
	return b.read(res)
}

func (b *httpClient) read(res *http.Response) page {
	b.t.Helper()
	defer res.Body.Close()
	body, err := io.ReadAll(res.Body)
	if err != nil {
		b.t.Fatal(err)
	}
	doc, err := html.Parse(strings.NewReader(string(body)))
	if err != nil {
		b.t.Fatal(err)
	}
	return page{status: res.StatusCode, location: res.Header.Get("Location"), body: string(body), doc: doc}
}

// submit posts the page's form with the given fields plus its CSRF token.
func (b *httpClient) submit(p page, action string, fields url.Values) page {
	b.t.Helper()
	if fields == nil {
		fields = url.Values{}
	}
	fields.Set("_csrf", p.csrf(b.t))
	return b.post(action, fields)
}

func (p page) csrf(t *testing.T) string {
	t.Helper()
	token := p.inputValue("_csrf")
	if token == "" {
		t.Fatalf("no CSRF token on page:\n%s", p.body)
	}
	return token
}

// inputValue returns the value of the page's last input with this name.
func (p page) inputValue(name string) string {
	var value string
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && n.Data == "input" && attr(n, "name") == name {
			value = attr(n, "value")
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(p.doc)
	return value
}

func attr(n *html.Node, name string) string {
	for _, a := range n.Attr {
		if a.Key == name {
			return a.Val
		}
	}
	return ""
}

func wantRedirect(t *testing.T, p page, want string) {
	t.Helper()
	if p.status != http.StatusSeeOther || p.location != want {
		t.Fatalf("got %d to %q, want 303 to %q\n%s", p.status, p.location, want, p.body)
	}
}

func TestJourneyNoJavaScript(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	b := newHTTPClient(t, ta)
	base := "/s/short-breaks-check"

	start := b.get(base)
	if start.status != 200 || !strings.Contains(start.body, "Short breaks check-in") || !strings.Contains(start.body, "Start now") {
		t.Fatalf("start page = %d\n%s", start.status, start.body)
	}
	p := b.submit(start, base+"/start", nil)
	wantRedirect(t, p, base+"/page/0")

	// Page 0 holds age and short breaks; the rating depends on an answer
	// on the same page, so it comes on a step of its own.
	p0 := b.get(base + "/page/0")
	if !strings.Contains(p0.body, "Section 1 of 3") || strings.Contains(p0.body, "How good are they?") {
		t.Fatalf("page 0 = %s", p0.body)
	}
	bad := b.submit(p0, base+"/page/0", url.Values{"a-uses_short_breaks": {"yes"}})
	if bad.status != 422 || !strings.Contains(bad.body, "There is a problem") || !strings.Contains(bad.body, `href="#q-age_band"`) {
		t.Fatalf("missing answer = %d\n%s", bad.status, bad.body)
	}
	if !regexp.MustCompile(`value="yes" checked`).MatchString(bad.body) {
		t.Errorf("the person's answer was not kept on the error page")
	}
	wantRedirect(t, b.submit(bad, base+"/page/0", url.Values{"a-age_band": {"11-15"}, "a-uses_short_breaks": {"yes"}}), base+"/page/1")

	p1 := b.get(base + "/page/1")
	if !strings.Contains(p1.body, "How good are they?") {
		t.Fatalf("page 1 does not show the rating:\n%s", p1.body)
	}
	wantRedirect(t, b.submit(p1, base+"/page/1", url.Values{"a-break_rating": {"4"}}), base+"/page/2")

	// Save and come back later, then resume with the code on a new device.
	p2 := b.get(base + "/page/2")
	wantRedirect(t, b.submit(p2, base+"/page/2", url.Values{"action": {"save"}, "a-nickname": {"Sam"}, "a-wait_months": {"abc"}}), base+"/saved")
	saved := b.get(base + "/saved")
	code := regexp.MustCompile(`[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}`).FindString(saved.body)
	link := regexp.MustCompile(`/s/short-breaks-check/resume/[A-Za-z0-9_-]{20,}`).FindString(saved.body)
	if code == "" || link == "" {
		t.Fatalf("saved page has no code or link:\n%s", saved.body)
	}

	other := newHTTPClient(t, ta)
	form := other.get(base + "/resume")
	wrong := other.submit(form, base+"/resume", url.Values{"code": {"AAAA-BBBB"}})
	if wrong.status != 422 {
		t.Errorf("wrong code = %d, want 422", wrong.status)
	}
	wantRedirect(t, other.submit(form, base+"/resume", url.Values{"code": {strings.ToLower(code)}}), base+"/page/2")
	p2 = other.get(base + "/page/2")
	if !strings.Contains(p2.body, `value="Sam"`) {
		t.Errorf("resumed page does not keep the saved answer:\n%s", p2.body)
	}
	tooLong := other.submit(p2, base+"/page/2", url.Values{"a-nickname": {"Samantha-Jane"}, "a-needs": {"autism", "adhd"}})
	if tooLong.status != 422 || !strings.Contains(tooLong.body, "10 characters or fewer") {
		t.Fatalf("too long = %d\n%s", tooLong.status, tooLong.body)
	}
	wantRedirect(t, other.submit(tooLong, base+"/page/2", url.Values{"a-nickname": {"Sam"}, "a-needs": {"autism", "adhd"}, "a-wait_months": {"6"}}), base+"/page/3")

	// The post-16 question shows because the child is 11 to 15.
	p3 := other.get(base + "/page/3")
	if !strings.Contains(p3.body, "What are the plans after 16?") || !strings.Contains(p3.body, "Section 3 of 3") {
		t.Fatalf("page 3 = %s", p3.body)
	}
	wantRedirect(t, other.submit(p3, base+"/page/3", url.Values{"a-post16_plan": {"College, we hope."}}), base+"/check")

	check := other.get(base + "/check")
	for _, want := range []string{"11 to 15", "Autism, ADHD", "College, we hope.", "Change"} {
		if !strings.Contains(check.body, want) {
			t.Errorf("check page lacks %q", want)
		}
	}
	// Changing the age hides the post-16 question and drops its answer.
	change := other.get(base + "/page/0?change=1")
	wantRedirect(t, other.submit(change, base+"/page/0?change=1", url.Values{"a-age_band": {"5-10"}, "a-uses_short_breaks": {"yes"}, "change": {"1"}}), base+"/check")
	check = other.get(base + "/check")
	if strings.Contains(check.body, "College, we hope.") {
		t.Errorf("hidden answer still shown after change")
	}

	sent := other.submit(check, base+"/send", nil)
	if sent.status != http.StatusSeeOther || !strings.HasPrefix(sent.location, base+"/done/FV-") {
		t.Fatalf("send = %d %q", sent.status, sent.location)
	}
	done := other.get(sent.location)
	if done.status != 200 || !strings.Contains(done.body, strings.TrimPrefix(sent.location, base+"/done/")) {
		t.Errorf("confirmation = %d\n%s", done.status, done.body)
	}
	if n := ta.countResponses(t, "short-breaks-check"); n != 1 {
		t.Errorf("stored %d responses, want 1", n)
	}
	// The old device's draft is gone: its pages go back to the start.
	wantRedirect(t, b.get(base+"/page/0"), base)
}

func TestJourneyCSRF(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	b := newHTTPClient(t, ta)
	b.get("/s/short-breaks-check")
	if p := b.post("/s/short-breaks-check/start", url.Values{}); p.status != http.StatusForbidden {
		t.Errorf("POST without token = %d, want 403", p.status)
	}
	if p := b.post("/s/short-breaks-check/start", url.Values{"_csrf": {"forged"}}); p.status != http.StatusForbidden {
		t.Errorf("POST with a forged token = %d, want 403", p.status)
	}
}

func TestJourneyStatuses(t *testing.T) {
	ta := newTestApp(t)
	ta.importSurvey(t, "journey.json", true)
	b := newHTTPClient(t, ta)
	if p := b.get("/s/no-such-survey"); p.status != 404 || !strings.Contains(p.body, "Page not found") {
		t.Errorf("unknown survey = %d", p.status)
	}
	if err := ta.db.SetStatus(t.Context(), "short-breaks-check", "closed"); err != nil {
		t.Fatal(err)
	}
	if p := b.get("/s/short-breaks-check"); p.status != 410 || !strings.Contains(p.body, "closed") {
		t.Errorf("closed survey = %d\n%s", p.status, p.body)
	}
}
