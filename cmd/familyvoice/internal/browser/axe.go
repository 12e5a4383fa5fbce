package browser

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/chromedp"
)

// AxeTags are the axe-core rule tags that Axe runs: WCAG 2.0, 2.1 and 2.2 at
// levels A and AA. Rules tagged only best-practice or experimental do not run.
var AxeTags = []string{"wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"}

// Violation is one axe-core rule that the page breaks.
type Violation struct {
	ID      string          `json:"id"`     // the rule, such as "label"
	Impact  string          `json:"impact"` // minor, moderate, serious or critical
	Help    string          `json:"help"`   // one line on what the rule wants
	HelpURL string          `json:"helpUrl"`
	Nodes   []ViolationNode `json:"nodes"`
}

// ViolationNode is one element that breaks a rule.
type ViolationNode struct {
	Target         []string `json:"target"` // CSS selectors that find the element
	HTML           string   `json:"html"`   // the start of its markup
	FailureSummary string   `json:"failureSummary"`
}

// String formats the violation over several lines, one per element.
func (v Violation) String() string {
	var sb strings.Builder
	fmt.Fprintf(&sb, "%s (%s): %s\n    %s", v.ID, v.Impact, v.Help, v.HelpURL)
	for _, n := range v.Nodes {
		fmt.Fprintf(&sb, "\n    - %s\n      %s", strings.Join(n.Target, ", "), n.HTML)
		// axe indents the reasons under each "Fix ... of the following:".
		for line := range strings.SplitSeq(strings.TrimSpace(n.FailureSummary), "\n") {
			fmt.Fprintf(&sb, "\n      %s", strings.TrimRight(line, " "))
		}
	}
	return sb.String()
}

// An AxeOption changes one axe run.
type AxeOption func(*axeConfig)

// axeConfig is the options object passed to axe.run.
type axeConfig struct {
	RunOnly     axeRunOnly                 `json:"runOnly"`
	ResultTypes []string                   `json:"resultTypes"`
	Rules       map[string]axeRuleSettings `json:"rules,omitempty"`
}

type axeRunOnly struct {
	Type   string   `json:"type"`
	Values []string `json:"values"`
}

type axeRuleSettings struct {
	Enabled bool `json:"enabled"`
}

// SkipAxeRules turns off axe rules by id for one run. Say why in a comment
// where you use it.
func SkipAxeRules(ids ...string) AxeOption {
	return func(c *axeConfig) {
		if c.Rules == nil {
			c.Rules = map[string]axeRuleSettings{}
		}
		for _, id := range ids {
			c.Rules[id] = axeRuleSettings{Enabled: false}
		}
	}
}

// axeResultJS turns axe's results into the shape of []Violation.
const axeResultJS = `.then(r => r.violations.map(v => ({
	id: v.id, impact: v.impact || "", help: v.help, helpUrl: v.helpUrl,
	nodes: v.nodes.map(n => ({
		target: n.target.map(x => Array.isArray(x) ? x.join(" >>> ") : String(x)),
		html: n.html, failureSummary: n.failureSummary || ""
	}))
})))`

// Axe runs axe-core on the current page and returns the WCAG A and AA
// violations (see AxeTags).
//
// axe-core runs in the page, and it needs timers. With NoJavaScript, the
// DevTools protocol can still evaluate code in the page and promises still
// settle, but setTimeout callbacks never fire, so axe.run would never finish.
// Axe therefore turns page scripts back on just for the run and off again
// afterwards. Scripts that the page skipped while loading do not run when
// scripts come back on; the tests of this package check both points.
func (b *Browser) Axe(t testing.TB, opts ...AxeOption) []Violation {
	t.Helper()
	src := axeSource(t)
	cfg := axeConfig{
		RunOnly:     axeRunOnly{Type: "tag", Values: AxeTags},
		ResultTypes: []string{"violations"},
	}
	for _, o := range opts {
		o(&cfg)
	}
	cfgJSON, err := json.Marshal(cfg)
	if err != nil {
		t.Fatalf("browser: encoding axe options: %v", err)
	}

	if b.cfg.noJavaScript {
		b.Run(t, "turning scripts on for axe", setScriptsDisabled(false))
		defer func() {
			// Not b.Run: this may run while a failed call above is
			// already ending the test.
			ctx, cancel := b.callContext()
			defer cancel()
			if err := chromedp.Do(ctx, setScriptsDisabled(true)); err != nil {
				t.Errorf("browser: turning scripts off after axe: %v", err)
			}
		}()
	}
	if !Eval[bool](t, b, `typeof window.axe === "object" && typeof window.axe.run === "function"`) {
		b.Run(t, "loading axe-core", chromedp.Evaluate[chromedp.Void](src))
	}
	return get(t, b, "running axe-core", chromedp.Evaluate[[]Violation](
		"axe.run(document, "+string(cfgJSON)+")"+axeResultJS, chromedp.EvalAwaitPromise))
}

// AssertNoAxeViolations runs Axe and fails the test with one readable entry
// per violation. pageName says which page it was, for the message.
func (b *Browser) AssertNoAxeViolations(t testing.TB, pageName string, opts ...AxeOption) {
	t.Helper()
	vs := b.Axe(t, opts...)
	if len(vs) == 0 {
		return
	}
	var sb strings.Builder
	fmt.Fprintf(&sb, "axe found %d WCAG 2.2 AA problem(s) on %s (%s):", len(vs), pageName, b.URL(t))
	for i, v := range vs {
		fmt.Fprintf(&sb, "\n%d. %s", i+1, v)
	}
	t.Error(sb.String())
}

// axeSources caches axe.min.js by path; it is over half a megabyte.
var axeSources sync.Map // path -> string

// axeSource returns the text of axe.min.js, from FAMILYVOICE_AXE_JS or else
// node_modules/axe-core/axe.min.js at the repository root.
func axeSource(t testing.TB) string {
	t.Helper()
	path := os.Getenv(EnvAxeJS)
	if path == "" {
		root, err := repoRoot()
		if err != nil {
			t.Fatalf("browser: finding the repository root for axe-core: %v; set %s or run scripts/test", err, EnvAxeJS)
		}
		path = filepath.Join(root, "node_modules", "axe-core", "axe.min.js")
	}
	if src, ok := axeSources.Load(path); ok {
		return src.(string)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("browser: axe-core not found: %v; run scripts/test, which installs it with npm ci, or set %s", err, EnvAxeJS)
	}
	axeSources.Store(path, string(data))
	return string(data)
}

// repoRoot walks up from the working directory to the directory that holds
// go.mod. go test runs each package in its own directory, inside the module.
func repoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir, nil
		} else if !errors.Is(err, fs.ErrNotExist) {
			return "", err
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("no go.mod above the working directory")
		}
		dir = parent
	}
}
