package browser

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// htmlPage wraps body in a small valid, accessible HTML document.
func htmlPage(title, head, body string) string {
	return `<!doctype html><html lang="en"><head><meta charset="utf-8">` +
		`<meta name="viewport" content="width=device-width, initial-scale=1">` +
		`<title>` + title + `</title>` + head + `</head><body><main>` + body + `</main></body></html>`
}

// pages are the test site, by path.
var pages = map[string]string{
	"/good": htmlPage("Your child", "", `<h1>Tell us about your child</h1>
		<form method="post" action="/done">
		<label for="name">Your child's first name</label>
		<input id="name" name="name" type="text" autocomplete="off">
		<div><input id="ehcp" name="ehcp" type="checkbox" value="yes">
		<label for="ehcp">They have an EHC plan</label></div>
		<button type="submit">Continue</button>
		</form>`),
	"/unlabelled": htmlPage("Unlabelled", "", `<h1>Unlabelled</h1><input id="nolabel" type="text">`),
	"/low-contrast": htmlPage("Low contrast", "", `<h1>Low contrast</h1>
		<p style="color:#bbbbbb;background:#ffffff">This grey text is hard to read.</p>`),
	"/alert":  htmlPage("Alert", "", `<h1>Alert</h1><script>alert("xss")</script>`),
	"/script": htmlPage("not run", "", `<h1>Script</h1><script>document.title = "ran"</script>`),
	"/focus": htmlPage("Focus", `<style>
		#none:focus { outline: none; }
		#ring:focus-visible { outline: 3px solid #0b0c0c; outline-offset: 2px; }
		.radio input, .bare input { position: absolute; opacity: 0; }
		.radio label::before { content: ""; display: inline-block; width: 20px; height: 20px; border: 2px solid #0b0c0c; border-radius: 50%; }
		.radio input:focus + label::before { box-shadow: 0 0 0 4px #ffdd00; }
		</style>`, `<h1>Focus</h1>
		<button id="none" type="button">No ring</button>
		<button id="ring" type="button">Ring</button>
		<div class="radio"><input id="r" name="r" type="radio" value="a"><label for="r">Option A</label></div>
		<div class="bare"><input id="bare" name="bare" type="radio" value="b"><label for="bare">Option B</label></div>`),
}

