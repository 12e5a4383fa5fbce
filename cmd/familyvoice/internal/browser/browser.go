// Package browser drives Debian's headless Chromium from end-to-end tests.
//
// It is a thin layer over chromedp that suits tests: every helper takes the
// testing.TB that is running, gives each browser call a timeout, and fails the
// test with a readable message instead of returning an error. It also runs
// axe-core for WCAG 2.2 AA checks, checks that keyboard focus is visible, and
// records any JavaScript dialog so that XSS tests can show that no payload ran.
//
// A typical test:
//
//	b := browser.New(t, browser.Mobile(), browser.NoJavaScript())
//	b.Navigate(t, srv.URL+"/s/send-survey")
//	b.SetValue(t, "#name", "Sam")
//	if got, want := b.Submit(t, "button[type=submit]"), http.StatusUnprocessableEntity; got != want {
//		t.Fatalf("status = %d, want %d", got, want)
//	}
//	b.AssertNoAxeViolations(t, "survey page with errors")
//	b.AssertNoDialogs(t)
//
// Chromium comes from /usr/bin/chromium (or FAMILYVOICE_CHROMIUM). When it is
// missing the test is skipped, unless FAMILYVOICE_BROWSER_REQUIRED=1 or
// CI=true, when it fails. scripts/test installs Chromium and axe-core and sets
// these variables.
package browser

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// The environment variables that this package reads.
const (
	// EnvChromium overrides the path of the Chromium binary.
	EnvChromium = "FAMILYVOICE_CHROMIUM"
	// EnvRequired set to 1 makes a missing Chromium fail the test rather
	// than skip it, so that CI cannot pass without running the browser tests.
	EnvRequired = "FAMILYVOICE_BROWSER_REQUIRED"
	// EnvAxeJS is the path of axe.min.js from the axe-core npm package.
	EnvAxeJS = "FAMILYVOICE_AXE_JS"
	// EnvScreenshots names a directory; when set, a failed test saves a
	// screenshot of its page there.
	EnvScreenshots = "FAMILYVOICE_BROWSER_SCREENSHOTS"
)

// DefaultChromium is where Debian's chromium package installs the browser.
const DefaultChromium = "/usr/bin/chromium"

// Viewport sizes used by the options Mobile and Desktop. 360 CSS pixels is
// the width of many small Android phones that families use.
const (
	MobileWidth   = 360
	MobileHeight  = 740
	DesktopWidth  = 1280
	DesktopHeight = 800
)

// DefaultTimeout bounds each browser call, so that a page that never loads
// fails the test rather than hanging it until go test's own timeout.
const DefaultTimeout = 15 * time.Second

// config holds the choices made by Options.
type config struct {
	width, height int
	mobile        bool
	noJavaScript  bool
	timeout       time.Duration
}

// An Option changes how New sets up the browser.
type Option func(*config)

// Viewport sets the size of the page's viewport in CSS pixels.
func Viewport(width, height int) Option {
	return func(c *config) {
		c.width, c.height, c.mobile = width, height, false
	}
}

// Mobile emulates a small phone: a 360x740 viewport, a mobile layout
// viewport (so the page's meta viewport tag applies) and touch input.
func Mobile() Option {
	return func(c *config) {
		c.width, c.height, c.mobile = MobileWidth, MobileHeight, true
	}
}

// Desktop sets a 1280x800 desktop viewport. It is the default.
func Desktop() Option {
	return Viewport(DesktopWidth, DesktopHeight)
}

// NoJavaScript stops every page script from running, as for a family whose
// phone has JavaScript turned off. The helpers still work, because they talk
// to the page over the DevTools protocol, which is not a page script. Axe
// turns scripts back on just while it runs; see Browser.Axe.
func NoJavaScript() Option {
	return func(c *config) { c.noJavaScript = true }
}

// Timeout sets how long each browser call may take. The default is
// DefaultTimeout.
func Timeout(d time.Duration) Option {
	return func(c *config) { c.timeout = d }
}

// Browser is one headless Chromium process with one tab. It is not safe for
// use by several goroutines at once; give each parallel test its own.
type Browser struct {
	ctx     context.Context // the tab
	cfg     config
	pending sync.WaitGroup // dialogs being dismissed

	mu      sync.Mutex
	dialogs []Dialog
	console []string
}

