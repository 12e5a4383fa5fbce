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
// Tone is read from the shape of a comment as well as its words: praise
// before a "but" and anything short of praise after it is mixed; "I know
// they're busy, but" is politeness, not praise; "oh great, another wait"
// is sarcasm, and so is "thanks to the council for losing our paperwork";
// "if there's a problem" is a condition, not an event; and "he has
// meltdowns" describes a child's needs, not a service. A complaint needs
// a word of judgement or a failure told ("still", "again", "no one",
// "had to chase"): a wait told as news ("we are waiting for the amended
// plan"), services not used, a question, a suggestion, a plan or the
// family's circumstances are neutral. When the rules find no word of
// opinion at all in a comment that has a tone to read, a small learned
// model (see learned.go) reads it instead; such a sentiment has no reason
// of its own.
//
// The package works on survey types and plain data; it knows nothing of
// HTTP or storage.
package analysis
