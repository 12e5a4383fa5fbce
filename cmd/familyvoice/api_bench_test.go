package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/familyvoice/familyvoice/survey/demo"
)

// BenchmarkSubmitThroughAPI posts demo answer sets to the real Echo app
// in-process from 64 goroutines: the server's own cost per durable
// submission, without the network or a load generator.
func BenchmarkSubmitThroughAPI(b *testing.B) {
	ta := newTestApp(b)
	ctx := context.Background()
	if err := installDemo(ctx, ta.db, 20, 1); err != nil {
		b.Fatal(err)
	}
	v, err := ta.db.PublishedVersion(ctx, demo.Slug)
	if err != nil {
		b.Fatal(err)
	}
	var bodies [][]byte
	for _, r := range demo.Generate(v.Definition, 200, 3) {
		body, _ := json.Marshal(map[string]any{"answers": r.Answers})
		bodies = append(bodies, body)
	}
	b.SetParallelism(32)
	b.ReportAllocs()
	b.ResetTimer()
	b.RunParallel(func(pb *testing.PB) {
		i := 0
		for pb.Next() {
			req := httptest.NewRequest(http.MethodPost, "/api/v1/surveys/"+demo.Slug+"/responses", bytes.NewReader(bodies[i%len(bodies)]))
			req.Header.Set("Content-Type", "application/json")
			rec := httptest.NewRecorder()
			ta.ServeHTTP(rec, req)
			if rec.Code != http.StatusCreated {
				b.Errorf("status %d: %s", rec.Code, rec.Body)
				return
			}
			i++
		}
	})
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "submissions/s")
}
