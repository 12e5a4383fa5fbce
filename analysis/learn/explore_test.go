package learn

import (
	"fmt"
	"math"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"
)

// Exploration harness: out-of-fold scores of several learners, combined
// offline. Thresholds for each outer fold are tuned on the out-of-fold
// scores of the other folds.

type learner struct {
	name string
	view string // "both", "words", "chars", "unit"
	fit  func(p svmProblem) ([]float64, float64)
}

type oof struct {
	name string
	lab  [][]float64
	sen  [][]float64
}

type explore struct {
	d     *dataset
	folds []foldSplit
	foldOf []int
}

func newExplore(tb testing.TB, seed int64, fc FeatureConfig) *explore {
	ex := readNHS(tb)
	d := newDataset(ex, fc)
	e := &explore{d: d, folds: splitFolds(len(ex), 5, seed), foldOf: make([]int, len(ex))}
	for f, s := range e.folds {
		for _, i := range s.test {
			e.foldOf[i] = f
		}
	}
	return e
}

func viewMatrix(f *fold, t *trainer, rows []int, view string, boost bool) *matrix {
	v := *f.vocab
	switch view {
	case "words":
		v.cfg.WordWeight = 1
	case "chars":
		v.cfg.WordWeight = 0
	}
	m := vectorize(t.d.corpus, rows, &v, f.index)
	if boost {
		m = v.boosted(m)
	}
	return m
}

func (e *explore) run(cfg Config, ls []learner) []oof {
	t := &trainer{d: e.d, cfg: cfg}
	n := len(e.d.truth)
	L, S := len(e.d.labels), len(e.d.sentiments)
	out := make([]oof, len(ls))
	for k := range out {
		out[k].name = ls[k].name
		out[k].lab = make([][]float64, n)
		out[k].sen = make([][]float64, n)
		for i := range n {
			out[k].lab[i] = make([]float64, L)
			out[k].sen[i] = make([]float64, S)
		}
	}
	for fi, fs := range e.folds {
		f := t.newFold(fs.train, fs.test)
		type mats struct{ xl, xs, hl, hs *matrix }
		views := map[string]mats{}
		for _, l := range ls {
			if _, ok := views[l.view]; ok {
				continue
			}
			vw := l.view
			if vw == "unit" {
				vw = "both"
			}
			views[l.view] = mats{
				xl: viewMatrix(f, t, fs.train, vw, l.view != "unit"),
				xs: viewMatrix(f, t, fs.train, vw, false),
				hl: viewMatrix(f, t, fs.test, vw, l.view != "unit"),
				hs: viewMatrix(f, t, fs.test, vw, false),
			}
		}
		type jb struct{ k, o int }
		var jobs []jb
		for k := range ls {
			for o := range L + S {
				jobs = append(jobs, jb{k, o})
			}
		}
		ch := make(chan jb)
		var wg sync.WaitGroup
		for range runtime.GOMAXPROCS(0) {
			wg.Go(func() {
				for j := range ch {
					l := ls[j.k]
					vm := views[l.view]
					p := svmProblem{features: len(f.vocab.terms), bias: 1, maxEpochs: cfg.MaxEpochs, tolerance: cfg.Tolerance,
						seed: mix(uint64(cfg.Seed), uint64(fi+1), uint64(j.o))}
					if j.o < L {
						p.x = vm.xl
						p.positive = make([]bool, len(fs.train))
						for r, i := range fs.train {
							p.positive[r] = e.d.truth[i][j.o]
						}
						p.cPos, p.cNeg = cfg.C, cfg.C
						w, b := l.fit(p)
						for r, i := range fs.test {
							out[j.k].lab[i][j.o] = dot(w, b, vm.hl.row(r))
						}
						continue
					}
					s := j.o - L
					var rows []int
					for r, i := range fs.train {
						if e.d.sentiment[i] >= 0 {
							rows = append(rows, r)
							p.positive = append(p.positive, e.d.sentiment[i] == s)
						}
					}
					p.x = vm.xs.subset(rows)
					p.cPos, p.cNeg = cfg.SentimentC, cfg.SentimentC
					w, b := l.fit(p)
					for r, i := range fs.test {
						out[j.k].sen[i][s] = dot(w, b, vm.hs.row(r))
					}
				}
			})
		}
		for _, j := range jobs {
			ch <- j
		}
		close(ch)
		wg.Wait()
	}
	return out
}

