// Command indicator-feed screens payees against a user's own indicator feed
// loaded beside the sanctions lists: names, e-mail domains, wallets and bank
// details from the user's investigations or threat-intelligence provider,
// in payscreen's JSON Lines indicator format (see lists.ParseIndicators).
// A feed screens exactly like a list, and its matches name the feed.
//
//	go run ./examples/indicator-feed
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func main() {
	var dirs []string
	flag.Func("lists", "load the official list files of `DIR` (repeatable; default: the built-in SAMPLE lists)", func(d string) error {
		dirs = append(dirs, d)
		return nil
	})
	feed := flag.String("feed", "examples/indicator-feed/feed.jsonl", "the indicator feed `file` (JSON Lines)")
	name := flag.String("name", "example_intel", "the feed's `name` in results")
	flag.Parse()
	if err := run(context.Background(), dirs, *feed, *name); err != nil {
		fmt.Fprintln(os.Stderr, "indicator-feed:", err)
		os.Exit(1)
	}
}

// loadFeed parses the indicator feed at path. A malformed line is an error
// naming the file, the line and the field: a feed is never half loaded.
func loadFeed(path, name string) (*lists.List, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return lists.ParseIndicators(name, lists.File{Name: filepath.Base(path), R: f})
}

func run(ctx context.Context, dirs []string, feedPath, feedName string) error {
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
	feed, err := loadFeed(feedPath, feedName)
	if err != nil {
		return err
	}
	c := feed.Counts()
	fmt.Printf("feed %s: %d entities from %s, published %s\n", feed.Feed, c.Entities, feedPath, feed.Published.Format("2006-01-02"))
	// The feed is one more list of the set, beside the official ones (and
	// payscreen's built-in dprk_indicators feed, added the same way).
	builtin, err := lists.BuiltinIndicators()
	if err != nil {
		return err
	}
	set.Lists = append(set.Lists, builtin, feed)

	s, err := screening.New(set, screening.DefaultPolicy(), screening.Options{})
	if err != nil {
		return err
	}
	payees := []screening.Payee{
		{ID: "CTR-4001", Name: "Blue Harbour Staffing Limited", Type: screening.Organization, Country: "HK"},
		{ID: "CTR-4002", Name: "Daniel Park", Type: screening.Person, Email: "d.park@blueharbor-staff.example"},
		{ID: "CTR-4003", Name: "Chris Wong", Type: screening.Person,
			Wallets: []screening.Wallet{{Address: "0x98951c8c877fbc08bcde882cce7e914d073e5d0d", Currency: "USDT"}}},
		{ID: "EMP-1001", Name: "Anna Schmidt", Type: screening.Person, Country: "DE", Email: "anna.schmidt@example.de"},
	}
	for _, p := range payees {
		r, err := s.Screen(ctx, p)
		if err != nil {
			return err
		}
		fmt.Printf("%s: %s\n", p.ID, r.Decision)
		for _, m := range r.Matches {
			var why []string
			for _, e := range m.Evidence {
				if e.Effect != screening.Neutral {
					why = append(why, e.Field.String()+" "+e.Effect.String())
				}
			}
			fmt.Printf("  %s %s %q: %s\n", m.Source, m.EntityID, m.Name, strings.Join(why, ", "))
		}
	}
	return nil
}
