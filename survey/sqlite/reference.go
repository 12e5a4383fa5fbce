package sqlite

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
)

// referenceAlphabet leaves out characters people confuse when reading a
// reference aloud or copying it: 0 and O, 1, I and L.
const referenceAlphabet = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"

// randomCode returns n characters drawn uniformly from referenceAlphabet
// with crypto/rand.
func randomCode(n int) string {
	out := make([]byte, n)
	buf := make([]byte, n*2)
	i := 0
	for i < n {
		if _, err := rand.Read(buf); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		for _, b := range buf {
			// Reject bytes past the largest multiple of the alphabet size
			// so every character is equally likely.
			if int(b) >= 256-256%len(referenceAlphabet) {
				continue
			}
			out[i] = referenceAlphabet[int(b)%len(referenceAlphabet)]
			i++
			if i == n {
				break
			}
		}
	}
	return string(out)
}

// NewReference returns a response reference a person can read out, such
// as FV-7K2M-9QXD: 8 characters, about 40 bits.
func NewReference() string {
	c := randomCode(8)
	return "FV-" + c[:4] + "-" + c[4:]
}

// newToken returns an unguessable 256-bit token for a resume link.
func newToken() string {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return base64.RawURLEncoding.EncodeToString(b)
}

func hashSecret(s string) []byte {
	h := sha256.Sum256([]byte(s))
	return h[:]
}
