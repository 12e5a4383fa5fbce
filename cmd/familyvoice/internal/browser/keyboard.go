package browser

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// Press sends one key to the focused element as real keyboard events
// (keydown, char, keyup), so the browser's own behaviour follows: Tab moves
// focus, Space ticks a checkbox, Enter follows a link or submits a form. key
// is a character or a constant of github.com/chromedp/chromedp/kb. Press does
// not wait for a navigation; use PressAndWait for that.
func (b *Browser) Press(t testing.TB, key string) {
	t.Helper()
	b.Run(t, "pressing "+keyName(key), chromedp.KeyEvent(key))
}

// PressAndWait presses key, waits for the page that it loads, and returns
// that page's HTTP status: Enter on a submit button, for example.
func (b *Browser) PressAndWait(t testing.TB, key string) int {
	t.Helper()
	ctx, cancel := b.callContext()
	defer cancel()
	resp, err := chromedp.RunResponse(ctx, chromedp.KeyEvent(key))
	if err != nil {
		t.Fatalf("browser: pressing %s and waiting for the next page: %v", keyName(key), err)
	}
	if resp == nil {
		return 0
	}
	return int(resp.Status)
}

// Tab moves focus to the next element, as the Tab key does.
func (b *Browser) Tab(t testing.TB) {
	t.Helper()
	b.Press(t, kb.Tab)
}

// ShiftTab moves focus to the previous element.
func (b *Browser) ShiftTab(t testing.TB) {
	t.Helper()
	b.Run(t, "pressing Shift+Tab", chromedp.KeyEvent(kb.Tab, chromedp.KeyModifiers(chromedp.ModifierShift)))
}

// Space presses the space bar.
func (b *Browser) Space(t testing.TB) {
	t.Helper()
	b.Press(t, " ")
}

// Enter presses Enter without waiting for a navigation.
func (b *Browser) Enter(t testing.TB) {
	t.Helper()
	b.Press(t, kb.Enter)
}

// keyName names a key for messages.
func keyName(key string) string {
	switch key {
	case kb.Tab:
		return "Tab"
	case kb.Enter:
		return "Enter"
	case " ":
		return "Space"
	}
	return strconv.Quote(key)
}

// focusedJS describes document.activeElement, or gives "" when nothing but
// the body has focus.
const focusedJS = `(() => {
	const e = document.activeElement;
	if (!e || e === document.body || e === document.documentElement) return "";
	let s = e.tagName.toLowerCase();
	if (e.id) s += "#" + e.id;
	if (e.getAttribute("name")) s += "[name=" + JSON.stringify(e.getAttribute("name")) + "]";
	if (e.type === "radio" || e.type === "checkbox") s += "[value=" + JSON.stringify(e.value) + "]";
	const text = (e.innerText || e.value || "").trim().replace(/\s+/g, " ");
	if (text && !/^(input|select|textarea)$/.test(e.tagName.toLowerCase())) s += " " + JSON.stringify(text.slice(0, 40));
	return s;
})()`

// Focused describes the element that has keyboard focus, such as
// `input#email[name="email"]` or `a "Start now"`, or returns "" when no
// element has focus.
func (b *Browser) Focused(t testing.TB) string {
	t.Helper()
	return Eval[string](t, b, focusedJS)
}

// IsFocused reports whether the first element that matches sel has focus.
func (b *Browser) IsFocused(t testing.TB, sel string) bool {
	t.Helper()
	return Eval[bool](t, b, fmt.Sprintf("(() => { const e = document.querySelector(%s); return !!e && e === document.activeElement; })()", jsString(sel)))
}

// FocusIndicator is what FocusIndicator found out about the focused element.
type FocusIndicator struct {
	Element string   // as Focused describes it; "" if nothing has focus
	Visible bool     // whether focus changes how the element looks
	Changes []string // each style change that focus makes
}

