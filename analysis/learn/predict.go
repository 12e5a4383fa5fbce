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
		}
	}
}

// score computes the decision value of every output for s into sc.scores.
func (m *Model) score(s string, sc *scratch) {
	sc.e.extract(s)
	sc.ids = sc.ids[:0]
	for _, sp := range sc.e.spans {
		if f, ok := m.index[string(sc.e.buf[sp.start:sp.end])]; ok {
			if sc.count[f] == 0 {
				sc.ids = append(sc.ids, f)
			}
			sc.count[f]++
		}
	}
	sc.counts = sc.counts[:0]
	for _, f := range sc.ids {
		sc.counts = append(sc.counts, termCount{f, sc.count[f]})
		sc.count[f] = 0
	}
	sc.val = slices.Grow(sc.val[:0], len(sc.counts))[:len(sc.counts)]
	m.vocab.weigh(sc.counts, sc.val)
	out := m.outputs()
	acc := sc.acc[:out]
	clear(acc)
	for i, tc := range sc.counts {
		v := sc.val[i]
		off := int(tc.id) * out
		row := m.weights[off : off+out : off+out]
		for k, w := range row {
			acc[k] += v * w
		}
	}
	boost := m.vocab.cfg.lengthBoost(len(sc.counts))
	for k, v := range acc {
		if k < len(m.Labels) {
			v *= boost
		}
		sc.scores[k] = float64(v + m.bias[k])
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
