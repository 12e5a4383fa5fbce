package main

import (
	"fmt"
	"html/template"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Charts are inline SVG drawn on the server, so they need no script, print
// as sharply as the text around them and work under a policy that allows
// no inline styles: every colour and size is an SVG attribute. Each chart
// is role="img" with its figures in its accessible name, and the pages put
// a table of the same figures beside it.
//
// Sizes are CSS pixels and widths are percentages of the column the chart
// sits in, so text keeps its size on a 360-pixel phone while bars stretch
// to fit; labels are shortened to fit that width (the table has them in
// full). Colours meet WCAG AA: text at least 4.5:1 on white and bars at
// least 3:1.

// Chart colours, from the GOV.UK palette.
const (
	chartText    = "#0b0c0c" // 19:1 on white
	chartMuted   = "#505a5f" // 7:1
	chartBarFill = "#1d70b8" // 5.2:1
	chartRule    = "#6f777b" // 4.6:1, for axes
)

// sentimentFills colour the tone of comments: green for positive, red for
// negative, purple for mixed and grey for neutral. The legend says which
// is which in words as well, so colour is never the only cue.
var sentimentFills = map[string]string{
	"positive": "#00703c", // 5.9:1
	"negative": "#d4351c", // 4.5:1
	"mixed":    "#912b88", // 7.1:1
	"neutral":  "#505a5f", // 7:1
}

// chartBar is one bar of a chart.
type chartBar struct {
	Label string
	// Value sets the bar's length against the longest bar.
	Value float64
	// Text is the figure as the page shows it: "120 (34.5%)", or
	// "fewer than 5" for a withheld count.
	Text string
	// Hidden marks a withheld count: no bar is drawn, only its Text.
	Hidden bool
}

// chartSegment is one part of a stacked bar.
type chartSegment struct {
	Key   string // positive, negative, mixed or neutral: picks the colour
	Label string
	Value float64
	Text  string
	// Hidden marks a withheld count; withheld parts are drawn together
	// as one outlined gap, never apart, so their sizes stay unknown.
	Hidden bool
}

// Bar chart geometry, in pixels and per cent of the chart's width.
const (
	barRow      = 46   // height of one labelled bar
	barHeight   = 16   // thickness of a bar
	barMaxWidth = 62.0 // per cent: leaves room for the figure after the longest bar
	labelRunes  = 42   // longest label drawn before it is shortened
)

// barChart draws horizontal bars, one per row with its label above it and
// its figure after it. title names the chart for screen readers; the bars'
// labels and figures follow it in the accessible name.
func barChart(title string, bars []chartBar) template.HTML {
	maxValue := 0.0
	for _, b := range bars {
		if !b.Hidden && b.Value > maxValue {
			maxValue = b.Value
		}
	}
	var sb strings.Builder
	openSVG(&sb, "chart chart--bars", len(bars)*barRow+4, title, bars)
	for i, b := range bars {
		top := i * barRow
		fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="15" fill="%s">%s</text>`, top+15, chartText, svgEscape(shortenLabel(b.Label, labelRunes)))
		width := 0.0
		if !b.Hidden && maxValue > 0 && b.Value > 0 {
			width = max(b.Value/maxValue*barMaxWidth, 0.5)
			fmt.Fprintf(&sb, `<rect x="0" y="%d" width="%s%%" height="%d" fill="%s"></rect>`, top+21, svgPct(width), barHeight, chartBarFill)
		}
		fill := chartText
		if b.Hidden {
			fill = chartMuted
		}
		fmt.Fprintf(&sb, `<text x="%s%%" y="%d" font-size="14" fill="%s">%s</text>`, svgPct(width+1), top+34, fill, svgEscape(b.Text))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// Column chart geometry, in pixels.
const (
	columnTop    = 24  // room for the top gridline's label
	columnHeight = 140 // height of the tallest column
	columnFoot   = 26  // room for the dates under the axis
)

// columnChart draws vertical columns in order, for a count over time.
// first and last label the ends of the axis (such as the first and last
// week); unit names what is counted, for the top gridline ("a week").
func columnChart(title string, bars []chartBar, first, last, unit string) template.HTML {
	maxValue := 0.0
	for _, b := range bars {
		if !b.Hidden && b.Value > maxValue {
			maxValue = b.Value
		}
	}
	var sb strings.Builder
	openSVG(&sb, "chart chart--columns", columnTop+columnHeight+columnFoot, title, bars)
	base := columnTop + columnHeight
	if maxValue > 0 {
		fmt.Fprintf(&sb, `<line x1="0" x2="100%%" y1="%d" y2="%d" stroke="%s" stroke-width="1" stroke-dasharray="4 4"></line>`, columnTop, columnTop, chartRule)
		fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="14" fill="%s">%s %s</text>`, columnTop-6, chartMuted, svgEscape(chartNumber(maxValue)), svgEscape(unit))
	}
	if n := len(bars); n > 0 {
		slot := 100 / float64(n)
		for i, b := range bars {
			if b.Hidden || maxValue == 0 || b.Value <= 0 {
				continue
			}
			h := max(int(b.Value/maxValue*columnHeight+0.5), 1)
			fmt.Fprintf(&sb, `<rect x="%s%%" y="%d" width="%s%%" height="%d" fill="%s"></rect>`,
				svgPct(float64(i)*slot+slot*0.15), base-h, svgPct(slot*0.7), h, chartBarFill)
		}
	}
	fmt.Fprintf(&sb, `<line x1="0" x2="100%%" y1="%d" y2="%d" stroke="%s" stroke-width="2"></line>`, base+1, base+1, chartRule)
	fmt.Fprintf(&sb, `<text x="0" y="%d" font-size="14" fill="%s">%s</text>`, base+20, chartMuted, svgEscape(first))
	if last != "" && last != first {
		fmt.Fprintf(&sb, `<text x="100%%" y="%d" font-size="14" fill="%s" text-anchor="end">%s</text>`, base+20, chartMuted, svgEscape(last))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// Stacked bar geometry, in pixels.
const (
	stackHeight = 24
	legendRow   = 22
)

// stackedBar draws one bar split into parts, such as the tone of an
// area's comments, with a legend of the parts and their figures under
// it. total is what the whole bar stands for; withheld parts share the
// gap that the shown ones leave.
func stackedBar(title string, total float64, segs []chartSegment) template.HTML {
	bars := make([]chartBar, len(segs))
	for i, s := range segs {
		bars[i] = chartBar{Label: s.Label, Text: s.Text, Hidden: s.Hidden}
	}
	var sb strings.Builder
	openSVG(&sb, "chart chart--stack", stackHeight+10+len(segs)*legendRow, title, bars)
	x := 0.0
	if total > 0 {
		for _, s := range segs {
			if s.Hidden || s.Value <= 0 {
				continue
			}
			w := s.Value / total * 100
			fmt.Fprintf(&sb, `<rect x="%s%%" y="0" width="%s%%" height="%d" fill="%s" stroke="#fff" stroke-width="2"></rect>`,
				svgPct(x), svgPct(w), stackHeight, fillFor(s.Key))
			x += w
		}
		if x < 99.95 {
			fmt.Fprintf(&sb, `<rect x="%s%%" y="1" width="%s%%" height="%d" fill="#fff" stroke="%s" stroke-width="2" stroke-dasharray="4 3"></rect>`,
				svgPct(x), svgPct(100-x-0.3), stackHeight-2, chartMuted)
		}
	}
	for i, s := range segs {
		y := stackHeight + 10 + i*legendRow
		fill := fillFor(s.Key)
		if s.Hidden {
			fmt.Fprintf(&sb, `<rect x="1" y="%d" width="12" height="12" fill="#fff" stroke="%s" stroke-width="2" stroke-dasharray="3 2"></rect>`, y+2, chartMuted)
		} else {
			fmt.Fprintf(&sb, `<rect x="0" y="%d" width="14" height="14" fill="%s"></rect>`, y+1, fill)
		}
		fmt.Fprintf(&sb, `<text x="22" y="%d" font-size="15" fill="%s">%s: %s</text>`, y+13, chartText, svgEscape(s.Label), svgEscape(s.Text))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

func fillFor(key string) string {
	if f, ok := sentimentFills[key]; ok {
		return f
	}
	return chartBarFill
}

// openSVG starts a chart with its accessible name: the title, then every
// bar's label and figure, so a screen reader hears the chart's content.
func openSVG(sb *strings.Builder, class string, height int, title string, bars []chartBar) {
	name := chartName(title, bars)
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" class="%s" width="100%%" height="%d" role="img" aria-label="%s" focusable="false"><title>%s</title>`,
		class, height, svgEscape(name), svgEscape(name))
}

func chartName(title string, bars []chartBar) string {
	parts := make([]string, 0, len(bars))
	for _, b := range bars {
		parts = append(parts, b.Label+": "+b.Text)
	}
	if len(parts) == 0 {
		return title
	}
	return title + ". " + strings.Join(parts, "; ") + "."
}

// esc escapes text for SVG content or a quoted attribute.
func svgEscape(s string) string { return template.HTMLEscapeString(s) }

// pct writes a percentage for an attribute, to two decimal places.
func svgPct(f float64) string { return strconv.FormatFloat(f, 'f', 2, 64) }

func chartNumber(f float64) string {
	if f == float64(int(f)) {
		return formatCount(int(f))
	}
	return strconv.FormatFloat(f, 'f', 1, 64)
}

// shorten cuts s to at most n runes at a word boundary, adding "…".
func shortenLabel(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	cut := string(r[:n-1])
	if i := strings.LastIndexByte(cut, ' '); i > len(cut)/2 {
		cut = cut[:i]
	}
	return strings.TrimRight(cut, " ,;:-") + "…"
}