// Dialog is a JavaScript alert, confirm, prompt or beforeunload dialog that a
// page opened. The Browser dismisses each one at once and records it.
type Dialog struct {
	Type    string // alert, confirm, prompt or beforeunload
	Message string
	URL     string // the frame that opened it
}

// New starts Chromium and opens a tab, and stops the browser when the test
// ends. If Chromium is missing it skips the test, or fails it when
// FAMILYVOICE_BROWSER_REQUIRED=1 or CI=true.
func New(t testing.TB, opts ...Option) *Browser {
	t.Helper()
	cfg := config{width: DesktopWidth, height: DesktopHeight, timeout: DefaultTimeout}
	for _, o := range opts {
		o(&cfg)
	}
	path := chromiumPath(t)

	// chromedp's defaults already include --headless, --no-first-run,
	// --disable-background-networking and --disable-sync. With no
	// user-data-dir option, chromedp gives each browser a fresh temporary
	// --user-data-dir and removes it when the browser exits.
	allocOpts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("lang", "en-GB"),
		chromedp.WindowSize(cfg.width, cfg.height),
	)
	allocCtx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), allocOpts...)
	ctx, cancelTab := chromedp.NewContext(allocCtx)
	b := &Browser{ctx: ctx, cfg: cfg}
	t.Cleanup(func() {
		if t.Failed() {
			b.saveFailureScreenshot(t)
		}
		cancelTab()
		cancelAlloc() // waits for the Chromium process to exit
		b.pending.Wait()
	})

	// The first call starts the browser. It must not carry a timeout, or
	// the browser would stop when the timeout ends; so it is bounded by a
	// timer that cancels the whole browser instead.
	start := time.AfterFunc(time.Minute, cancelAlloc)
	err := chromedp.Do(ctx)
	start.Stop()
	if err != nil {
		t.Fatalf("browser: starting %s: %v", path, err)
	}
	if err := chromedp.Listen(ctx, b.record); err != nil {
		t.Fatalf("browser: listening for page events: %v", err)
	}

	setup := []chromedp.Action[chromedp.Void]{
		chromedp.EmulateViewport(int64(cfg.width), int64(cfg.height), func(p *emulation.SetDeviceMetricsOverrideParams, tp *emulation.SetTouchEmulationEnabledParams) {
			p.Mobile = cfg.mobile
			tp.Enabled = cfg.mobile
		}),
		// A headless tab is not focused, so :focus-visible styles and focus
		// events could be missing; this makes the page behave as if it
		// were the focused window.
		call(emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}),
	}
	if cfg.noJavaScript {
		setup = append(setup, setScriptsDisabled(true))
	}
	b.Run(t, "setting up the tab", setup...)
	return b
}

// chromiumPath returns the Chromium binary to run, or skips or fails the test
// when there is none.
func chromiumPath(t testing.TB) string {
	t.Helper()
	path := os.Getenv(EnvChromium)
	if path == "" {
		path = DefaultChromium
	}
	if _, err := exec.LookPath(path); err == nil {
		return path
	}
	msg := fmt.Sprintf("browser: Chromium not found at %s; run scripts/test, which installs it "+
		"(apt-get install chromium), or set %s to its path", path, EnvChromium)
	if required() {
		t.Fatal(msg)
	}
	t.Skip("SKIPPING BROWSER TEST: " + msg)
	return ""
}

// required reports whether browser tests must run rather than skip.
func required() bool {
	return os.Getenv(EnvRequired) == "1" || os.Getenv("CI") == "true"
}

// Context returns the chromedp context of the tab, for anything this package
// does not wrap. Derive a context with a timeout from it for each call.
func (b *Browser) Context() context.Context { return b.ctx }

// Run runs chromedp actions on the tab with the browser's timeout, and fails
// the test if any of them fails. what names the step in the failure message.
func (b *Browser) Run(t testing.TB, what string, actions ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	ctx, cancel := b.callContext()
	defer cancel()
	if err := chromedp.Do(ctx, actions...); err != nil {
		t.Fatalf("browser: %s: %v", what, err)
	}
}

// callContext returns a context for one browser call, bounded by the
// browser's timeout.
func (b *Browser) callContext() (context.Context, context.CancelFunc) {
	return context.WithTimeout(b.ctx, b.cfg.timeout)
}

