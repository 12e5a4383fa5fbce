package staff

import (
	"strings"
	"testing"
)

func TestPasswordHashing(t *testing.T) {
	h := HashPassword("correct horse battery")
	if !strings.HasPrefix(h, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("hash = %q, want an argon2id PHC string with its parameters", h)
	}
	if !VerifyPassword(h, "correct horse battery") {
		t.Errorf("the right password does not verify")
	}
	if VerifyPassword(h, "correct horse battery!") {
		t.Errorf("a wrong password verifies")
	}
	if HashPassword("correct horse battery") == h {
		t.Errorf("two hashes of one password are equal: the salt is not random")
	}
	for _, bad := range []string{"", "plain", "$argon2id$v=19$m=0,t=2,p=1$aa$bb", "$bcrypt$x"} {
		if VerifyPassword(bad, "x") {
			t.Errorf("VerifyPassword(%q) = true", bad)
		}
	}
}

func TestDummyHashIsAWellFormedCurrentHash(t *testing.T) {
	// A login with an unknown email verifies against dummyHash, so it
	// must carry the current parameters and a salt and key of full size:
	// otherwise it would be refused before argon2 ran, much faster than
	// a real account's wrong password.
	h := HashPassword("x")
	parts, dummy := strings.Split(h, "$"), strings.Split(dummyHash, "$")
	if len(dummy) != len(parts) || strings.Join(dummy[:4], "$") != strings.Join(parts[:4], "$") {
		t.Fatalf("dummyHash = %q, want the parameters of %q", dummyHash, h)
	}
	for i, part := range []string{"salt", "key"} {
		if got, want := len(dummy[4+i]), len(parts[4+i]); got != want {
			t.Errorf("dummyHash's %s is %d characters, want %d", part, got, want)
		}
	}
	if VerifyPassword(dummyHash, "") || VerifyPassword(dummyHash, "x") {
		t.Errorf("a password verifies against dummyHash")
	}
}

func TestCheckPassword(t *testing.T) {
	tests := []struct {
		password string
		ok       bool
	}{
		{"short", false},
		{"elevenchars", false},
		{"password1234", false},
		{"Password1234", false}, // common lists are matched without case
		{"aaaaaaaaaaaa", false},
		{"abcabcabcabc", false},
		{"tea kettle river", true},
		{"ŝŝŝŝŝ ŝŝŝŝŝŝ", true}, // twelve characters, counted as runes
		{strings.Repeat("x", MaxPasswordLen+1), false},
	}
	for _, tt := range tests {
		t.Run(tt.password, func(t *testing.T) {
			if err := CheckPassword(tt.password); (err == nil) != tt.ok {
				t.Errorf("CheckPassword(%q) = %v, want ok %v", tt.password, err, tt.ok)
			}
		})
	}
}

func TestNormalizeEmail(t *testing.T) {
	tests := []struct{ in, want string }{
		{" Chair@Forum.ORG ", "chair@forum.org"},
		{"admin@localhost", "admin@localhost"},
		{"no-at-sign", ""},
		{"Name <x@y.org>", ""},
		{"x@nodot", ""},
		{"", ""},
	}
	for _, tt := range tests {
		got, err := NormalizeEmail(tt.in)
		if tt.want == "" && err == nil {
			t.Errorf("NormalizeEmail(%q) = %q, want an error", tt.in, got)
		}
		if tt.want != "" && (err != nil || got != tt.want) {
			t.Errorf("NormalizeEmail(%q) = %q, %v; want %q", tt.in, got, err, tt.want)
		}
	}
}

func TestRoles(t *testing.T) {
	if r, err := ParseRole(" Leader "); err != nil || r != Leader {
		t.Errorf("ParseRole = %q, %v", r, err)
	}
	if _, err := ParseRole("boss"); err == nil {
		t.Errorf("ParseRole(boss) accepted")
	}
	admin := &User{Roles: []Role{Admin}}
	designer := &User{Roles: []Role{Designer}}
	if !admin.Has(Leader) || !admin.CanDesign() || !designer.CanDesign() || designer.CanLead() || designer.IsAdmin() {
		t.Errorf("role checks wrong: admin %v, designer %v", admin.Roles, designer.Roles)
	}
}

func TestGeneratePassword(t *testing.T) {
	p := GeneratePassword()
	if len(p) != 20 || CheckPassword(p) != nil || strings.ContainsAny(p, "0O1lI") {
		t.Errorf("GeneratePassword() = %q", p)
	}
	if GeneratePassword() == p {
		t.Errorf("two generated passwords are equal")
	}
}
