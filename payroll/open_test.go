package payroll

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"testing"
)

func TestFormatOf(t *testing.T) {
	tests := []struct {
		path   string
		want   Format
		reason string
	}{
		{"pay.csv", CSV, "CSV by extension"},
		{"pay.JSONL", JSONL, "extensions are case-insensitive"},
		{"pay.ndjson", JSONL, "newline-delimited JSON is JSON Lines"},
		{"pay.json", JSONL, "one object a line"},
		{"stdin", CSV, "no extension: CSV"},
	}
	for _, tt := range tests {
		if got := FormatOf(tt.path); got != tt.want {
			t.Errorf("FormatOf(%q) = %s, want %s (%s)", tt.path, got, tt.want, tt.reason)
		}
	}
	if _, err := ParseFormat("xml"); err == nil {
		t.Error("ParseFormat(xml): want an error")
	}
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	jsonl := filepath.Join(dir, "p.jsonl")
	if err := os.WriteFile(jsonl, []byte(`{"id":"J1","name":"Ri Won Ho"}`+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r, err := Open(jsonl, FormatAuto)
	if err != nil {
		t.Fatal(err)
	}
	row, err := r.Read()
	if err != nil || row.Payee.ID != "J1" {
		t.Fatalf("first row %+v, %v: want J1 read as JSON Lines by extension", row, err)
	}
	if _, err := r.Read(); !errors.Is(err, io.EOF) {
		t.Errorf("after the last row: %v, want io.EOF", err)
	}
	if r.BytesRead() == 0 {
		t.Error("BytesRead: want the bytes read so far")
	}
	if err := r.Close(); err != nil {
		t.Error(err)
	}
	if _, err := Open(jsonl, CSV); err == nil {
		t.Error("a JSON Lines file read as CSV: want a header error")
	}
	if _, err := Open(filepath.Join(dir, "none.csv"), FormatAuto); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: %v, want fs.ErrNotExist", err)
	}
}

func TestReadPayees(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "p.csv")
	bad := filepath.Join(dir, "bad.csv")
	os.WriteFile(good, []byte("id,name\nE1,Anna Schmidt\nE2,Ri Won Ho\n"), 0o644)
	os.WriteFile(bad, []byte("id,name,type\nE1,Anna Schmidt,robot\n"), 0o644)
	ps, err := ReadPayees(good, FormatAuto)
	if err != nil || len(ps) != 2 || ps[1].ID != "E2" {
		t.Errorf("ReadPayees: %+v, %v; want E1 and E2 in order", ps, err)
	}
	var re *RowError
	if _, err := ReadPayees(bad, FormatAuto); !errors.As(err, &re) {
		t.Errorf("a row in error: %v, want its *RowError", err)
	}
}