// get runs one chromedp action that returns a value, as Run does.
func get[T any](t testing.TB, b *Browser, what string, action chromedp.Action[T]) T {
	t.Helper()
	ctx, cancel := b.callContext()
	defer cancel()
	v, err := chromedp.Run(ctx, action)
	if err != nil {
		t.Fatalf("browser: %s: %v", what, err)
	}
	return v
}

// call makes an action that sends one DevTools command and ignores its
// result.
func call[P, R any](cmd cdp.Command[P, R], params P) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, t *chromedp.Target) error {
		_, err := cdp.Call(ctx, t, cmd, params)
		return err
	})
}

// setScriptsDisabled turns page scripts off or on for the tab. The setting
// lasts across navigations.
func setScriptsDisabled(disabled bool) chromedp.Action[chromedp.Void] {
	return call(emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: disabled})
}

// record is the tab's event listener. It runs in chromedp's read loop, so it
// sees each event before the command that follows it returns: a dialog that a
// page opens while loading is recorded before Navigate returns. It must not
// send commands itself, so dialogs are dismissed from another goroutine.
func (b *Browser) record(ev any) {
	switch ev := ev.(type) {
	case *page.EventJavascriptDialogOpening:
		b.mu.Lock()
		b.dialogs = append(b.dialogs, Dialog{Type: string(ev.Type), Message: ev.Message, URL: ev.URL})
		b.mu.Unlock()
		// Accepting a beforeunload dialog lets the navigation go ahead;
		// every other kind is dismissed, as if the person pressed Cancel.
		accept := ev.Type == page.DialogTypeBeforeunload
		b.pending.Go(func() {
			ctx, cancel := b.callContext()
			defer cancel()
			// An error here means the tab has gone, when there is nothing
			// left to dismiss.
			_, _ = chromedp.Call(ctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: accept})
		})
	case *runtime.EventConsoleAPICalled:
		parts := make([]string, 0, len(ev.Args))
		for _, a := range ev.Args {
			parts = append(parts, remoteText(a))
		}
		b.addConsole(fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(parts, " ")))
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		text := d.Text
		if d.Exception != nil && d.Exception.Description != "" {
			text += " " + d.Exception.Description
		}
		b.addConsole(fmt.Sprintf("exception: %s (%s:%d)", text, d.URL, d.LineNumber+1))
	}
}

func (b *Browser) addConsole(line string) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.console = append(b.console, line)
}

// remoteText gives a short text form of a console argument.
func remoteText(o *runtime.RemoteObject) string {
	if o == nil {
		return ""
	}
	if len(o.Value) > 0 {
		s := string(o.Value)
		if strings.HasPrefix(s, `"`) {
			s = strings.Trim(s, `"`)
		}
		return s
	}
	if o.Description != "" {
		return o.Description
	}
	return string(o.Type)
}

// Dialogs returns every JavaScript dialog opened so far in this tab. Each was
// dismissed at once, so a dialog never blocks the page.
func (b *Browser) Dialogs() []Dialog {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]Dialog(nil), b.dialogs...)
}

// AssertNoDialogs fails the test if any page opened an alert, confirm or
// prompt: the usual sign that an injected script ran.
func (b *Browser) AssertNoDialogs(t testing.TB) {
	t.Helper()
	for _, d := range b.Dialogs() {
		t.Errorf("browser: a script ran: %s(%q) opened by %s", d.Type, d.Message, d.URL)
	}
}

// ConsoleMessages returns the console calls and uncaught exceptions of page
// scripts so far, one line each.
func (b *Browser) ConsoleMessages() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return append([]string(nil), b.console...)
}

// saveFailureScreenshot saves the page of a failed test to the directory in
// FAMILYVOICE_BROWSER_SCREENSHOTS, if it is set, to help find the cause.
func (b *Browser) saveFailureScreenshot(t testing.TB) {
	dir := os.Getenv(EnvScreenshots)
	if dir == "" {
		return
	}
	ctx, cancel := b.callContext()
	defer cancel()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err == nil {
		name := strings.NewReplacer("/", "_", " ", "_").Replace(t.Name()) + ".png"
		path := filepath.Join(dir, name)
		if err = os.MkdirAll(dir, 0o755); err == nil {
			if err = os.WriteFile(path, png, 0o644); err == nil {
				t.Logf("browser: screenshot of the failed page: %s", path)
				return
			}
		}
	}
	if !errors.Is(err, context.Canceled) {
		t.Logf("browser: could not save a screenshot: %v", err)
	}
}
