package main

import (
	"math"
	"testing"
)

func TestTwoProportionTest(t *testing.T) {
	// 50 of 100 against 65 of 100: pooled p 0.575, se 0.06991, z 2.1456.
	z, p, ok := twoProportionTest(50, 100, 65, 100)
	if !ok || math.Abs(z-2.1456) > 1e-3 || math.Abs(p-0.0319) > 1e-3 {
		t.Errorf("z, p = %.4f, %.4f, want 2.1456, 0.0319", z, p)
	}
	if _, p, _ := twoProportionTest(50, 100, 55, 100); p < significance {
		t.Errorf("5 points on 100 each called meaningful (p %.3f)", p)
	}
	for _, c := range [][4]int{{0, 0, 1, 10}, {0, 10, 0, 10}, {10, 10, 10, 10}, {11, 10, 1, 10}} {
		if _, _, ok := twoProportionTest(c[0], c[1], c[2], c[3]); ok {
			t.Errorf("%v: the test was made", c)
		}
	}
}

// TestStudentTwoSided checks p-values against the tables' critical
// values: at each, the two-sided p is exactly 0.05 or 0.01.
func TestStudentTwoSided(t *testing.T) {
	tests := []struct{ t, df, p float64 }{
		{12.7062, 1, 0.05},
		{2.228139, 10, 0.05},
		{2.100922, 18, 0.05},
		{4.032143, 5, 0.01},
		{1.959964, 1e7, 0.05},
		{0, 7, 1},
	}
	for _, tc := range tests {
		if got := studentTwoSided(tc.t, tc.df); math.Abs(got-tc.p) > 2e-5 {
			t.Errorf("t %.4f, df %g: p = %.6f, want %.6f", tc.t, tc.df, got, tc.p)
		}
	}
}

func TestWelchTest(t *testing.T) {
	a := sampleStats{N: 10, Mean: 20, Variance: 4}
	b := sampleStats{N: 20, Mean: 22, Variance: 16}
	tt, df, p, ok := welchTest(a, b)
	// se = sqrt(0.4 + 0.8); df = 1.44 / (0.16/9 + 0.64/19).
	if !ok || math.Abs(tt-2/math.Sqrt(1.2)) > 1e-9 || math.Abs(df-1.44/(0.16/9+0.64/19)) > 1e-9 {
		t.Errorf("t, df = %v, %v", tt, df)
	}
	if p < 0.05 || p > 0.1 {
		t.Errorf("p = %.4f, want between 0.05 and 0.1", p)
	}
	var s sampleStats
	for _, x := range []float64{1, 2, 3, 4, 5} {
		s.add(x)
	}
	s.finish()
	if s.N != 5 || s.Mean != 3 || s.Variance != 2.5 {
		t.Errorf("stats of 1..5 = %+v, want n 5, mean 3, variance 2.5", s)
	}
	if _, _, _, ok := welchTest(sampleStats{N: 1}, s); ok {
		t.Errorf("a test was made on one number")
	}
}