// newSite serves pages on 127.0.0.1. POST /done answers 422 without a name.
func newSite(t *testing.T) *httptest.Server {
	t.Helper()
	mux := http.NewServeMux()
	for path, html := range pages {
		mux.HandleFunc("GET "+path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			fmt.Fprint(w, html)
		})
	}
	mux.HandleFunc("POST /done", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		if r.PostFormValue("name") == "" {
			w.WriteHeader(http.StatusUnprocessableEntity)
			fmt.Fprint(w, htmlPage("Error", "", `<h1>Enter a name</h1>`))
			return
		}
		fmt.Fprint(w, htmlPage("Done", "", `<h1 id="thanks">Thank you, `+
			strings.ReplaceAll(r.PostFormValue("name"), "<", "&lt;")+`</h1><p id="ehcp">`+r.PostFormValue("ehcp")+`</p>`))
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func TestAxe(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t) // shared by the subtests, which run in turn

	tests := []struct {
		path string
		want []string // rule ids
	}{
		{"/good", nil},
		{"/unlabelled", []string{"label"}},
		{"/low-contrast", []string{"color-contrast"}},
	}
	for _, tt := range tests {
		t.Run(strings.TrimPrefix(tt.path, "/"), func(t *testing.T) {
			b.Navigate(t, site.URL+tt.path)
			var got []string
			for _, v := range b.Axe(t) {
				got = append(got, v.ID)
				if len(v.Nodes) == 0 || v.Nodes[0].HTML == "" || v.Help == "" || v.Impact == "" {
					t.Errorf("violation %s lacks detail: %+v", v.ID, v)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("axe violations = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestAssertNoAxeViolationsMessage(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Navigate(t, site.URL+"/unlabelled")

	rec := &recordingTB{TB: t}
	b.AssertNoAxeViolations(rec, "the unlabelled page")
	msg := strings.Join(rec.errors, "\n")
	for _, want := range []string{"the unlabelled page", "1. label (critical)", "#nolabel", `<input id="nolabel" type="text">`} {
		if !strings.Contains(msg, want) {
			t.Errorf("message lacks %q:\n%s", want, msg)
		}
	}
}

func TestNoJavaScript(t *testing.T) {
	t.Parallel()
	site := newSite(t)

	on := New(t)
	on.Navigate(t, site.URL+"/script")
	if got, want := on.Title(t), "ran"; got != want {
		t.Errorf("with scripts on, title = %q, want %q", got, want)
	}

	off := New(t, NoJavaScript())
	off.Navigate(t, site.URL+"/script")
	if got, want := off.Title(t), "not run"; got != want {
		t.Errorf("with scripts off, title = %q, want %q", got, want)
	}
	off.Navigate(t, site.URL+"/alert")
	if d := off.Dialogs(); len(d) != 0 {
		t.Errorf("with scripts off, dialogs = %v, want none", d)
	}

	// Axe still runs, and leaves scripts off: the skipped script does not
	// run afterwards, nor on the next page.
	off.Navigate(t, site.URL+"/unlabelled")
	if vs := off.Axe(t); len(vs) != 1 || vs[0].ID != "label" {
		t.Errorf("axe with scripts off = %v, want one label violation", vs)
	}
	off.Navigate(t, site.URL+"/script")
	if v := off.Axe(t); len(v) != 0 {
		t.Errorf("axe on /script = %v, want none", v)
	}
	if got, want := off.Title(t), "not run"; got != want {
		t.Errorf("after axe, title = %q, want %q", got, want)
	}
	off.Navigate(t, site.URL+"/script")
	if got, want := off.Title(t), "not run"; got != want {
		t.Errorf("on the next page after axe, title = %q, want %q", got, want)
	}
}

// TestNoJavaScriptStopsTimers shows why Axe turns scripts on for its run:
// with scripts off, DevTools evaluation still works and promises settle,
// but a setTimeout callback never fires, and axe.run waits on timers.
func TestNoJavaScriptStopsTimers(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t, NoJavaScript())
	b.Navigate(t, site.URL+"/good")
	if got := Eval[int](t, b, "1 + 2"); got != 3 {
		t.Errorf("1 + 2 = %d, want 3", got)
	}
	ctx, cancel := context.WithTimeout(b.Context(), 500*time.Millisecond)
	defer cancel()
	_, err := chromedp.Run(ctx, chromedp.Evaluate[string](
		`new Promise(resolve => setTimeout(() => resolve("fired"), 0))`, chromedp.EvalAwaitPromise))
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("a timer with scripts off gave %v, want no result before the deadline; "+
			"if Chromium now runs such timers, Axe need not turn scripts on", err)
	}
}

func TestDialogs(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Navigate(t, site.URL+"/good")
	b.AssertNoDialogs(t)

	b.Navigate(t, site.URL+"/alert")
	got := b.Dialogs()
	if len(got) != 1 || got[0].Type != "alert" || got[0].Message != "xss" {
		t.Fatalf("dialogs = %+v, want one alert(\"xss\")", got)
	}
	rec := &recordingTB{TB: t}
	b.AssertNoDialogs(rec)
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], `alert("xss")`) {
		t.Errorf("AssertNoDialogs errors = %q, want one naming alert(\"xss\")", rec.errors)
	}
	// The dialog was dismissed, so the page still answers.
	if got, want := b.Text(t, "h1"), "Alert"; got != want {
		t.Errorf("h1 = %q, want %q", got, want)
	}
}

func TestViewport(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	tests := []struct {
		name  string
		opt   Option
		width int
	}{
		{"mobile", Mobile(), MobileWidth},
		{"desktop", Desktop(), DesktopWidth},
		{"custom", Viewport(800, 600), 800},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			b := New(t, tt.opt)
			b.Navigate(t, site.URL+"/good")
			if got := Eval[int](t, b, "window.innerWidth"); got != tt.width {
				t.Errorf("window.innerWidth = %d, want %d", got, tt.width)
			}
		})
	}
}

