package main

import "math"

// The tests behind "meaningful change" on the compare page. A share (of
// comments raising a theme, of families choosing an option) is compared
// with a two-proportion z-test using the pooled proportion; a mean (of a
// scale or number question) with Welch's t-test, which does not assume
// the two rounds vary alike. Both are two-sided at the 5% level.

// significance is the level below which a change counts as meaningful.
const significance = 0.05

// twoProportionTest compares x1 of n1 with x2 of n2 and returns the z
// statistic and its two-sided p-value. ok is false when the test cannot
// be made: an empty base, or both rounds all or nothing.
func twoProportionTest(x1, n1, x2, n2 int) (z, p float64, ok bool) {
	if n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2 {
		return 0, 0, false
	}
	p1, p2 := float64(x1)/float64(n1), float64(x2)/float64(n2)
	pooled := float64(x1+x2) / float64(n1+n2)
	se := math.Sqrt(pooled * (1 - pooled) * (1/float64(n1) + 1/float64(n2)))
	if se == 0 {
		return 0, 0, false
	}
	z = (p2 - p1) / se
	return z, math.Erfc(math.Abs(z) / math.Sqrt2), true
}

// sampleStats are the count, mean and sample variance of some numbers.
type sampleStats struct {
	N        int
	Mean     float64
	Variance float64
}

// add takes one more number, by Welford's method, which stays accurate
// over a hundred thousand answers.
func (s *sampleStats) add(x float64) {
	s.N++
	d := x - s.Mean
	s.Mean += d / float64(s.N)
	s.Variance += d * (x - s.Mean) // the sum of squares until finish
}

// finish turns the running sum of squares into the sample variance.
func (s *sampleStats) finish() {
	if s.N > 1 {
		s.Variance /= float64(s.N - 1)
	} else {
		s.Variance = 0
	}
}

// welchTest compares the means of two samples and returns the t
// statistic, the Welch–Satterthwaite degrees of freedom and the
// two-sided p-value. ok is false when either sample has fewer than two
// numbers.
func welchTest(a, b sampleStats) (t, df, p float64, ok bool) {
	if a.N < 2 || b.N < 2 {
		return 0, 0, 0, false
	}
	va, vb := a.Variance/float64(a.N), b.Variance/float64(b.N)
	se := math.Sqrt(va + vb)
	if se == 0 {
		if a.Mean == b.Mean {
			return 0, 0, 1, true
		}
		return math.Inf(1), 0, 0, true
	}
	t = (b.Mean - a.Mean) / se
	df = (va + vb) * (va + vb) / (va*va/float64(a.N-1) + vb*vb/float64(b.N-1))
	return t, df, studentTwoSided(t, df), true
}

// studentTwoSided is the probability that Student's t with df degrees of
// freedom is at least |t| from zero.
func studentTwoSided(t, df float64) float64 {
	if math.IsInf(t, 0) {
		return 0
	}
	return regIncBeta(df/2, 0.5, df/(df+t*t))
}

// regIncBeta is the regularised incomplete beta function I_x(a, b),
// from its continued fraction (Lentz's method), as in Numerical Recipes.
func regIncBeta(a, b, x float64) float64 {
	switch {
	case x <= 0:
		return 0
	case x >= 1:
		return 1
	}
	la, _ := math.Lgamma(a)
	lb, _ := math.Lgamma(b)
	lab, _ := math.Lgamma(a + b)
	front := math.Exp(lab - la - lb + a*math.Log(x) + b*math.Log(1-x))
	if x < (a+1)/(a+b+2) {
		return front * betaFraction(a, b, x) / a
	}
	return 1 - front*betaFraction(b, a, 1-x)/b
}

func betaFraction(a, b, x float64) float64 {
	const tiny = 1e-300
	clamp := func(v float64) float64 {
		if math.Abs(v) < tiny {
			return tiny
		}
		return v
	}
	c, d := 1.0, 1/clamp(1-(a+b)*x/(a+1))
	h := d
	for m := 1; m <= 300; m++ {
		fm := float64(m)
		num := fm * (b - fm) * x / ((a + 2*fm - 1) * (a + 2*fm))
		d = 1 / clamp(1+num*d)
		c = clamp(1 + num/c)
		h *= d * c
		num = -(a + fm) * (a + b + fm) * x / ((a + 2*fm) * (a + 2*fm + 1))
		d = 1 / clamp(1+num*d)
		c = clamp(1 + num/c)
		step := d * c
		h *= step
		if math.Abs(step-1) < 1e-14 {
			break
		}
	}
	return h
}
