// Package staff is who runs surveys: forum staff accounts, their roles
// and their passwords. Families never have accounts.
package staff

import (
	"crypto/rand"
	"crypto/subtle"
	_ "embed"
	"encoding/base64"
	"fmt"
	"net/mail"
	"slices"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/survey"
	"golang.org/x/crypto/argon2"
)

// Role is what a staff member may do. A user may hold several.
type Role string

// The three roles.
const (
	// Admin may do everything, including managing users and reading the
	// audit log.
	Admin Role = "admin"
	// Designer creates, edits, previews, publishes and closes surveys and
	// sees response counts, but not what families wrote.
	Designer Role = "designer"
	// Leader reads summaries, comments and reports, and exports them.
	Leader Role = "leader"
)

// Roles lists every role.
var Roles = []Role{Admin, Designer, Leader}

// ParseRole returns the role named s.
func ParseRole(s string) (Role, error) {
	r := Role(strings.ToLower(strings.TrimSpace(s)))
	if !slices.Contains(Roles, r) {
		return "", survey.Errorf(survey.EInvalid, "%q is not a role (use admin, designer or leader)", s)
	}
	return r, nil
}

// User is a staff account.
type User struct {
	ID           int64
	Email        string
	Roles        []Role
	PasswordHash string
	Disabled     bool
	CreatedAt    time.Time
	LastLoginAt  time.Time
}

// Has reports whether the user holds any of the roles. Admins hold every
// permission.
func (u *User) Has(roles ...Role) bool {
	if slices.Contains(u.Roles, Admin) {
		return true
	}
	for _, r := range roles {
		if slices.Contains(u.Roles, r) {
			return true
		}
	}
	return false
}

// RoleNames returns the roles as a comma-separated list.
func (u *User) RoleNames() string {
	names := make([]string, len(u.Roles))
	for i, r := range u.Roles {
		names[i] = string(r)
	}
	return strings.Join(names, ", ")
}

// NormalizeEmail lower-cases and trims an email address and checks it is
// one, so the same person cannot have two accounts by changing case.
func NormalizeEmail(s string) (string, error) {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == "" {
		return "", survey.Errorf(survey.EInvalid, "enter an email address")
	}
	a, err := mail.ParseAddress(s)
	if err != nil || a.Address != s || !strings.Contains(s[strings.LastIndex(s, "@")+1:], ".") && !strings.HasSuffix(s, "@localhost") {
		return "", survey.Errorf(survey.EInvalid, "%q is not an email address like name@example.org", s)
	}
	if len(s) > 254 {
		return "", survey.Errorf(survey.EInvalid, "the email address is too long")
	}
	return s, nil
}

// Password rules.
const (
	MinPasswordLen = 12
	MaxPasswordLen = 256 // hashing cost stays bounded
)

//go:embed common-passwords.txt
var commonPasswordList string

var commonPasswords = func() map[string]bool {
	m := map[string]bool{}
	for _, l := range strings.Split(commonPasswordList, "\n") {
		if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
			m[strings.ToLower(l)] = true
		}
	}
	return m
}()

// CheckPassword says what is wrong with a new password, or returns nil.
func CheckPassword(p string) error {
	n := utf8.RuneCountInString(p)
	switch {
	case n < MinPasswordLen:
		return survey.Errorf(survey.EInvalid, "the password must be at least %d characters", MinPasswordLen)
	case n > MaxPasswordLen:
		return survey.Errorf(survey.EInvalid, "the password must be at most %d characters", MaxPasswordLen)
	case commonPasswords[strings.ToLower(p)] || repetitive(p):
		return survey.Errorf(survey.EInvalid, "that password is too common: choose another, such as three random words")
	}
	return nil
}

// repetitive catches passwords made of one short pattern repeated, like
// "aaaaaaaaaaaa" or "abcabcabcabc", which no list can enumerate.
func repetitive(p string) bool {
	for size := 1; size <= 4 && size < len(p); size++ {
		if strings.Repeat(p[:size], len(p)/size+1)[:len(p)] == p {
			return true
		}
	}
	return false
}

// argon2id parameters (OWASP's recommended minimum). They are stored with
// each hash, so they can be raised later without breaking old hashes.
const (
	argonTime    = 2
	argonMemory  = 19 * 1024
	argonThreads = 1
	argonKeyLen  = 32
)

// HashPassword hashes p with argon2id and a random salt, in the PHC
// string format: $argon2id$v=19$m=19456,t=2,p=1$salt$hash.
func HashPassword(p string) string {
	salt := make([]byte, 16)
	if _, err := rand.Read(salt); err != nil {
		panic("crypto/rand failed: " + err.Error())
	}
	return formatHash(salt, argon2.IDKey([]byte(p), salt, argonTime, argonMemory, argonThreads, argonKeyLen))
}

func formatHash(salt, key []byte) string {
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s", argon2.Version, argonMemory, argonTime, argonThreads,
		base64.RawStdEncoding.EncodeToString(salt), base64.RawStdEncoding.EncodeToString(key))
}

// VerifyPassword reports whether p matches the hash, in constant time.
func VerifyPassword(hash, p string) bool {
	parts := strings.Split(hash, "$")
	if len(parts) != 6 || parts[1] != "argon2id" {
		return false
	}
	var version int
	var m uint32
	var t uint32
	var threads uint8
	if _, err := fmt.Sscanf(parts[2], "v=%d", &version); err != nil || version != argon2.Version {
		return false
	}
	if _, err := fmt.Sscanf(parts[3], "m=%d,t=%d,p=%d", &m, &t, &threads); err != nil || m == 0 || t == 0 || threads == 0 {
		return false
	}
	salt, err := base64.RawStdEncoding.DecodeString(parts[4])
	if err != nil {
		return false
	}
	want, err := base64.RawStdEncoding.DecodeString(parts[5])
	if err != nil || len(want) == 0 {
		return false
	}
	got := argon2.IDKey([]byte(p), salt, t, m, threads, uint32(len(want)))
	return subtle.ConstantTimeCompare(got, want) == 1
}

// dummyHash is verified against when an email is unknown, so a failed
// login takes as long whether or not the account exists. It matches no
// password, and verifying against it costs what verifying any current
// hash does; it is written out rather than hashed, because hashing at
// start-up took 80 ms and 19 MB of memory that every start then carried.
var dummyHash = formatHash(make([]byte, 16), make([]byte, argonKeyLen))

// WasteTime spends as long as verifying a password.
func WasteTime(p string) { VerifyPassword(dummyHash, p) }

// GeneratePassword returns a random password for a first admin account:
// 20 characters from an unambiguous alphabet (about 100 bits).
func GeneratePassword() string {
	const alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKMNPQRSTUVWXYZ23456789"
	b := make([]byte, 20)
	buf := make([]byte, 1)
	for i := 0; i < len(b); {
		if _, err := rand.Read(buf); err != nil {
			panic("crypto/rand failed: " + err.Error())
		}
		if int(buf[0]) < 256-256%len(alphabet) {
			b[i] = alphabet[int(buf[0])%len(alphabet)]
			i++
		}
	}
	return string(b)
}

// IsAdmin, CanDesign and CanLead say what the user's roles allow; pages
// use them to show only the links a user can follow.
func (u *User) IsAdmin() bool   { return u.Has(Admin) }
func (u *User) CanDesign() bool { return u.Has(Designer) }
func (u *User) CanLead() bool   { return u.Has(Leader) }
