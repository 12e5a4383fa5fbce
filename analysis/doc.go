// Package analysis turns what families write into what leaders can act
// on: it codes each comment to the SEND service areas and cross-cutting
// themes of a taxonomy, reads its tone, flags anything that suggests
// someone may be at risk, redacts what could identify a family, and
// summarises a survey area by area with small counts withheld.
//
// The coding is rule-based and explainable: every code carries the words
// that produced it, so a forum can see why a comment was coded as it was
// and change the taxonomy when it disagrees. It is fast enough to code a
// survey of any size as it closes.
//
// The package works on survey types and plain data; it knows nothing of
// HTTP or storage.
package analysis
