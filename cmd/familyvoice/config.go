package main

import (
	"fmt"
	"net"
	"strconv"
	"time"
)

// Config is everything the server can be told, from flags with
// FAMILYVOICE_* environment variables as fallback.
type Config struct {
	DB     string // FAMILYVOICE_DB
	Addr   string // FAMILYVOICE_ADDR
	NoDemo bool   // FAMILYVOICE_NO_DEMO
	// DraftTTL is how long saved answers are kept without being touched
	// (FAMILYVOICE_DRAFT_TTL, a Go duration such as 720h).
	DraftTTL time.Duration
	// SecureCookies forces the Secure flag on cookies even when requests
	// arrive over plain HTTP, as behind a TLS-terminating proxy
	// (FAMILYVOICE_SECURE_COOKIES). Cookies on HTTPS requests are always
	// Secure.
	SecureCookies bool
	// SessionIdle signs staff out after this long without a request
	// (FAMILYVOICE_SESSION_IDLE).
	SessionIdle time.Duration
	// AdminEmail and AdminPassword set the first admin account created on
	// a database with no users (FAMILYVOICE_ADMIN_EMAIL and
	// FAMILYVOICE_ADMIN_PASSWORD); without them an email is assumed and a
	// password generated and printed once.
	AdminEmail    string
	AdminPassword string
	// Taxonomy is a forum's own taxonomy file (JSON, the shape of
	// analysis/taxonomy.json) used in place of the built-in SEND one
	// (FAMILYVOICE_TAXONOMY).
	Taxonomy string
}

// DefaultConfig returns the configuration used when nothing is set.
func DefaultConfig() Config {
	return Config{
		DB:          "familyvoice.db",
		Addr:        "127.0.0.1:8080",
		DraftTTL:    30 * 24 * time.Hour,
		SessionIdle: 12 * time.Hour,
		AdminEmail:  "admin@familyvoice.local",
	}
}

// fromEnv overrides defaults with FAMILYVOICE_* variables.
func (c *Config) fromEnv(getenv func(string) string) error {
	if v := getenv("FAMILYVOICE_DB"); v != "" {
		c.DB = v
	}
	if v := getenv("FAMILYVOICE_ADDR"); v != "" {
		c.Addr = v
	}
	for name, dst := range map[string]*bool{"FAMILYVOICE_NO_DEMO": &c.NoDemo, "FAMILYVOICE_SECURE_COOKIES": &c.SecureCookies} {
		if v := getenv(name); v != "" {
			b, err := strconv.ParseBool(v)
			if err != nil {
				return fmt.Errorf("%s: %q is not true or false", name, v)
			}
			*dst = b
		}
	}
	for name, dst := range map[string]*time.Duration{"FAMILYVOICE_DRAFT_TTL": &c.DraftTTL, "FAMILYVOICE_SESSION_IDLE": &c.SessionIdle} {
		if v := getenv(name); v != "" {
			d, err := time.ParseDuration(v)
			if err != nil {
				return fmt.Errorf("%s: %q is not a duration such as 12h", name, v)
			}
			*dst = d
		}
	}
	if v := getenv("FAMILYVOICE_ADMIN_EMAIL"); v != "" {
		c.AdminEmail = v
	}
	c.AdminPassword = getenv("FAMILYVOICE_ADMIN_PASSWORD")
	if v := getenv("FAMILYVOICE_TAXONOMY"); v != "" {
		c.Taxonomy = v
	}
	return nil
}

// Validate checks the configuration makes sense before anything starts.
func (c *Config) Validate() error {
	if c.DB == "" {
		return fmt.Errorf("the database path is empty")
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return fmt.Errorf("address %q: want host:port, such as 127.0.0.1:8080", c.Addr)
	}
	if c.SessionIdle < time.Minute {
		return fmt.Errorf("session idle expiry %s is too short: at least 1m", c.SessionIdle)
	}
	if c.DraftTTL < time.Hour {
		return fmt.Errorf("draft expiry %s is too short: at least 1h", c.DraftTTL)
	}
	return nil
}
