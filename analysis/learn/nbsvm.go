package learn

import "math"

// trainNBSVM scales each feature by its naive Bayes log-count ratio (how
// much more often positive rows than negative ones contain it, smoothed by
// alpha), fits the SVM on the scaled rows and folds the scaling back into
// the weights. The scaling lets the SVM start from the terms that single
// a label out, which helps most on short comments and rare labels.
func trainNBSVM(p svmProblem, alpha float64) ([]float64, float64) {
	pos := make([]float64, p.features)
	neg := make([]float64, p.features)
	for i := range p.x.rows() {
		r := p.x.row(i)
		acc := neg
		if p.positive[i] {
			acc = pos
		}
		for _, f := range r.idx {
			acc[f]++
		}
	}
	var sp, sn float64
	for f := range pos {
		pos[f] += alpha
		neg[f] += alpha
		sp += pos[f]
		sn += neg[f]
	}
	ratio := make([]float64, p.features)
	for f := range ratio {
		ratio[f] = math.Log((pos[f] / sp) / (neg[f] / sn))
	}
	x := &matrix{ptr: p.x.ptr, idx: p.x.idx, val: make([]float32, len(p.x.val))}
	for k, f := range p.x.idx {
		x.val[k] = p.x.val[k] * float32(ratio[f])
	}
	p.x = x
	w, b := trainSVM(p)
	for f := range w {
		w[f] *= ratio[f]
	}
	return w, b
}

// blend fits the SVM of p and, when alpha > 0, an NBSVM with cost scaled
// by nbCost, and returns the average of the two.
func blend(p svmProblem, alpha, nbCost float64) ([]float64, float64) {
	w, b := trainSVM(p)
	if alpha <= 0 {
		return w, b
	}
	p.cPos *= nbCost
	p.cNeg *= nbCost
	wn, bn := trainNBSVM(p, alpha)
	for f := range w {
		w[f] = (w[f] + wn[f]) / 2
	}
	return w, (b + bn) / 2
}