// evalScores tunes thresholds for each outer fold on the other folds'
// scores and reports micro-F1, macro-F1 and sentiment accuracy.
func (e *explore) evalScores(lab, sen [][]float64, shrink float64) (micro, macro, sent float64) {
	n := len(lab)
	L := len(e.d.labels)
	tp := make([]int, L)
	pr := make([]int, L)
	sp := make([]int, L)
	for f := range e.folds {
		var ts [][]float64
		var tt [][]bool
		for i := range n {
			if e.foldOf[i] != f {
				ts = append(ts, lab[i])
				tt = append(tt, e.d.truth[i])
			}
		}
		th := tuneThresholds(ts, tt, e.d.minLabels, shrink)
		for _, i := range e.folds[f].test {
			forced := topMask(lab[i], e.d.minLabels)
			for l := range L {
				got := forced[l] || lab[i][l] >= th[l]
				if got {
					pr[l]++
				}
				if e.d.truth[i][l] {
					sp[l]++
					if got {
						tp[l]++
					}
				}
			}
		}
	}
	var a, b, c int
	for l := range L {
		a += tp[l]
		b += pr[l]
		c += sp[l]
		if pr[l]+sp[l] > 0 {
			macro += 2 * float64(tp[l]) / float64(pr[l]+sp[l])
		}
	}
	macro /= float64(L)
	micro = 2 * float64(a) / float64(b+c)
	right, coded := 0, 0
	if sen != nil {
		for i := range n {
			if s := e.d.sentiment[i]; s >= 0 {
				coded++
				best := 0
				for k, v := range sen[i] {
					if v > sen[i][best] {
						best = k
					}
				}
				if best == s {
					right++
				}
			}
		}
		sent = float64(right) / float64(coded)
	}
	return micro, macro, sent
}

// standardise scales a score matrix so that its scores have unit standard
// deviation and zero mean per column.
func standardise(s [][]float64) [][]float64 {
	n := len(s)
	L := len(s[0])
	out := make([][]float64, n)
	for i := range out {
		out[i] = make([]float64, L)
	}
	for l := range L {
		var m, v float64
		for i := range n {
			m += s[i][l]
		}
		m /= float64(n)
		for i := range n {
			v += (s[i][l] - m) * (s[i][l] - m)
		}
		sd := math.Sqrt(v/float64(n)) + 1e-12
		for i := range n {
			out[i][l] = (s[i][l] - m) / sd
		}
	}
	return out
}

// globalScale divides by one standard deviation over all columns.
func globalScale(s [][]float64) [][]float64 {
	var m, v float64
	cnt := 0
	for _, r := range s {
		for _, x := range r {
			m += x
			cnt++
		}
	}
	m /= float64(cnt)
	for _, r := range s {
		for _, x := range r {
			v += (x - m) * (x - m)
		}
	}
	sd := math.Sqrt(v / float64(cnt))
	out := make([][]float64, len(s))
	for i, r := range s {
		out[i] = make([]float64, len(r))
		for l, x := range r {
			out[i][l] = x / sd
		}
	}
	return out
}

func combine(ws []float64, ss ...[][]float64) [][]float64 {
	out := make([][]float64, len(ss[0]))
	for i := range out {
		out[i] = make([]float64, len(ss[0][i]))
		for k, s := range ss {
			for l, x := range s[i] {
				out[i][l] += ws[k] * x
			}
		}
	}
	return out
}

func ridgeFit(p svmProblem) ([]float64, float64) { return trainLS(p) }

// trainLS is least squares on +-1 targets by dual coordinate descent.
func trainLS(p svmProblem) ([]float64, float64) {
	n := p.x.rows()
	w := make([]float64, p.features)
	wb := 0.0
	alpha := make([]float64, n)
	y := make([]float64, n)
	diag := make([]float64, n)
	qd := make([]float64, n)
	for i := range n {
		c := p.cNeg
		y[i] = -1
		if p.positive[i] {
			c = p.cPos
			y[i] = 1
		}
		diag[i] = 0.5 / c
		qd[i] = diag[i] + p.bias*p.bias
		for _, v := range p.x.row(i).val {
			qd[i] += float64(v) * float64(v)
		}
	}
	for epoch := 0; epoch < p.maxEpochs; epoch++ {
		maxd := 0.0
		for i := range n {
			r := p.x.row(i)
			g := wb * p.bias
			for k, f := range r.idx {
				g += w[f] * float64(r.val[k])
			}
			g = y[i]*g - 1 + alpha[i]*diag[i]
			d := -g / qd[i]
			alpha[i] += d
			maxd = max(maxd, math.Abs(g))
			dd := d * y[i]
			for k, f := range r.idx {
				w[f] += dd * float64(r.val[k])
			}
			wb += dd * p.bias
		}
		if maxd < p.tolerance {
			break
		}
	}
	return w, wb * p.bias
}

