package main

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"
)

func TestBarChartEscapesAndDescribesItself(t *testing.T) {
	got := string(barChart(`Ages <b>"&"</b>`, []chartBar{
		{Label: `<script>alert("x")</script>`, Value: 10, Text: "10 (50.0%)"},
		{Label: "Small", Value: 3, Text: "withheld", Hidden: true},
		{Label: "Zero", Value: 0, Text: "0"},
	}))
	for _, bad := range []string{"<script>", "<b>", `"&"`} {
		if strings.Contains(got, bad) {
			t.Errorf("chart contains unescaped %q", bad)
		}
	}
	for _, want := range []string{`role="img"`, `<title>Ages &lt;b&gt;`, `aria-label="Ages &lt;b&gt;&#34;&amp;&#34;&lt;/b&gt;. &lt;script&gt;`, "Small: withheld", "Zero: 0"} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %q:\n%s", want, got)
		}
	}
	if n := strings.Count(got, "<rect"); n != 1 {
		t.Errorf("%d bars drawn, want 1: a withheld or zero count gets none", n)
	}
}

func TestColumnChart(t *testing.T) {
	got := string(columnChart("Responses each week", []chartBar{
		{Label: "Week 1", Value: 120, Text: "120"},
		{Label: "Week 2", Text: "withheld", Hidden: true},
		{Label: "Week 3", Value: 60, Text: "60"},
	}, "1 Mar", "15 Mar 2026", "a week"))
	if n := strings.Count(got, "<rect"); n != 2 {
		t.Errorf("%d columns drawn, want 2", n)
	}
	heights := regexp.MustCompile(`<rect [^>]*height="(\d+)"`).FindAllStringSubmatch(got, -1)
	if len(heights) != 2 || heights[0][1] != strconv.Itoa(columnHeight) || heights[1][1] != strconv.Itoa(columnHeight/2) {
		t.Errorf("column heights %v, want %d and %d", heights, columnHeight, columnHeight/2)
	}
	for _, want := range []string{"120 a week", "1 Mar", "15 Mar 2026", "Week 2: withheld"} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

func TestStackedBarHidesTheSizeOfWithheldParts(t *testing.T) {
	got := string(stackedBar("Tone", 100, []chartSegment{
		{Key: "positive", Label: "Positive", Value: 60, Text: "60 (60.0%)"},
		{Key: "negative", Label: "Negative", Value: 36, Text: "36 (36.0%)"},
		{Key: "mixed", Label: "Mixed", Text: "withheld", Hidden: true},
		{Key: "neutral", Label: "Neutral", Text: "withheld", Hidden: true},
	}))
	// Two coloured parts, one outlined gap for the two withheld ones
	// together, and four legend keys.
	if n := strings.Count(got, "<rect"); n != 7 {
		t.Errorf("%d rects, want 7:\n%s", n, got)
	}
	if !strings.Contains(got, `width="4.00%"`) && !strings.Contains(got, `width="3.70%"`) {
		t.Errorf("the gap for withheld parts is missing:\n%s", got)
	}
	for _, want := range []string{"Positive: 60 (60.0%)", "Mixed: withheld", sentimentFills["positive"], sentimentFills["negative"]} {
		if !strings.Contains(got, want) {
			t.Errorf("chart lacks %q", want)
		}
	}
}

// TestChartColoursContrast checks the palette against white: text at
// least 4.5:1 (WCAG AA) and bars, the parts of a chart one must see, at
// least 3:1.
func TestChartColoursContrast(t *testing.T) {
	check := func(name, colour string, min float64) {
		t.Helper()
		if r := contrastWithWhite(colour); r < min {
			t.Errorf("%s %s: contrast %.2f:1 with white, want at least %.1f:1", name, colour, r, min)
		}
	}
	check("text", chartText, 4.5)
	check("muted text", chartMuted, 4.5)
	check("bars", chartBarFill, 3)
	check("axes", chartRule, 3)
	for k, c := range sentimentFills {
		check(k, c, 3)
	}
}

func contrastWithWhite(hex string) float64 {
	lin := func(s string) float64 {
		v, _ := strconv.ParseUint(s, 16, 8)
		c := float64(v) / 255
		if c <= 0.03928 {
			return c / 12.92
		}
		return math.Pow((c+0.055)/1.055, 2.4)
	}
	l := 0.2126*lin(hex[1:3]) + 0.7152*lin(hex[3:5]) + 0.0722*lin(hex[5:7])
	return 1.05 / (l + 0.05)
}

func TestShortenLabel(t *testing.T) {
	if got := shortenLabel("Sensory impairment, such as hearing or sight loss", 20); got != "Sensory impairment…" {
		t.Errorf("shortenLabel = %q", got)
	}
	if got := shortenLabel("Autism", 20); got != "Autism" {
		t.Errorf("shortenLabel = %q", got)
	}
}
