package lists

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/hex"
	"fmt"
)

//go:embed sample/sdn.csv sample/alt.csv sample/add.csv sample/sdn_comments.csv sample/consolidated.xml
var sampleFS embed.FS

// Sample returns the small sample lists built into payscreen: a few
// entries of the OFAC SDN list (legacy CSV) and of the UN consolidated list
// (XML), transcribed unaltered from the official publications. Every list
// is marked Sample. They are for demonstrations and tests only: never
// screen real payments against them.
func Sample() (*Set, error) {
	read := func(name string) ([]byte, FileInfo, error) {
		b, err := sampleFS.ReadFile("sample/" + name)
		if err != nil {
			return nil, FileInfo{}, fmt.Errorf("lists: sample %s: %w", name, err)
		}
		h := sha256.Sum256(b)
		return b, FileInfo{Name: name, SHA256: hex.EncodeToString(h[:]), Size: int64(len(b))}, nil
	}
	var files OFACCSVFiles
	var infos []FileInfo
	for _, f := range []struct {
		name string
		dst  *File
	}{{"sdn.csv", &files.Primary}, {"alt.csv", &files.Alt}, {"add.csv", &files.Address}, {"sdn_comments.csv", &files.Comments}} {
		b, info, err := read(f.name)
		if err != nil {
			return nil, err
		}
		*f.dst = File{Name: f.name, R: bytes.NewReader(b)}
		infos = append(infos, info)
	}
	ofac, err := ParseOFACCSV(OFACSDN, files)
	if err != nil {
		return nil, fmt.Errorf("lists: sample: %w", err)
	}
	ofac.Files, ofac.Sample = infos, true
	ofac.PublishedFrom = "sample (OFAC CSV states no date; transcribed from the December 2025 publication)"

	b, info, err := read("consolidated.xml")
	if err != nil {
		return nil, err
	}
	un, err := ParseUNXML(File{Name: "consolidated.xml", R: bytes.NewReader(b)})
	if err != nil {
		return nil, fmt.Errorf("lists: sample: %w", err)
	}
	un.Files, un.Sample = []FileInfo{info}, true
	return &Set{Lists: []*List{ofac, un}}, nil
}
