package server

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
)

// APIKeys are the accepted API keys, held as sha256 digests. It is safe
// for concurrent use.
type APIKeys struct {
	digests [][sha256.Size]byte
	labels  []string
}

// ErrNoKeys is returned for a key file that holds no key: an empty file
// must not open the service.
var ErrNoKeys = errors.New("no API key")

// ParseAPIKeys reads a file of hashed API keys: one key per line, as the
// lower- or upper-case hex sha256 of the key (optionally prefixed
// "sha256:"), optionally followed by a space and a label naming the key's
// holder (logged on each request, never the key). Blank lines and lines
// starting with # are skipped. name is used in errors.
//
// Make a line with: printf %s "$KEY" | sha256sum | cut -d' ' -f1
func ParseAPIKeys(r io.Reader, name string) (*APIKeys, error) {
	k := &APIKeys{}
	sc := bufio.NewScanner(r)
	line := 0
	for sc.Scan() {
		line++
		text := strings.TrimSpace(sc.Text())
		if text == "" || strings.HasPrefix(text, "#") {
			continue
		}
		hexPart, label, _ := strings.Cut(text, " ")
		hexPart = strings.TrimPrefix(strings.ToLower(hexPart), "sha256:")
		b, err := hex.DecodeString(hexPart)
		if err != nil || len(b) != sha256.Size {
			return nil, fmt.Errorf("%s:%d: not a sha256 digest in hex (64 hex digits): store the key's sha256, not the key", name, line)
		}
		var d [sha256.Size]byte
		copy(d[:], b)
		k.digests = append(k.digests, d)
		label = strings.TrimSpace(label)
		if label == "" {
			label = fmt.Sprintf("line %d", line)
		}
		k.labels = append(k.labels, label)
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if len(k.digests) == 0 {
		return nil, fmt.Errorf("%s: %w", name, ErrNoKeys)
	}
	return k, nil
}

// LoadAPIKeys reads the key file at path; see [ParseAPIKeys].
func LoadAPIKeys(path string) (*APIKeys, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ParseAPIKeys(f, path)
}

// Len returns the number of keys.
func (k *APIKeys) Len() int { return len(k.digests) }

// Check reports whether key is one of the accepted keys, and its label.
// It compares the key's digest with every digest in constant time, going
// through all of them whatever matches.
func (k *APIKeys) Check(key string) (string, bool) {
	if key == "" {
		return "", false
	}
	d := sha256.Sum256([]byte(key))
	found := -1
	for i := range k.digests {
		if subtle.ConstantTimeCompare(d[:], k.digests[i][:]) == 1 {
			found = i
		}
	}
	if found < 0 {
		return "", false
	}
	return k.labels[found], true
}
