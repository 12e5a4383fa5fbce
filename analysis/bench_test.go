package analysis

import (
	"path/filepath"
	"testing"
)

// BenchmarkClassify classifies the labelled comments round and round on
// one goroutine and reports comments a second; the target is 100,000.
func BenchmarkClassify(b *testing.B) {
	rows := readLabelledB(b, filepath.Join("testdata", "comments.csv"))
	c := DefaultClassifier()
	for _, r := range rows { // warm the stem cache, as a long run would
		c.Classify(r.text, r.area)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		r := rows[i%len(rows)]
		c.Classify(r.text, r.area)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}
