// Package static holds the assets embedded in the FamilyVoice binary:
// the stylesheet and the HTML templates.
package static

import (
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"io/fs"
)

//go:embed css templates
var files embed.FS

// Templates returns the HTML templates, rooted at templates/.
func Templates() fs.FS {
	sub, err := fs.Sub(files, "templates")
	if err != nil {
		panic(err) // the directory is embedded above
	}
	return sub
}

// Asset is an embedded file served under a name that carries a hash of
// its content, so browsers can cache it for a year and still get a new
// copy the moment it changes.
type Asset struct {
	Name        string // e.g. site.3f2a9c1b.css
	ContentType string
	Body        []byte
}

// Stylesheet returns the one stylesheet every page uses.
func Stylesheet() Asset {
	body, err := files.ReadFile("css/site.css")
	if err != nil {
		panic(err)
	}
	sum := sha256.Sum256(body)
	return Asset{
		Name:        "site." + hex.EncodeToString(sum[:4]) + ".css",
		ContentType: "text/css; charset=utf-8",
		Body:        body,
	}
}