func TestPDF(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t)
	b.Navigate(t, site.URL+"/good")
	pdf := b.PDF(t)
	if !bytes.HasPrefix(pdf, []byte("%PDF")) {
		t.Errorf("PDF starts %q, want %%PDF", pdf[:min(len(pdf), 8)])
	}
	b.Screenshot(t, t.TempDir()+"/page.png")
}

func TestFocusIndicator(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t, Mobile())
	b.Navigate(t, site.URL+"/focus")
	if got := b.Focused(t); got != "" {
		t.Errorf("focused before Tab = %q, want nothing", got)
	}

	tests := []struct {
		sel     string
		visible bool
	}{
		{"#none", false}, // outline: none on focus
		{"#ring", true},  // outline on :focus-visible
		{"#r", true},     // ring on the label's ::before
		{"#bare", false}, // hidden input, nothing on its label
	}
	for _, tt := range tests {
		b.Tab(t)
		if !b.IsFocused(t, tt.sel) {
			t.Fatalf("after Tab, focus is on %q, want %s", b.Focused(t), tt.sel)
		}
		fi := b.FocusIndicator(t)
		t.Logf("%s: changes %q", fi.Element, fi.Changes)
		if fi.Visible != tt.visible {
			t.Errorf("%s: focus visible = %v, want %v (changes %q)", fi.Element, fi.Visible, tt.visible, fi.Changes)
		}
		// Checking gives focus back, so tab order goes on from here.
		if !b.IsFocused(t, tt.sel) {
			t.Fatalf("after FocusIndicator, focus is on %q, want %s", b.Focused(t), tt.sel)
		}
	}

	rec := &recordingTB{TB: t}
	for range 3 {
		b.ShiftTab(t)
	}
	b.AssertFocusVisible(rec)
	if len(rec.errors) != 1 || !strings.Contains(rec.errors[0], "button#none") {
		t.Errorf("AssertFocusVisible on #none: errors = %q, want one naming button#none", rec.errors)
	}
}

func TestKeyboardAndForms(t *testing.T) {
	t.Parallel()
	site := newSite(t)
	b := New(t, NoJavaScript())

	// Keyboard only: type a name, tick the box with Space, submit with Enter.
	b.Navigate(t, site.URL+"/good")
	b.Tab(t)
	if got, want := b.Focused(t), `input#name[name="name"]`; got != want {
		t.Fatalf("focused = %q, want %q", got, want)
	}
	b.Type(t, "#name", "Sam")
	b.Tab(t)
	b.Space(t)
	if !Eval[bool](t, b, `document.querySelector("#ehcp").checked`) {
		t.Errorf("Space did not tick the checkbox")
	}
	b.Tab(t)
	if got, want := b.PressAndWait(t, "\r"), http.StatusOK; got != want {
		t.Errorf("status after Enter = %d, want %d", got, want)
	}
	if got, want := b.Text(t, "#thanks"), "Thank you, Sam"; got != want {
		t.Errorf("thanks = %q, want %q", got, want)
	}
	if got := b.Text(t, "#ehcp"); got != "yes" {
		t.Errorf("ehcp = %q, want yes", got)
	}
	if got := b.URL(t); !strings.HasSuffix(got, "/done") {
		t.Errorf("URL = %q, want …/done", got)
	}

	// Mouse: an empty form comes back with 422.
	b.Navigate(t, site.URL+"/good")
	if got, want := b.Submit(t, "button[type=submit]"), http.StatusUnprocessableEntity; got != want {
		t.Errorf("status of empty form = %d, want %d", got, want)
	}
	b.Navigate(t, site.URL+"/good")
	b.SetValue(t, "#name", "<b>Ali</b>")
	if got := b.Value(t, "#name"); got != "<b>Ali</b>" {
		t.Errorf("value = %q", got)
	}
	b.Click(t, "#ehcp")
	if got, want := b.Submit(t, "button[type=submit]"), http.StatusOK; got != want {
		t.Errorf("status = %d, want %d", got, want)
	}
	if got, want := b.Count(t, "#thanks b"), 0; got != want {
		t.Errorf("count of <b> in thanks = %d, want %d", got, want)
	}
	if got, want := b.Count(t, "p"), 1; got != want {
		t.Errorf("count of p = %d, want %d", got, want)
	}
}

