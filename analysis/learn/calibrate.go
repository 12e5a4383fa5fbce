package learn

import "math"

// calibration maps a label's SVM score s to the log-odds a*s + b that
// the label applies (Platt scaling). Each label's SVM has its own scale,
// so raw scores neither rank labels fairly against each other, for the
// labels a comment is always given, nor share one threshold well; log-odds
// fitted on comments the SVMs had not seen do both.
type calibration struct {
	a, b float64
}

// calibrate fits each label's calibration to its out-of-fold scores and
// applies it to those scores and to the label's weights and bias (weights
// are feature-major, outputs to a feature), so that the model's label
// scores are log-odds. A calibration is affine and increasing, so it
// commutes with blending a comment's score with its best sentence's, and
// prediction needs nothing new.
func calibrate(oof [][]float64, truth [][]bool, labels, outputs int, weights, bias []float32) {
	col := make([]float64, len(oof))
	has := make([]bool, len(oof))
	for l := range labels {
		for i := range oof {
			col[i], has[i] = oof[i][l], truth[i][l]
		}
		c := fitPlatt(col, has)
		for i := range oof {
			oof[i][l] = c.a*oof[i][l] + c.b
		}
		for k := l; k < len(weights); k += outputs {
			weights[k] = float32(c.a * float64(weights[k]))
		}
		bias[l] = float32(c.a*float64(bias[l]) + c.b)
	}
}

// minSlope keeps a calibration increasing. A label whose out-of-fold
// scores do not rise with the truth (a label with almost no examples)
// would otherwise get a slope of 0 or below, and a slope of 0 or below
// cannot be folded into the weights without changing which sentence of a
// comment scores best.
const minSlope = 1e-3

// fitPlatt fits a calibration to scores and their truth by maximum
// likelihood, with the targets Platt (1999) smooths towards the label's
// prior so that a label with no positive comments, or scores that
// separate perfectly, still gets finite log-odds. It is Newton's method
// with a backtracking line search, as in Lin, Lin and Weng, "A note on
// Platt's probabilistic outputs for support vector machines" (2007).
func fitPlatt(scores []float64, truth []bool) calibration {
	var pos, neg float64
	for _, t := range truth {
		if t {
			pos++
		} else {
			neg++
		}
	}
	hi, lo := (pos+1)/(pos+2), 1/(neg+2)
	target := func(i int) float64 {
		if truth[i] {
			return hi
		}
		return lo
	}
	// loss is the cross-entropy of a*s+b against the targets, computed
	// without overflow for large |a*s+b|.
	loss := func(a, b float64) float64 {
		f := 0.0
		for i, s := range scores {
			z := a*s + b
			// log(1+e^z) - t*z, stable on both sides.
			if z >= 0 {
				f += z + math.Log1p(math.Exp(-z)) - target(i)*z
			} else {
				f += math.Log1p(math.Exp(z)) - target(i)*z
			}
		}
		return f
	}
	const (
		maxIter  = 100
		minStep  = 1e-10
		sigma    = 1e-12 // keeps the Hessian positive definite
		gradStop = 1e-5
	)
	c := calibration{a: 1, b: math.Log((pos + 1) / (neg + 1))}
	f := loss(c.a, c.b)
	for range maxIter {
		var ga, gb, haa, hab, hbb float64
		for i, s := range scores {
			p := sigmoid(c.a*s + c.b)
			d := p - target(i)
			w := p * (1 - p)
			ga += d * s
			gb += d
			haa += w * s * s
			hab += w * s
			hbb += w
		}
		if math.Abs(ga) < gradStop && math.Abs(gb) < gradStop {
			break
		}
		haa += sigma
		hbb += sigma
		det := haa*hbb - hab*hab
		da := -(hbb*ga - hab*gb) / det
		db := -(haa*gb - hab*ga) / det
		slope := ga*da + gb*db
		step := 1.0
		for ; step >= minStep; step /= 2 {
			a, b := c.a+step*da, c.b+step*db
			if g := loss(a, b); g < f+1e-4*step*slope {
				c, f = calibration{a, b}, g
				break
			}
		}
		if step < minStep {
			break
		}
	}
	if c.a < minSlope {
		// The scores say nothing of the label: fall back on its prior.
		c = calibration{minSlope, math.Log((pos + 1) / (neg + 1))}
	}
	return c
}

func sigmoid(z float64) float64 {
	if z >= 0 {
		return 1 / (1 + math.Exp(-z))
	}
	e := math.Exp(z)
	return e / (1 + e)
}
