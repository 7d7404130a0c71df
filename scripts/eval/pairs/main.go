// Command pairs turns a public set of name pairs into something "payscreen
// eval" can screen: a synthetic list holding the second name of every
// pair, and a labels file screening the first name of every pair against
// it.
//
// Usage:
//
//	go run ./scripts/eval/pairs -set name_bench|cross_script [-in DIR] -out DIR
//	payscreen eval --lists DIR/list --max-age 0 --labels DIR/labels.csv
//
// Pair sets are not screen-against-the-lists sets: they say whether two
// names are the same, not whether a payee is listed. So the listed side of
// each pair becomes an entry of a synthetic list, written in the UN
// consolidated list's XML format (the only use of that format here: it is
// not a UN publication, its dateGenerated is 2000-01-01 and its reference
// numbers are "EVi.0001"/"EVe.0001"), and each pair becomes one labelled
// row naming its entry by entity_id:
//
//   - a matching pair expects review: it counts as found only if its own
//     entry matched;
//   - a non-matching pair expects clear: it counts as a false alert only
//     if its own entry matched (matches on other pairs' entries are not
//     counted), so the figures are the pairwise precision and recall, but
//     reached through the whole screening pipeline: the fuzzy index, the
//     review threshold, single-token and type rules.
//
// Sets (files of ../shared/eval-public):
//
//   - name_bench (name_bench_cases.csv, 826 pairs from OpenSanctions'
//     nomenklatura name_bench): name1 is screened against name2; the
//     schema gives the payee type (Person: person; Company, Organization,
//     LegalEntity: organization; Vessel: unknown) and whether name2 is
//     listed as an individual or an entity; category is the case group.
//   - cross_script (cross_script_pairs.csv, 22 pairs from moov-io/watchman):
//     the non-Latin name is screened against its Latin form, every pair a
//     match; category is the script, from the file's section comments. The
//     file's minimum expected scores are not used.
package main

import (
	"encoding/csv"
	"encoding/xml"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
)

func main() {
	set := flag.String("set", "", "pair `set`: name_bench or cross_script")
	in := flag.String("in", "../shared/eval-public", "`directory` of the public evaluation sets")
	out := flag.String("out", "", "`directory` to write list/consolidated.xml and labels.csv into")
	flag.Parse()
	if *out == "" || (*set != "name_bench" && *set != "cross_script") {
		flag.Usage()
		os.Exit(2)
	}
	var pairs []pair
	var err error
	if *set == "name_bench" {
		pairs, err = readNameBench(filepath.Join(*in, "name_bench_cases.csv"))
	} else {
		pairs, err = readCrossScript(filepath.Join(*in, "cross_script_pairs.csv"))
	}
	if err == nil {
		err = write(*out, pairs)
	}
	if err != nil {
		fmt.Fprintln(os.Stderr, "pairs:", err)
		os.Exit(1)
	}
}

// pair is one labelled pair: query is screened, listed is listed.
type pair struct {
	query, listed string
	person        bool   // listed as an individual (else an entity)
	payeeType     string // person, organization or "" (unknown)
	match         bool
	category      string
}

func readNameBench(path string) ([]pair, error) {
	recs, col, err := readCSV(path, "case_group", "schema", "name1", "name2", "is_match")
	if err != nil {
		return nil, err
	}
	var out []pair
	for i, r := range recs {
		p := pair{query: r[col["name1"]], listed: r[col["name2"]], category: r[col["case_group"]]}
		switch m := r[col["is_match"]]; m {
		case "true":
			p.match = true
		case "false":
		default:
			return nil, fmt.Errorf("%s: row %d: is_match %q", path, i+2, m)
		}
		switch s := r[col["schema"]]; s {
		case "Person":
			p.person, p.payeeType = true, "person"
		case "Company", "Organization", "LegalEntity":
			p.payeeType = "organization"
		case "Vessel":
		default:
			return nil, fmt.Errorf("%s: row %d: unknown schema %q", path, i+2, s)
		}
		out = append(out, p)
	}
	return out, nil
}

