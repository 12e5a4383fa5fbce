package demo

import (
	"math"
	"sort"
	"time"
)

// round holds what differs between the two rounds: when each was open and
// how services were doing. The 2026 figures are set against 2025 as a
// forum would see them: EHCPs a little quicker, autism waits longer.
type round struct {
	year          int
	opens, closes time.Time

	ehcpOnTime       float64 // of issued plans, the share finished in 20 weeks
	ehcpMean         float64 // mean feeling about the EHCP process
	autismWaitMedian float64 // months from referral to assessment
	autismWaiting    float64 // added to the chance a family is still waiting
	autismMean       float64
	healthMean       float64
	carerMean        float64
	joinedMean       float64
}

var (
	current = round{
		year:             2026,
		opens:            londonTime(2026, time.September, 14, 9),
		closes:           londonTime(2026, time.October, 27, 0),
		ehcpOnTime:       0.55,
		ehcpMean:         -0.65,
		autismWaitMedian: 23,
		autismWaiting:    0.06,
		autismMean:       -1.35,
		healthMean:       -0.45,
		carerMean:        -0.75,
		joinedMean:       -0.8,
	}
	previous = round{
		year:             2025,
		opens:            londonTime(2025, time.September, 15, 9),
		closes:           londonTime(2025, time.October, 28, 0),
		ehcpOnTime:       0.36,
		ehcpMean:         -1.0,
		autismWaitMedian: 16,
		autismWaiting:    0,
		autismMean:       -0.95,
		healthMean:       -0.5,
		carerMean:        -0.65,
		joinedMean:       -0.95,
	}
)

func roundParams(slug string) *round {
	if slug == PreviousSlug {
		return &previous
	}
	return &current
}

// londonTime returns the given hour of a day in the UK, in UTC. Daylight
// saving is worked out here rather than from the system's zone files, so
// the same seed gives the same times on every machine.
func londonTime(year int, month time.Month, day, hour int) time.Time {
	t := time.Date(year, month, day, hour, 0, 0, 0, time.UTC)
	return t.Add(-ukOffset(t))
}

// ukOffset is how far UK clocks are ahead of UTC at t: an hour from 01:00
// UTC on the last Sunday of March to 01:00 UTC on the last Sunday of
// October. Near the change it may be an hour out, which does not matter
// for spreading submissions over a day.
func ukOffset(t time.Time) time.Duration {
	start := lastSunday(t.Year(), time.March).Add(time.Hour)
	end := lastSunday(t.Year(), time.October).Add(time.Hour)
	if !t.Before(start) && t.Before(end) {
		return time.Hour
	}
	return 0
}

func lastSunday(year int, month time.Month) time.Time {
	t := time.Date(year, month+1, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, -1)
	return t.AddDate(0, 0, -int(t.Weekday()))
}

// hourWeights is when, in UK time, families fill in a survey: a little
// after the school run, and most in the evening once children are in bed.
var hourWeights = [24]float64{
	0.35, 0.18, 0.08, 0.04, 0.04, 0.08, 0.3, 0.5, 0.55, 1.3, 1.5, 1.35,
	1.4, 1.5, 1.15, 0.7, 0.6, 0.6, 0.7, 1.2, 1.8, 2.1, 1.7, 0.9,
}

// dayWeight is the relative number of submissions on the given day of a
// window of days: a rush when the survey launches, a bump after the
// reminder in week four and another in the last days.
func dayWeight(day, days int, wd time.Weekday) float64 {
	w := 1 + 4*math.Exp(-float64(day)/2.5)
	switch day {
	case 21:
		w += 1.5
	case 22:
		w += 0.7
	}
	switch days - 1 - day {
	case 0:
		w += 1.4
	case 1:
		w += 1
	case 2:
		w += 0.6
	}
	if wd == time.Saturday || wd == time.Sunday {
		w *= 0.75
	}
	return w
}

// timeline maps a point in [0, 1) to a submission time, so that evenly
// spread points land as real submissions do. It is built hour by hour.
type timeline struct {
	opens, closes time.Time
	cum           []float64 // cumulative weight at the end of each hour
}

func newTimeline(opens, closes time.Time) *timeline {
	hours := int(math.Ceil(closes.Sub(opens).Hours()))
	if hours < 1 {
		hours = 1
	}
	firstDay := opens.Add(ukOffset(opens)).Truncate(24 * time.Hour)
	days := int(closes.Sub(firstDay).Hours()/24) + 1
	tl := &timeline{opens: opens, closes: closes, cum: make([]float64, hours)}
	total := 0.0
	for h := range hours {
		t := opens.Add(time.Duration(h) * time.Hour)
		local := t.Add(ukOffset(t))
		day := int(local.Sub(firstDay).Hours() / 24)
		total += dayWeight(day, days, local.Weekday()) * hourWeights[local.Hour()]
		tl.cum[h] = total
	}
	return tl
}

func (tl *timeline) at(u float64) time.Time {
	total := tl.cum[len(tl.cum)-1]
	target := u * total
	h := sort.SearchFloat64s(tl.cum, target)
	if h >= len(tl.cum) {
		h = len(tl.cum) - 1
	}
	prev := 0.0
	if h > 0 {
		prev = tl.cum[h-1]
	}
	frac := 0.0
	if w := tl.cum[h] - prev; w > 0 {
		frac = (target - prev) / w
	}
	d := time.Duration(h)*time.Hour + time.Duration(frac*float64(time.Hour))
	t := tl.opens.Add(d).Truncate(time.Second)
	if !t.Before(tl.closes) {
		t = tl.closes.Add(-time.Second)
	}
	return t
}
