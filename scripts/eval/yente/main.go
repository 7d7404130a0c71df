// Command yente converts the public evaluation sets taken from
// OpenSanctions' yente (the UN positives and the synthetic negatives in
// ../shared/eval-public/) into one labels file for "payscreen eval".
//
// Usage:
//
//	go run ./scripts/eval/yente [-in DIR] [-un FILE] [-out FILE]
//
// Every row becomes a person payee with the file's full name, date of
// birth and nationality (as an ISO 3166-1 code), labelled:
//
//   - positives_un_untreated.csv (category un_untreated) and
//     positives_un_treated.csv (un_treated): people on the UN list, as
//     listed and lightly corrupted. The files carry no UN reference
//     number, so each row is joined to the UN list (-un) by its untreated
//     name: the entry one of whose names is that name, once upper-cased
//     with punctuation and spacing folded (a treated row is the untreated
//     row of the same position, corrupted). Rows joined to exactly one
//     entry get source "un" and that entry's reference number as
//     entity_id, and expect block when they give a date of birth or a
//     nationality (what corroborates a name), else review. Rows whose
//     name is on no entry of that list, or on several, are left out and
//     counted on standard error: a person no longer listed must not be
//     counted as a missed match.
//   - negatives_global.csv (neg_global) and negatives_us.csv (neg_us):
//     synthetic people on no list, expect clear.
//
// The ids are "<category>-<row number>".
package main

import (
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/payscreen/payscreen/lists"
)

func main() {
	in := flag.String("in", "../shared/eval-public", "`directory` of the public evaluation sets")
	un := flag.String("un", "../shared/lists/un/2026-02/consolidated.xml", "UN consolidated list `file` to join the positives to")
	out := flag.String("out", "-", "labels `file` to write (- for standard output)")
	flag.Parse()
	if err := run(*in, *un, *out); err != nil {
		fmt.Fprintln(os.Stderr, "yente:", err)
		os.Exit(1)
	}
}

// header is the labels file's header.
var header = []string{"id", "name", "type", "dob", "country", "expect", "source", "entity_id", "category"}

func run(in, unPath, out string) error {
	l, err := loadUN(unPath)
	if err != nil {
		return err
	}
	byKey := map[string][]*lists.Entity{} // name key -> entries
	for i := range l.Entities {
		e := &l.Entities[i]
		seen := map[string]bool{}
		for _, n := range e.Names {
			k := nameKey(n.Full)
			if k != "" && !seen[k] {
				seen[k] = true
				byKey[k] = append(byKey[k], e)
			}
		}
	}
	var w io.Writer = os.Stdout
	if out != "-" {
		f, err := os.Create(out)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}

	untreated, err := readSet(filepath.Join(in, "positives_un_untreated.csv"))
	if err != nil {
		return err
	}
	treated, err := readSet(filepath.Join(in, "positives_un_treated.csv"))
	if err != nil {
		return err
	}
	if len(untreated) != len(treated) {
		return fmt.Errorf("positives: %d untreated rows but %d treated", len(untreated), len(treated))
	}
	refs := make([]string, len(untreated))
	unknown, ambiguous := 0, 0
	for i, r := range untreated {
		es := byKey[nameKey(r.name)]
		if len(es) > 1 {
			es = sameBirthYear(es, r.dob)
		}
		switch len(es) {
		case 0:
			unknown++
			fmt.Fprintf(os.Stderr, "positives row %d: untreated name on no entry\n", i+1)
		case 1:
			refs[i] = es[0].ID
		default:
			ambiguous++
			fmt.Fprintf(os.Stderr, "positives row %d: untreated name on %d entries\n", i+1, len(es))
		}
	}
	for _, set := range []struct {
		category string
		rows     []person
	}{{"un_untreated", untreated}, {"un_treated", treated}} {
		n := 0
		for i, r := range set.rows {
			if refs[i] == "" {
				continue
			}
			expect := "review"
			if r.dob != "" || r.country != "" {
				expect = "block"
			}
			n++
			if err := cw.Write([]string{fmt.Sprintf("%s-%04d", set.category, i+1), r.name, "person", r.dob, r.country, expect, "un", refs[i], set.category}); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "%s: %d rows written\n", set.category, n)
	}
	fmt.Fprintf(os.Stderr, "positives left out: %d whose untreated name is on no entry of %s, %d on several\n", unknown, filepath.Base(unPath), ambiguous)

	for _, set := range []struct{ category, file string }{{"neg_global", "negatives_global.csv"}, {"neg_us", "negatives_us.csv"}} {
		rows, err := readSet(filepath.Join(in, set.file))
		if err != nil {
			return err
		}
		for i, r := range rows {
			if err := cw.Write([]string{fmt.Sprintf("%s-%04d", set.category, i+1), r.name, "person", r.dob, r.country, "clear", "", "", set.category}); err != nil {
				return err
			}
		}
		fmt.Fprintf(os.Stderr, "%s: %d rows written (%d nationalities not mapped to a country code, left empty)\n", set.category, len(rows), unmapped[set.file])
	}
	cw.Flush()
	return cw.Error()
}

// sameBirthYear keeps the entries with a listed date of birth in the year
// of dob (YYYY, YYYY-MM or YYYY-MM-DD).
func sameBirthYear(es []*lists.Entity, dob string) []*lists.Entity {
	d, err := lists.ParseISODate(dob)
	if err != nil {
		return es
	}
	var out []*lists.Entity
	for _, e := range es {
		for _, b := range e.BirthDates {
			if b.From.Year <= d.Year && d.Year <= max(b.From.Year, b.To.Year) {
				out = append(out, e)
				break
			}
		}
	}
	return out
}

func loadUN(path string) (*lists.List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return lists.ParseUNXML(lists.File{Name: filepath.Base(path), R: f})
}

// person is one row of a yente fixture.
type person struct {
	name, dob, country string
}

// unmapped counts, per file, the nationalities that map to no code.
var unmapped = map[string]int{}

// readSet reads a yente fixture: full_name, date_of_birth and nationality
// (an ISO code or a country name).
func readSet(path string) ([]person, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range []string{"full_name", "date_of_birth", "nationality"} {
		if _, ok := col[c]; !ok {
			return nil, fmt.Errorf("%s: no %s column", path, c)
		}
	}
	var out []person
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("%s: %w", path, err)
		}
		p := person{name: strings.TrimSpace(rec[col["full_name"]]), dob: strings.TrimSpace(rec[col["date_of_birth"]])}
		if nat := strings.TrimSpace(rec[col["nationality"]]); nat != "" {
			if code, ok := lists.CountryCode(strings.ToUpper(nat)); ok {
				p.country = code
			} else {
				unmapped[filepath.Base(path)]++
			}
		}
		out = append(out, p)
	}
}

// nameKey folds case, punctuation and spacing: "SALEK, Abdul-Hai" and
// "SALEK ABDUL HAI" get the same key.
func nameKey(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToUpper(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) {
			if space && b.Len() > 0 {
				b.WriteByte(' ')
			}
			space = false
			b.WriteRune(r)
			continue
		}
		space = true
	}
	return b.String()
}
