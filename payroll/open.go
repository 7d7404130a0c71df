package payroll

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	"github.com/payscreen/payscreen/screening"
)

// Format is the format of a payroll file.
type Format uint8

// Formats. FormatAuto chooses by the file's extension ([FormatOf]).
const (
	FormatAuto Format = iota
	CSV               // CSV with a header line ([NewCSVReader])
	JSONL             // JSON Lines ([NewJSONLReader])
)

// String returns "auto", "csv" or "jsonl".
func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case JSONL:
		return "jsonl"
	}
	return "auto"
}

// ParseFormat parses "csv" or "jsonl" (case-insensitive); "" is
// FormatAuto.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "":
		return FormatAuto, nil
	case "csv":
		return CSV, nil
	case "jsonl":
		return JSONL, nil
	}
	return FormatAuto, fmt.Errorf("payroll: unknown format %q (want csv or jsonl)", s)
}

// FormatOf returns the format of a file by its extension: JSONL for
// .jsonl, .ndjson and .json, CSV for anything else (standard input too).
func FormatOf(path string) Format {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".jsonl", ".ndjson", ".json":
		return JSONL
	}
	return CSV
}

// Resolve returns f, or the format of path by its extension when f is
// FormatAuto.
func (f Format) Resolve(path string) Format {
	if f == FormatAuto {
		return FormatOf(path)
	}
	return f
}

// NewReader returns the row reader of r in format (FormatAuto: CSV);
// name names the input in errors. A CSV header is read at once: a bad
// header is an error here.
func NewReader(r io.Reader, name string, format Format) (screening.RowReader, error) {
	if format == JSONL {
		return NewJSONLReader(r, name), nil
	}
	return NewCSVReader(r, name)
}

// Reader reads the rows of a payroll file; Close closes the file.
type Reader struct {
	screening.RowReader
	in    io.ReadCloser
	count countingReader
}

// Open opens the payroll file path in format (FormatAuto: by the file's
// extension); errors name the file by path.
func Open(path string, format Format) (*Reader, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	return OpenReader(f, path, format.Resolve(path))
}

// OpenReader reads the rows of in (standard input, a spooled copy)
// in format, named name in errors; on an error it closes in.
func OpenReader(in io.ReadCloser, name string, format Format) (*Reader, error) {
	r := &Reader{in: in}
	r.count.r = in
	rows, err := NewReader(&r.count, name, format.Resolve(name))
	if err != nil {
		in.Close()
		return nil, err
	}
	r.RowReader = rows
	return r, nil
}

// BytesRead returns how many bytes of the file have been read so far (the
// readers buffer ahead of the rows returned), for progress reports. It is
// safe to call from another goroutine.
func (r *Reader) BytesRead() int64 { return r.count.n.Load() }

// Close closes the file.
func (r *Reader) Close() error { return r.in.Close() }

type countingReader struct {
	r io.Reader
	n atomic.Int64
}

func (c *countingReader) Read(p []byte) (int, error) {
	n, err := c.r.Read(p)
	c.n.Add(int64(n))
	return n, err
}

// ReadPayees reads every row of the payroll file path (in format, as
// [Open]) and returns its payees, for tools that hold a whole file; the
// first row that cannot be read is an error.
func ReadPayees(path string, format Format) ([]screening.Payee, error) {
	r, err := Open(path, format)
	if err != nil {
		return nil, err
	}
	defer r.Close()
	var out []screening.Payee
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err == nil {
			err = row.Err
		}
		if err != nil {
			return nil, err
		}
		out = append(out, row.Payee)
	}
}