// readCrossScript reads "Query,Expected Match,Min Score,Description" rows
// under "# <Script> to Latin" section comments.
func readCrossScript(path string) ([]pair, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var out []pair
	script := ""
	for n, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case line == "":
		case strings.HasPrefix(line, "#"):
			if s, _, ok := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), " to Latin"); ok {
				script = strings.ToLower(strings.TrimSpace(s))
			}
		default:
			f, err := csv.NewReader(strings.NewReader(line)).Read()
			if err != nil || len(f) < 2 {
				return nil, fmt.Errorf("%s:%d: want Query,Expected Match,...", path, n+1)
			}
			if script == "" {
				return nil, fmt.Errorf("%s:%d: pair before any section comment", path, n+1)
			}
			out = append(out, pair{query: f[0], listed: f[1], person: true, payeeType: "person", match: true, category: script})
		}
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("%s: no pairs", path)
	}
	return out, nil
}

func readCSV(path string, cols ...string) ([][]string, map[string]int, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer f.Close()
	r := csv.NewReader(f)
	head, err := r.Read()
	if err != nil {
		return nil, nil, fmt.Errorf("%s: header: %w", path, err)
	}
	col := map[string]int{}
	for i, h := range head {
		col[strings.TrimSpace(h)] = i
	}
	for _, c := range cols {
		if _, ok := col[c]; !ok {
			return nil, nil, fmt.Errorf("%s: no %s column", path, c)
		}
	}
	var recs [][]string
	for {
		rec, err := r.Read()
		if errors.Is(err, io.EOF) {
			return recs, col, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", path, err)
		}
		recs = append(recs, rec)
	}
}

// write writes dir/list/consolidated.xml and dir/labels.csv.
func write(dir string, pairs []pair) error {
	if err := os.MkdirAll(filepath.Join(dir, "list"), 0o755); err != nil {
		return err
	}
	type entry struct {
		ref, name string
		person    bool
	}
	refs := map[entry]string{}
	var entries []entry
	ind, ent := 0, 0
	refOf := func(p pair) string {
		k := entry{name: p.listed, person: p.person}
		if r, ok := refs[k]; ok {
			return r
		}
		if p.person {
			ind++
			k.ref = fmt.Sprintf("EVi.%04d", ind)
		} else {
			ent++
			k.ref = fmt.Sprintf("EVe.%04d", ent)
		}
		refs[entry{name: p.listed, person: p.person}] = k.ref
		entries = append(entries, k)
		return k.ref
	}
	lf, err := os.Create(filepath.Join(dir, "labels.csv"))
	if err != nil {
		return err
	}
	defer lf.Close()
	cw := csv.NewWriter(lf)
	cw.Write([]string{"id", "name", "type", "expect", "source", "entity_id", "category"})
	pos := 0
	for i, p := range pairs {
		expect := "clear"
		if p.match {
			expect = "review"
			pos++
		}
		cw.Write([]string{fmt.Sprintf("pair-%04d", i+1), p.query, p.payeeType, expect, "un", refOf(p), p.category})
	}
	cw.Flush()
	if err := cw.Error(); err != nil {
		return err
	}

	var b strings.Builder
	esc := func(s string) string {
		var e strings.Builder
		xml.EscapeText(&e, []byte(s))
		return e.String()
	}
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<CONSOLIDATED_LIST dateGenerated="2000-01-01T00:00:00Z">` + "\n<INDIVIDUALS>\n")
	n := 0
	for _, e := range entries {
		if e.person {
			n++
			fmt.Fprintf(&b, "<INDIVIDUAL><DATAID>%d</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>%s</FIRST_NAME><UN_LIST_TYPE>EVAL</UN_LIST_TYPE><REFERENCE_NUMBER>%s</REFERENCE_NUMBER><LISTED_ON>2000-01-01</LISTED_ON></INDIVIDUAL>\n", n, esc(e.name), e.ref)
		}
	}
	b.WriteString("</INDIVIDUALS>\n<ENTITIES>\n")
	for _, e := range entries {
		if !e.person {
			n++
			fmt.Fprintf(&b, "<ENTITY><DATAID>%d</DATAID><VERSIONNUM>1</VERSIONNUM><FIRST_NAME>%s</FIRST_NAME><UN_LIST_TYPE>EVAL</UN_LIST_TYPE><REFERENCE_NUMBER>%s</REFERENCE_NUMBER><LISTED_ON>2000-01-01</LISTED_ON></ENTITY>\n", n, esc(e.name), e.ref)
		}
	}
	b.WriteString("</ENTITIES>\n</CONSOLIDATED_LIST>\n")
	if err := os.WriteFile(filepath.Join(dir, "list", "consolidated.xml"), []byte(b.String()), 0o644); err != nil {
		return err
	}
	fmt.Fprintf(os.Stderr, "%d pairs (%d matches), %d listed names: %s\n", len(pairs), pos, len(entries), dir)
	return nil
}
