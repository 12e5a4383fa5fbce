package sqlite

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"strings"
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

// A response reference such as FV-7K2M-9QXD is its id under a keyed
// permutation of the 31^8 possible codes. Without the database's key a
// reference looks random and tells nothing of how many responses came
// before it or when; with it, a reference leads straight to its row. So
// references are unique by construction and need no index of their own:
// a unique index on random text put each submission's entry on a random
// page, one more page for every commit to write and every checkpoint to
// copy, the largest single cost of a submission after its answers.
//
// The permutation is a Feistel network over 40 bits, with AES under the
// key as its round function, and cycle-walking to stay within the 31^8
// codes: a value that lands outside them is permuted again until it
// lands inside, which keeps it a permutation of the codes alone.
type referenceCodec struct{ block cipher.Block }

const (
	referencePrefix = "FV-"
	referenceDigits = 8
	// referenceCodes is 31^8, how many references there are.
	referenceCodes  = 852_891_037_441
	feistelHalfBits = 20
	feistelHalfMask = 1<<feistelHalfBits - 1
	feistelRounds   = 8
	referenceKeyLen = 16 // AES-128
)

func newReferenceCodec(key []byte) (*referenceCodec, error) {
	if len(key) != referenceKeyLen {
		return nil, fmt.Errorf("the reference key is %d bytes, want %d", len(key), referenceKeyLen)
	}
	block, err := aes.NewCipher(key)
	if err != nil {
		return nil, err
	}
	return &referenceCodec{block: block}, nil
}

// round is the Feistel round function: 20 bits of AES of the round
// number and one half. b is a block of scratch space, passed in because
// a buffer given to the cipher through its interface escapes to the
// heap: one for each permutation rather than one for each round.
func (c *referenceCodec) round(b []byte, i int, half uint64) uint64 {
	clear(b)
	b[0] = byte(i)
	binary.BigEndian.PutUint32(b[1:], uint32(half))
	c.block.Encrypt(b, b)
	return uint64(binary.BigEndian.Uint32(b)) & feistelHalfMask
}

func (c *referenceCodec) permute(b []byte, x uint64) uint64 {
	l, r := x>>feistelHalfBits, x&feistelHalfMask
	for i := range feistelRounds {
		l, r = r, l^c.round(b, i, r)
	}
	return l<<feistelHalfBits | r
}

func (c *referenceCodec) unpermute(b []byte, x uint64) uint64 {
	l, r := x>>feistelHalfBits, x&feistelHalfMask
	for i := feistelRounds - 1; i >= 0; i-- {
		l, r = r^c.round(b, i, l), l
	}
	return l<<feistelHalfBits | r
}

// Encode returns the reference of response id, which must be positive
// and below referenceCodes.
func (c *referenceCodec) Encode(id int64) string {
	if id <= 0 || id >= referenceCodes {
		panic(fmt.Sprintf("response id %d has no reference", id))
	}
	scratch := make([]byte, aes.BlockSize)
	v := c.permute(scratch, uint64(id))
	for v >= referenceCodes {
		v = c.permute(scratch, v)
	}
	var b [len(referencePrefix) + referenceDigits + 1]byte
	copy(b[:], referencePrefix)
	for i := len(b) - 1; i >= len(referencePrefix); i-- {
		if i == len(referencePrefix)+referenceDigits/2 {
			b[i] = '-'
			continue
		}
		b[i] = referenceAlphabet[v%uint64(len(referenceAlphabet))]
		v /= uint64(len(referenceAlphabet))
	}
	return string(b[:])
}

// Decode returns the response id that ref is the reference of, and false
// if ref is not written as a reference. The id may belong to no response.
func (c *referenceCodec) Decode(ref string) (int64, bool) {
	digits, ok := strings.CutPrefix(ref, referencePrefix)
	if !ok || len(digits) != referenceDigits+1 || digits[referenceDigits/2] != '-' {
		return 0, false
	}
	var v uint64
	for i := range len(digits) {
		if i == referenceDigits/2 {
			continue
		}
		d := strings.IndexByte(referenceAlphabet, digits[i])
		if d < 0 {
			return 0, false
		}
		v = v*uint64(len(referenceAlphabet)) + uint64(d)
	}
	scratch := make([]byte, aes.BlockSize)
	v = c.unpermute(scratch, v)
	for v >= referenceCodes {
		v = c.unpermute(scratch, v)
	}
	return int64(v), v > 0
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