func TestFocusChanges(t *testing.T) {
	t.Parallel()
	base := map[string]string{
		"element outline-style": "none", "element outline-width": "0px", "element outline-color": "rgb(0, 0, 0)",
		"element box-shadow": "none", "element background-color": "rgba(0, 0, 0, 0)",
	}
	with := func(kv ...string) map[string]string {
		m := map[string]string{}
		for k, v := range base {
			m[k] = v
		}
		for i := 0; i < len(kv); i += 2 {
			m[kv[i]] = kv[i+1]
		}
		return m
	}
	tests := []struct {
		name    string
		focused map[string]string
		visible bool
	}{
		{"no change", with(), false},
		{"outline drawn", with("element outline-style", "solid", "element outline-width", "3px"), true},
		{"outline auto", with("element outline-style", "auto", "element outline-width", "1px"), true},
		{"transparent outline", with("element outline-style", "solid", "element outline-width", "3px", "element outline-color", "rgba(0, 0, 0, 0)"), false},
		{"zero width outline", with("element outline-style", "solid"), false},
		{"box-shadow added", with("element box-shadow", "rgb(255, 221, 0) 0px 0px 0px 4px"), true},
		{"background change", with("element background-color", "rgb(255, 221, 0)"), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := focusChanges(tt.focused, base)
			if (len(got) > 0) != tt.visible {
				t.Errorf("changes = %q, want visible %v", got, tt.visible)
			}
		})
	}
}

func TestMissingChromium(t *testing.T) {
	t.Setenv(EnvChromium, "/nonexistent/chromium")
	tests := []struct {
		name, required, ci string
		want               string
	}{
		{"skips by default", "", "", "skip"},
		{"fails when required", "1", "", "fatal"},
		{"fails on CI", "", "true", "fatal"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv(EnvRequired, tt.required)
			t.Setenv("CI", tt.ci)
			rec := &recordingTB{TB: t}
			done := make(chan struct{})
			go func() {
				defer close(done)
				New(rec)
			}()
			<-done
			if rec.ended != tt.want {
				t.Errorf("New ended with %q, want %q", rec.ended, tt.want)
			}
			if !strings.Contains(rec.message, "scripts/test") {
				t.Errorf("message %q does not name scripts/test", rec.message)
			}
		})
	}
}

// recordingTB records failures and skips instead of acting on them, so that
// tests can check what the helpers report. Fatal and Skip end the goroutine,
// as the real ones do.
type recordingTB struct {
	testing.TB
	errors  []string
	ended   string
	message string
}

func (r *recordingTB) Helper() {}

func (r *recordingTB) Error(args ...any) { r.errors = append(r.errors, fmt.Sprint(args...)) }

func (r *recordingTB) Errorf(format string, args ...any) {
	r.errors = append(r.errors, fmt.Sprintf(format, args...))
}

func (r *recordingTB) Fatal(args ...any) {
	r.ended, r.message = "fatal", fmt.Sprint(args...)
	runtime.Goexit()
}

func (r *recordingTB) Fatalf(format string, args ...any) { r.Fatal(fmt.Sprintf(format, args...)) }

func (r *recordingTB) Skip(args ...any) {
	r.ended, r.message = "skip", fmt.Sprint(args...)
	runtime.Goexit()
}