// focusStylesJS reads the styles that can show focus, on the focused
// element, its ::before and ::after, and its labels and their pseudo
// elements (GOV.UK radios and checkboxes hide the input and draw the focus
// ring on the label's ::before); an element hidden with opacity or
// visibility counts only through its labels. It reads them once focused and once with
// the element blurred, then gives focus back.
const focusStylesJS = `(() => {
	const el = document.activeElement;
	if (!el || el === document.body || el === document.documentElement) return null;
	const props = ["outline-style", "outline-width", "outline-color", "box-shadow",
		"border-top-style", "border-top-width", "border-top-color",
		"border-bottom-style", "border-bottom-width", "border-bottom-color",
		"background-color", "color", "text-decoration-line", "text-decoration-thickness"];
	// An input hidden with opacity, as GOV.UK radios are, shows nothing of
	// its own, so only its labels count.
	const targets = el.checkVisibility({opacityProperty: true, visibilityProperty: true}) ?
		[[el, "", "element"], [el, "::before", "element::before"], [el, "::after", "element::after"]] : [];
	Array.from(el.labels || []).forEach((l, i) => {
		targets.push([l, "", "label" + i], [l, "::before", "label" + i + "::before"], [l, "::after", "label" + i + "::after"]);
	});
	const snap = () => {
		const out = {};
		for (const [node, pseudo, name] of targets) {
			const cs = getComputedStyle(node, pseudo || null);
			if (pseudo && (cs.content === "none" || cs.content === "normal")) continue;
			for (const p of props) out[name + " " + p] = cs.getPropertyValue(p);
		}
		return out;
	};
	const focused = snap();
	el.blur();
	const unfocused = snap();
	el.focus({preventScroll: true, focusVisible: true});
	return {focused, unfocused};
})()`

// focusStyles is the result of focusStylesJS: property values keyed by
// "<part> <property>", such as "label0::before box-shadow".
type focusStyles struct {
	Focused   map[string]string `json:"focused"`
	Unfocused map[string]string `json:"unfocused"`
}

// FocusIndicator checks whether the focused element shows that it has focus.
// It compares the computed styles of the element (and of its labels and
// pseudo elements) while focused and while blurred, then gives focus back.
// An outline counts only when it is drawn (style not none, width above 0,
// not transparent); a box-shadow counts only when focus adds one; a change of
// border, background, text colour or underline counts as it is. This is the
// automatic part of WCAG 2.4.7; judging contrast of the indicator still needs
// a person. Focus the element with the keyboard (Tab) first: browsers show
// :focus-visible styles for keyboard focus, not for a mouse click.
func (b *Browser) FocusIndicator(t testing.TB) FocusIndicator {
	t.Helper()
	fi := FocusIndicator{Element: b.Focused(t)}
	if fi.Element == "" {
		return fi
	}
	s := Eval[*focusStyles](t, b, focusStylesJS)
	if s == nil {
		return fi
	}
	fi.Changes = focusChanges(s.Focused, s.Unfocused)
	fi.Visible = len(fi.Changes) > 0
	return fi
}

// AssertFocusVisible fails the test unless an element has keyboard focus and
// shows a visible focus indicator.
func (b *Browser) AssertFocusVisible(t testing.TB) {
	t.Helper()
	fi := b.FocusIndicator(t)
	switch {
	case fi.Element == "":
		t.Errorf("browser: no element has focus")
	case !fi.Visible:
		t.Errorf("browser: %s has focus but looks the same as when it does not (WCAG 2.4.7 Focus Visible)", fi.Element)
	}
}

// focusChanges lists the style changes that focus makes which a person can
// see, as "part property: unfocused -> focused".
func focusChanges(focused, unfocused map[string]string) []string {
	var changes []string
	for _, key := range slices.Sorted(maps.Keys(focused)) {
		was, now := unfocused[key], focused[key]
		if was == now {
			continue
		}
		part, prop, _ := strings.Cut(key, " ")
		switch {
		case strings.HasPrefix(prop, "outline-"):
			if !outlineDrawn(focused, part) {
				continue
			}
		case prop == "box-shadow":
			if now == "none" {
				continue
			}
		}
		changes = append(changes, fmt.Sprintf("%s %s: %s -> %s", part, prop, was, now))
	}
	return changes
}

// outlineDrawn reports whether part has an outline that can be seen.
func outlineDrawn(styles map[string]string, part string) bool {
	style := styles[part+" outline-style"]
	width, _ := strconv.ParseFloat(strings.TrimSuffix(styles[part+" outline-width"], "px"), 64)
	return style != "" && style != "none" && width > 0 && !transparent(styles[part+" outline-color"])
}

// transparent reports whether a computed CSS colour is fully transparent.
func transparent(color string) bool {
	c := strings.ReplaceAll(color, " ", "")
	return c == "transparent" || (strings.HasPrefix(c, "rgba(") && strings.HasSuffix(c, ",0)"))
}
