package learn

import (
	"math"
	"math/rand/v2"
)

// svmProblem is one binary problem: rows of x with targets +1 or -1.
type svmProblem struct {
	x        *matrix
	features int
	positive []bool
	// cPos and cNeg are the misclassification costs for positive and
	// negative rows.
	cPos, cNeg float64
	// bias is the value of the constant feature appended to every row.
	bias      float64
	maxEpochs int
	tolerance float64
	seed      uint64
}

// trainSVM fits an L2-regularised linear SVM with the squared hinge loss
// by dual coordinate descent
// with shrinking (Hsieh et al., ICML 2008, as in LIBLINEAR). It needs no
// learning rate, converges in a few passes over sparse text, and given
// the seed it visits rows in a fixed order, so the result is the same on
// every run. It returns the weights and the bias weight.
func trainSVM(p svmProblem) ([]float64, float64) {
	n := p.x.rows()
	w := make([]float64, p.features)
	wb := 0.0
	if n == 0 {
		return w, wb
	}
	alpha := make([]float64, n)
	y := make([]float64, n)
	diag := make([]float64, n) // D_ii = 1/(2C_i)
	qd := make([]float64, n)   // x_i·x_i + D_ii
	active := make([]int, n)
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
		active[i] = i
	}
	rng := rand.New(rand.NewPCG(p.seed, 0x9e3779b97f4a7c15))
	size := n
	pgMaxOld := math.Inf(1)
	for epoch := 0; epoch < p.maxEpochs; epoch++ {
		for i := range size {
			j := i + rng.IntN(size-i)
			active[i], active[j] = active[j], active[i]
		}
		pgMax, pgMin := math.Inf(-1), math.Inf(1)
		for s := 0; s < size; s++ {
			i := active[s]
			r := p.x.row(i)
			g := wb * p.bias
			for k, f := range r.idx {
				g += w[f] * float64(r.val[k])
			}
			g = y[i]*g - 1 + alpha[i]*diag[i]
			pg := 0.0
			if alpha[i] == 0 {
				// At the bound: a clearly positive gradient means the row
				// will stay there, so it is left out until the check pass.
				if g > pgMaxOld {
					size--
					active[s], active[size] = active[size], active[s]
					s--
					continue
				}
				pg = min(g, 0)
			} else {
				pg = g
			}
			pgMax = max(pgMax, pg)
			pgMin = min(pgMin, pg)
			if math.Abs(pg) > 1e-12 {
				old := alpha[i]
				alpha[i] = max(alpha[i]-g/qd[i], 0)
				d := (alpha[i] - old) * y[i]
				for k, f := range r.idx {
					w[f] += d * float64(r.val[k])
				}
				wb += d * p.bias
			}
		}
		if pgMax-pgMin <= p.tolerance {
			if size == n {
				break
			}
			// Converged on the shrunken set: check every row once more.
			size = n
			pgMaxOld = math.Inf(1)
			continue
		}
		pgMaxOld = pgMax
		if pgMaxOld <= 0 {
			pgMaxOld = math.Inf(1)
		}
	}
	return w, wb * p.bias
}
