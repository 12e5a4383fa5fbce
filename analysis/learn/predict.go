package learn

import (
	"slices"
)

// scratch holds one goroutine's buffers for Predict.
type scratch struct {
	e      extractor
	count  []int32 // per feature: occurrences in the current comment
	ids    []int32 // features seen in the current comment, first seen first
	counts []termCount
	val    []float32
	acc    []float32
	scores []float64
	found  []int32   // per span of e: its feature, or -1
	best   []float32 // per label: the best sentence's score
}

// init builds what prediction needs from the saved fields.
func (m *Model) init() {
	m.index = make(map[string]int32, len(m.vocab.terms))
	for f, t := range m.vocab.terms {
		m.index[t] = int32(f)
	}
	m.scratch.New = func() any {
		return &scratch{
			e:      extractor{cfg: m.vocab.cfg},
			count:  make([]int32, len(m.vocab.terms)),
			acc:    make([]float32, m.outputs()),
			scores: make([]float64, m.outputs()),
			best:   make([]float32, len(m.Labels)),
		}
	}
}

// score computes the decision value of every output for s into sc.scores.
func (m *Model) score(s string, sc *scratch) {
	sc.e.extract(s)
	sc.found = sc.found[:0]
	for _, sp := range sc.e.spans {
		f, ok := m.index[string(sc.e.buf[sp.start:sp.end])]
		if !ok {
			f = -1
		}
		sc.found = append(sc.found, f)
	}
	out := m.outputs()
	boost := m.accumulate(sc, -1, out)
	for k, v := range sc.acc[:out] {
		if k < len(m.Labels) {
			v *= boost
		}
		sc.scores[k] = float64(v + m.bias[k])
	}
	weight := m.vocab.cfg.SentenceWeight
	if weight <= 0 || sc.e.sentences < 2 {
		return
	}
	// The best sentence, for themes only: sentiment is the whole
	// comment's.
	labels := len(m.Labels)
	best := sc.best[:labels]
	for k := range sc.e.sentences {
		boost := m.accumulate(sc, k, labels)
		for l, v := range sc.acc[:labels] {
			if v = v*boost + m.bias[l]; k == 0 || v > best[l] {
				best[l] = v
			}
		}
	}
	for l, v := range best {
		sc.scores[l] = (1-weight)*sc.scores[l] + weight*float64(v)
	}
}

// accumulate sums into sc.acc the first outputs weights of the terms of
// sentence k of the comment last extracted (of the whole comment when k
// is -1), TF-IDF weighted, and returns the length boost for them.
func (m *Model) accumulate(sc *scratch, k, outputs int) float32 {
	sc.ids = sc.ids[:0]
	for j, f := range sc.found {
		if f < 0 || (k >= 0 && sc.e.spans[j].sentence != k) {
			continue
		}
		if sc.count[f] == 0 {
			sc.ids = append(sc.ids, f)
		}
		sc.count[f]++
	}
	sc.counts = sc.counts[:0]
	for _, f := range sc.ids {
		sc.counts = append(sc.counts, termCount{f, sc.count[f]})
		sc.count[f] = 0
	}
	sc.val = slices.Grow(sc.val[:0], len(sc.counts))[:len(sc.counts)]
	m.vocab.weigh(sc.counts, sc.val)
	stride := m.outputs()
	acc := sc.acc[:outputs]
	clear(acc)
	for i, tc := range sc.counts {
		off := int(tc.id) * stride
		axpy(acc, m.weights[off:off+outputs], sc.val[i])
	}
	return m.vocab.cfg.lengthBoost(len(sc.counts))
}

// axpy adds a times x to y, four at a time: it is most of the cost of
// classifying a comment.
func axpy(y, x []float32, a float32) {
	x = x[:len(y)]
	k := 0
	for ; k+4 <= len(y); k += 4 {
		y4, x4 := y[k:k+4:k+4], x[k:k+4:k+4]
		y4[0] += a * x4[0]
		y4[1] += a * x4[1]
		y4[2] += a * x4[2]
		y4[3] += a * x4[3]
	}
	for ; k < len(y); k++ {
		y[k] += a * x[k]
	}
}

// Predict codes one comment.
func (m *Model) Predict(s string) Prediction {
	sc := m.scratch.Get().(*scratch)
	defer m.scratch.Put(sc)
	m.score(s, sc)
	return m.decide(sc.scores)
}

// decide turns decision values into a Prediction.
func (m *Model) decide(scores []float64) Prediction {
	var p Prediction
	labels := scores[:len(m.Labels)]
	forced := topMask(labels, m.minLabels)
	for l, v := range labels {
		if forced[l] || v >= float64(m.thresholds[l]) {
			p.Labels = append(p.Labels, LabelScore{m.Labels[l], v})
		}
	}
	slices.SortStableFunc(p.Labels, func(a, b LabelScore) int {
		switch {
		case a.Score > b.Score:
			return -1
		case a.Score < b.Score:
			return 1
		}
		return 0
	})
	if len(m.Sentiments) > 0 {
		sent := scores[len(m.Labels):]
		best := 0
		for k, v := range sent {
			if v > sent[best] {
				best = k
			}
		}
		p.Sentiment = m.Sentiments[best]
	}
	return p
}
