package sqlite

import (
	"bytes"
	"regexp"
	"testing"
)

func testCodec(t *testing.T, seed byte) *referenceCodec {
	t.Helper()
	c, err := newReferenceCodec(bytes.Repeat([]byte{seed}, referenceKeyLen))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestReferenceCodecRoundTrips(t *testing.T) {
	c := testCodec(t, 7)
	format := regexp.MustCompile(`^FV-[` + referenceAlphabet + `]{4}-[` + referenceAlphabet + `]{4}$`)
	seen := map[string]int64{}
	check := func(id int64) {
		ref := c.Encode(id)
		if !format.MatchString(ref) {
			t.Fatalf("Encode(%d) = %q, want FV-XXXX-XXXX from the reference alphabet", id, ref)
		}
		if other, ok := seen[ref]; ok {
			t.Fatalf("ids %d and %d share reference %s", other, id, ref)
		}
		seen[ref] = id
		if got, ok := c.Decode(ref); !ok || got != id {
			t.Fatalf("Decode(Encode(%d) = %s) = %d, %v; want %d", id, ref, got, ok, id)
		}
	}
	for id := int64(1); id <= 50_000; id++ {
		check(id)
	}
	for _, id := range []int64{referenceCodes / 2, referenceCodes - 2, referenceCodes - 1, 1 << 32} {
		check(id)
	}
}

func TestReferencesLookRandom(t *testing.T) {
	// Consecutive ids must not give references in order or close
	// together, and another key must give other references.
	c, other := testCodec(t, 1), testCodec(t, 2)
	const n = 1000
	ascending, same, sharedPrefix := 0, 0, 0
	prev := c.Encode(1)
	for id := int64(2); id <= n; id++ {
		ref := c.Encode(id)
		if ref > prev {
			ascending++
		}
		if ref[:7] == prev[:7] {
			sharedPrefix++
		}
		if other.Encode(id) == ref {
			same++
		}
		prev = ref
	}
	if ascending < n*4/10 || ascending > n*6/10 {
		t.Errorf("%d of %d consecutive references ascend, want about half", ascending, n-1)
	}
	if sharedPrefix > 5 {
		t.Errorf("%d consecutive references share their first four characters, want almost none", sharedPrefix)
	}
	if same > 0 {
		t.Errorf("%d ids have the same reference under two keys, want none", same)
	}
}

func TestReferenceDecodeRefusesWhatIsNotAReference(t *testing.T) {
	c := testCodec(t, 3)
	valid := c.Encode(42)
	for _, ref := range []string{
		"",
		"FV-",
		valid[:len(valid)-1],
		valid + "2",
		"fv" + valid[2:],
		"XX" + valid[2:],
		valid[:7] + "_" + valid[8:],
		valid[:3] + "0" + valid[4:],  // 0 is not in the alphabet
		valid[:3] + "ab" + valid[5:], // nor are lower-case letters
		"FV-ÄBCD-EFGH",
	} {
		if id, ok := c.Decode(ref); ok {
			t.Errorf("Decode(%q) = %d, true; want it refused", ref, id)
		}
	}
}

func TestReferenceCodecNeedsAFullKey(t *testing.T) {
	for _, n := range []int{0, 15, 17, 32} {
		if _, err := newReferenceCodec(make([]byte, n)); err == nil {
			t.Errorf("newReferenceCodec with a %d-byte key: no error, want one", n)
		}
	}
}

func BenchmarkReferenceEncode(b *testing.B) {
	c, err := newReferenceCodec(make([]byte, referenceKeyLen))
	if err != nil {
		b.Fatal(err)
	}
	for i := range b.N {
		c.Encode(int64(i%1_000_000) + 1)
	}
}
