package learn

import (
	"math/rand/v2"
	"slices"
)

// scored is one comment's score for a label and whether it truly has it.
type scored struct {
	score float64
	truth bool
}

// tuneThresholds chooses each label's decision threshold from
// out-of-fold scores. The top minLabels labels of each comment are always
// chosen; the rest must reach their label's threshold. One threshold is
// first fitted for all labels together (best micro-F1); then each label
// gets the threshold that maximises its own F1, pulled towards the shared
// one when the label has few positive comments.
func tuneThresholds(scores [][]float64, truth [][]bool, minLabels int, shrinkage float64) []float64 {
	labels := 0
	if len(truth) > 0 {
		labels = len(truth[0])
	}
	forced := make([][]bool, len(scores))
	for i, s := range scores {
		forced[i] = topMask(s, minLabels)
	}
	var all []scored
	var tpForced, fpForced, positives int
	for i, s := range scores {
		for l, v := range s {
			if truth[i][l] {
				positives++
			}
			switch {
			case forced[i][l] && truth[i][l]:
				tpForced++
			case forced[i][l]:
				fpForced++
			default:
				all = append(all, scored{v, truth[i][l]})
			}
		}
	}
	shared := bestCut(all, tpForced, fpForced, positives)
	out := make([]float64, labels)
	for l := range out {
		var col []scored
		tpF, fpF, pos := 0, 0, 0
		for i, s := range scores {
			if truth[i][l] {
				pos++
			}
			switch {
			case forced[i][l] && truth[i][l]:
				tpF++
			case forced[i][l]:
				fpF++
			default:
				col = append(col, scored{s[l], truth[i][l]})
			}
		}
		own := bestCut(col, tpF, fpF, pos)
		w := float64(pos) / (float64(pos) + shrinkage)
		if shrinkage == 0 && pos == 0 {
			w = 0
		}
		out[l] = w*own + (1-w)*shared
	}
	return out
}

// bestCut returns the threshold on s that maximises F1 = 2TP/(2TP+FP+FN),
// given TP and FP already counted and the number of positives in all. It
// cuts halfway between neighbouring scores so that the threshold does not
// sit on a training comment's exact score.
func bestCut(s []scored, tp, fp, positives int) float64 {
	slices.SortFunc(s, func(a, b scored) int {
		switch {
		case a.score > b.score:
			return -1
		case a.score < b.score:
			return 1
		}
		return 0
	})
	f1 := func(tp, fp int) float64 {
		if tp+fp+positives == 0 {
			return 0
		}
		return 2 * float64(tp) / float64(tp+fp+positives)
	}
	best := f1(tp, fp)
	cut := 0 // number of scores above the threshold
	for j := 0; j < len(s); j++ {
		if s[j].truth {
			tp++
		} else {
			fp++
		}
		if j+1 < len(s) && s[j+1].score == s[j].score {
			continue
		}
		if v := f1(tp, fp); v > best {
			best, cut = v, j+1
		}
	}
	switch {
	case len(s) == 0:
		return 0
	case cut == 0:
		return s[0].score + 0.1
	case cut == len(s):
		return s[len(s)-1].score - 0.1
	}
	return (s[cut-1].score + s[cut].score) / 2
}

// topMask marks the n highest of scores (ties to the lower index).
func topMask(scores []float64, n int) []bool {
	mask := make([]bool, len(scores))
	for range min(n, len(scores)) {
		best := -1
		for l, v := range scores {
			if !mask[l] && (best < 0 || v > scores[best]) {
				best = l
			}
		}
		mask[best] = true
	}
	return mask
}

// permutation returns 0..n-1 shuffled by seed.
func permutation(n int, seed int64) []int {
	rng := rand.New(rand.NewPCG(uint64(seed), 0x5851f42d4c957f2d))
	return rng.Perm(n)
}