// trainLR fits L2 logistic regression by SGD with averaging.
func trainLR(p svmProblem, lambdaScale float64, epochs int) ([]float64, float64) {
	n := p.x.rows()
	w := make([]float64, p.features)
	wb := 0.0
	lambda := lambdaScale / (float64(n) * p.cPos)
	perm := make([]int, n)
	for i := range perm {
		perm[i] = i
	}
	scale := 1.0
	t := 0.0
	t0 := 1 / lambda / 10
	for ep := range epochs {
		_ = ep
		for i := range n {
			j := i + int(mix(p.seed, uint64(ep), uint64(i))%uint64(n-i))
			perm[i], perm[j] = perm[j], perm[i]
		}
		for _, i := range perm {
			eta := 1 / (lambda * (t + t0))
			t++
			r := p.x.row(i)
			s := wb
			for k, f := range r.idx {
				s += w[f] * float64(r.val[k]) * scale
			}
			y := -1.0
			if p.positive[i] {
				y = 1
			}
			g := y / (1 + math.Exp(y*s))
			scale *= 1 - eta*lambda
			c := eta * g / scale
			for k, f := range r.idx {
				w[f] += c * float64(r.val[k])
			}
			wb += eta * g * 0.1
			if scale < 1e-9 {
				for f := range w {
					w[f] *= scale
				}
				scale = 1
			}
		}
	}
	for f := range w {
		w[f] *= scale
	}
	return w, wb
}

// trainMNB is multinomial naive Bayes on the feature values.
func trainMNB(p svmProblem, alpha float64) ([]float64, float64) {
	pos := make([]float64, p.features)
	neg := make([]float64, p.features)
	np, nn := 0.0, 0.0
	for i := range p.x.rows() {
		r := p.x.row(i)
		acc := neg
		if p.positive[i] {
			acc = pos
			np++
		} else {
			nn++
		}
		for k, f := range r.idx {
			acc[f] += float64(r.val[k])
		}
	}
	var sp, sn float64
	for f := range pos {
		sp += pos[f] + alpha
		sn += neg[f] + alpha
	}
	w := make([]float64, p.features)
	for f := range w {
		w[f] = math.Log((pos[f]+alpha)/sp) - math.Log((neg[f]+alpha)/sn)
	}
	return w, math.Log((np + 1) / (nn + 1))
}

func TestExplore(t *testing.T) {
	if os.Getenv("FAMILYVOICE_EXPLORE") == "" {
		t.Skip()
	}
	for _, seed := range []int64{1, 2} {
		cfg := DefaultConfig()
		cfg.Seed = seed
		e := newExplore(t, seed, cfg.Features)
		start := time.Now()
		base := func(p svmProblem) ([]float64, float64) {
			if p.cPos == cfg.C {
				return blend(p, 1, 0.5)
			}
			return blend(p, 1, 1)
		}
		ls := []learner{
			{"blend", "both", base},
			{"svm", "both", trainSVM},
			{"nbsvm", "both", func(p svmProblem) ([]float64, float64) {
				if p.cPos == cfg.C {
					p.cPos, p.cNeg = 0.5, 0.5
				}
				return trainNBSVM(p, 1)
			}},
			{"ls", "both", trainLS},
			{"lr", "both", func(p svmProblem) ([]float64, float64) { return trainLR(p, 1, 10) }},
			{"mnb", "both", func(p svmProblem) ([]float64, float64) { return trainMNB(p, 0.1) }},
			{"words", "words", base},
			{"chars", "chars", base},
		}
		res := e.run(cfg, ls)
		fmt.Printf("seed %d: %v\n", seed, time.Since(start))
		std := map[string][][]float64{}
		for _, r := range res {
			mi, ma, se := e.evalScores(r.lab, r.sen, 100)
			fmt.Printf("%-8s micro %.4f macro %.4f sent %.4f\n", r.name, mi, ma, se)
			std[r.name] = globalScale(r.lab)
		}
		try := func(names []string, ws []float64) {
			var ss [][][]float64
			for _, n := range names {
				ss = append(ss, std[n])
			}
			mi, ma, _ := e.evalScores(combine(ws, ss...), nil, 100)
			fmt.Printf("%-40s %v micro %.4f macro %.4f\n", strings.Join(names, "+"), ws, mi, ma)
		}
		try([]string{"blend"}, []float64{1})
		try([]string{"svm", "nbsvm"}, []float64{1, 1})
		for _, other := range []string{"ls", "lr", "mnb", "words", "chars"} {
			for _, w := range []float64{0.25, 0.5, 1} {
				try([]string{"blend", other}, []float64{1, w})
			}
		}
		try([]string{"blend", "words", "chars"}, []float64{1, 0.5, 0.5})
		try([]string{"blend", "lr", "mnb"}, []float64{1, 0.5, 0.5})
		_ = slices.Max[[]float64]
	}
}
