// Command screen-one screens one payee against the sanctions lists and
// prints the decision with its explanation.
//
// By default it uses the small SAMPLE lists built into payscreen, which
// need no download; -lists DIR (repeatable) loads directories of official
// list files instead.
//
//	go run ./examples/screen-one -dob 1983-11-25 -country CN "Sim Hyeon Seop"
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"strings"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func main() {
	var dirs []string
	flag.Func("lists", "load the official list files of `DIR` (repeatable; default: the built-in SAMPLE lists)", func(d string) error {
		dirs = append(dirs, d)
		return nil
	})
	maxAge := flag.Duration("max-age", screening.DefaultMaxListAge, "refuse lists older than this (0: no limit)")
	dob := flag.String("dob", "", "date of birth, YYYY-MM-DD, YYYY-MM or YYYY")
	country := flag.String("country", "", "nationality or residence, ISO 3166 alpha-2")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: screen-one [-lists DIR] [-dob DATE] [-country CC] NAME")
		flag.PrintDefaults()
	}
	flag.Parse()
	name := strings.Join(flag.Args(), " ")
	if name == "" {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(context.Background(), dirs, *maxAge, screening.Payee{
		ID: "payee-1", Name: name, Type: screening.Person, DOB: *dob, Country: *country,
	}); err != nil {
		fmt.Fprintln(os.Stderr, "screen-one:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, dirs []string, maxAge time.Duration, p screening.Payee) error {
	// Load the lists. An error here (no list, a corrupt file) must stop
	// the payment run: screening never goes on without its lists.
	var set *lists.Set
	var err error
	if len(dirs) == 0 {
		set, err = lists.Sample()
	} else {
		set, err = lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	}
	if err != nil {
		return err
	}

	// The Screener is built once, is immutable and safe for concurrent
	// use; New refuses lists older than the policy's maximum age.
	policy := screening.DefaultPolicy()
	policy.MaxListAge = maxAge.String()
	s, err := screening.New(set, policy, screening.Options{})
	if err != nil {
		return err
	}

	res, err := s.Screen(ctx, p)
	if err != nil {
		return err
	}
	// Decision is the structured outcome to act on; Explain is for a
	// person to read and its wording may change.
	fmt.Println("decision:", res.Decision)
	fmt.Println()
	fmt.Print(res.Explain())
	return nil
}
