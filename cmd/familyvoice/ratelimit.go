package main

import (
	"sync"
	"time"
)

// rateLimiter slows down guessing (resume codes, passwords) by allowing
// each key a burst of attempts that refills steadily. It is in memory:
// a restart forgets, which is acceptable for slowing online guessing.
type rateLimiter struct {
	mu      sync.Mutex
	buckets map[string]*bucket
	last    time.Time // of the last sweep of idle buckets
	now     func() time.Time
}

type bucket struct {
	tokens float64
	at     time.Time
}

func newRateLimiter() *rateLimiter {
	return &rateLimiter{buckets: map[string]*bucket{}, now: time.Now}
}

// Allow spends one attempt for key, with up to burst attempts stored and
// one more every per. It reports whether the attempt may go ahead.
func (l *rateLimiter) Allow(key string, burst int, per time.Duration) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	now := l.now()
	if now.Sub(l.last) > 10*time.Minute {
		for k, b := range l.buckets {
			if now.Sub(b.at) > time.Hour {
				delete(l.buckets, k)
			}
		}
		l.last = now
	}
	b, ok := l.buckets[key]
	if !ok {
		b = &bucket{tokens: float64(burst), at: now}
		l.buckets[key] = b
	}
	b.tokens = min(float64(burst), b.tokens+now.Sub(b.at).Seconds()/per.Seconds())
	b.at = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}
