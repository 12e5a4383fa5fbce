package browser

import (
	"encoding/json"
	"fmt"
	"github.com/chromedp/cdproto/network"
	"os"
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"
)

// Selectors in this file are CSS selectors, matched with querySelector.

// Navigate loads url, waits for the page's load event, and returns the HTTP
// status of the document (0 if the browser reported none).
func (b *Browser) Navigate(t testing.TB, url string) int {
	t.Helper()
	resp := get(t, b, "navigating to "+url, chromedp.NavigateResponse(url))
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Click clicks the element with the mouse, as a person would, and does not
// wait for any navigation. Use Submit for a click that loads a new page.
func (b *Browser) Click(t testing.TB, sel string) {
	t.Helper()
	b.Run(t, fmt.Sprintf("clicking %q", sel), chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
}

// Submit clicks a submit button or link, waits for the page that it leads to
// and returns that page's HTTP status, such as 422 for a form with errors.
// Clicking the button, rather than calling form.submit(), keeps the button's
// name and value and works with JavaScript off.
func (b *Browser) Submit(t testing.TB, sel string) int {
	t.Helper()
	ctx, cancel := b.callContext()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.Click(chromedp.CSS(sel), chromedp.NodeVisible))
	if err != nil {
		t.Fatalf("browser: submitting with %q: %v", sel, err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// SetValue sets the value of an input, textarea or select directly, without
// key events. Use Type to type like a person. For checkboxes and radios,
// use Click.
func (b *Browser) SetValue(t testing.TB, sel, value string) {
	t.Helper()
	b.Run(t, fmt.Sprintf("setting %q", sel), chromedp.SetValue(chromedp.CSS(sel), value))
}

// Type focuses the element and types text into it key by key, appending to
// what is there. "\n" presses Enter.
func (b *Browser) Type(t testing.TB, sel, text string) {
	t.Helper()
	b.Run(t, fmt.Sprintf("typing into %q", sel), chromedp.SendKeys(chromedp.CSS(sel), text, chromedp.NodeVisible))
}

// Value returns the current value of an input, textarea or select.
func (b *Browser) Value(t testing.TB, sel string) string {
	t.Helper()
	return get(t, b, fmt.Sprintf("reading the value of %q", sel), chromedp.Value(chromedp.CSS(sel)))
}

// Text returns the visible text of the first element that matches sel,
// waiting for it to be visible.
func (b *Browser) Text(t testing.TB, sel string) string {
	t.Helper()
	return get(t, b, fmt.Sprintf("reading the text of %q", sel), chromedp.Text(chromedp.CSS(sel), chromedp.NodeVisible))
}

// URL returns the address of the current page.
func (b *Browser) URL(t testing.TB) string {
	t.Helper()
	return get(t, b, "reading the URL", chromedp.Location())
}

// Title returns the current page's title.
func (b *Browser) Title(t testing.TB) string {
	t.Helper()
	return get(t, b, "reading the title", chromedp.Title())
}

// Count returns how many elements match sel now, without waiting, so it can
// be used to check that something is absent.
func (b *Browser) Count(t testing.TB, sel string) int {
	t.Helper()
	return Eval[int](t, b, fmt.Sprintf("document.querySelectorAll(%s).length", jsString(sel)))
}

// HTML returns the current document as HTML, which helps when a test fails.
func (b *Browser) HTML(t testing.TB) string {
	t.Helper()
	return Eval[string](t, b, "document.documentElement.outerHTML")
}

// Screenshot saves a PNG of the whole page to path, creating its directory.
// It is for looking at a page while writing or debugging a test.
func (b *Browser) Screenshot(t testing.TB, path string) {
	t.Helper()
	png := get(t, b, "taking a screenshot", chromedp.FullScreenshot(100))
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatalf("browser: saving screenshot: %v", err)
	}
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatalf("browser: saving screenshot: %v", err)
	}
}

// PDF prints the page as the browser's "Save as PDF" would, on A4 paper with
// backgrounds, and returns the file's bytes. opts override those choices.
func (b *Browser) PDF(t testing.TB, opts ...chromedp.PDFOption) []byte {
	t.Helper()
	opts = append([]chromedp.PDFOption{chromedp.PDFPaper(chromedp.PaperA4), chromedp.PDFPrintBackground()}, opts...)
	return get(t, b, "printing to PDF", chromedp.PrintToPDF(opts...))
}

// Eval evaluates a JavaScript expression in the page and decodes its JSON
// value into T. It runs over the DevTools protocol, so it works with page
// scripts off, but a promise that needs a timer never settles then.
func Eval[T any](t testing.TB, b *Browser, expr string) T {
	t.Helper()
	return get(t, b, "evaluating "+abbreviate(expr), chromedp.Evaluate[T](expr))
}

// jsString quotes s as a JavaScript string literal.
func jsString(s string) string {
	q, _ := json.Marshal(s) // a string always encodes
	return string(q)
}

// abbreviate shortens s for an error message.
func abbreviate(s string) string {
	const limit = 80
	if r := []rune(s); len(r) > limit {
		return string(r[:limit]) + "…"
	}
	return s
}

// SetCookie stores a cookie for pageURL in the browser, as if the site
// had set it: a test can hand the browser a session or a saved draft
// without driving the pages that create them.
func (b *Browser) SetCookie(t testing.TB, pageURL, name, value string) {
	t.Helper()
	b.Run(t, "setting cookie "+name, call(network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: pageURL}))
}
