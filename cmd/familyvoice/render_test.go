package main

import (
	"slices"
	"testing"
)

func TestPartialsFor(t *testing.T) {
	sources := map[string]string{
		"layout.html":          `{{define "layout"}}{{template "content" .}}{{end}}{{define "csrf"}}x{{end}}`,
		"question.html":        `{{define "question"}}q{{end}}`,
		"leader_partials.html": `{{define "leader-figures"}}{{- template "question" .}}{{end}}{{define "leader-note"}}n{{end}}`,
		"plain.html":           `{{template "layout" .}}{{define "content"}}{{template "csrf"}}{{end}}`,
		"page.html":            `{{template "layout" .}}{{define "content"}}{{template "question" .}}{{end}}`,
		"leader.html":          `{{template "layout" .}}{{define "content"}}{{ template "leader-note" }}{{end}}`,
	}
	tests := []struct {
		page string
		want []string
	}{
		{"plain.html", []string{"layout.html"}},
		{"page.html", []string{"layout.html", "question.html"}},
		// A partial file a page needs brings the files it calls in turn.
		{"leader.html", []string{"layout.html", "leader_partials.html", "question.html"}},
	}
	for _, tc := range tests {
		got := partialsFor(tc.page, sources)
		slices.Sort(got)
		slices.Sort(tc.want)
		if !slices.Equal(got, tc.want) {
			t.Errorf("partialsFor(%s) = %v, want %v", tc.page, got, tc.want)
		}
	}
}
