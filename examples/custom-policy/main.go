// Command custom-policy shows a compliance team's policy: built in code and
// loaded from YAML (the two are the same policy), with a lower review
// threshold for North Korea entries, and an allow-list entry for a reviewed
// false positive that stops applying as soon as the listed entry changes.
//
//	go run ./examples/custom-policy
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"reflect"
	"slices"
	"strings"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/screening"
)

func main() {
	path := flag.String("policy", "examples/custom-policy/policy.yaml", "the policy `file` (YAML or JSON)")
	flag.Parse()
	if err := run(context.Background(), *path); err != nil {
		fmt.Fprintln(os.Stderr, "custom-policy:", err)
		os.Exit(1)
	}
}

func run(ctx context.Context, path string) error {
	set, err := lists.Sample()
	if err != nil {
		return err
	}

	// The policy in code: start from the defaults and change what the
	// compliance team decided. Entries under a North Korea regime on any
	// list (the "DPRK" key) are reviewed from a name score of 0.70.
	inCode := screening.DefaultPolicy()
	inCode.Programs = map[string]screening.Thresholds{"DPRK": {Review: 0.70}}
	if err := inCode.Validate(); err != nil {
		return err
	}
	// The same policy from a file: what it leaves out keeps the default,
	// and a misspelt key is an error rather than a silently ignored line.
	fromFile, err := screening.LoadPolicy(path)
	if err != nil {
		return err
	}
	fmt.Printf("policy in code and %s are the same: %v\n", path, reflect.DeepEqual(inCode, fromFile))
	dprk := fromFile.ThresholdsFor(lists.ListID{Source: lists.OFACSDN}, []string{"DPRK4"}, true)
	other := fromFile.ThresholdsFor(lists.ListID{Source: lists.OFACSDN}, []string{"SDGT"}, false)
	fmt.Printf("review at %.2f for DPRK entries, %.2f for others; block at %.2f\n\n", dprk.Review, other.Review, dprk.Block)

	def, err := screening.New(set, screening.DefaultPolicy(), screening.Options{})
	if err != nil {
		return err
	}
	custom, err := screening.New(set, fromFile, screening.Options{})
	if err != nil {
		return err
	}
	// A spelling variant of a listed DPRK name: the default policy lets it
	// through, the DPRK threshold puts it up for review.
	p := screening.Payee{ID: "EMP-6", Name: "Kim Sang Mahn", Type: screening.Person}
	for _, s := range []struct {
		name string
		s    *screening.Screener
	}{{"default policy", def}, {"custom policy", custom}} {
		r, err := s.s.Screen(ctx, p)
		if err != nil {
			return err
		}
		fmt.Printf("%s %q, %s: %s\n", p.ID, p.Name, s.name, summary(r))
	}
	fmt.Println()

	// A reviewed false positive: EMP-7 is not the listed KIM, Sang Man.
	p = screening.Payee{ID: "EMP-7", Name: "Kim Song Man", Type: screening.Person, Country: "KR"}
	r, err := custom.Screen(ctx, p)
	if err != nil {
		return err
	}
	fmt.Printf("%s %q: %s\n", p.ID, p.Name, summary(r))
	if len(r.Matches) == 0 {
		return fmt.Errorf("%s: no match to allow-list", p.ID)
	}
	m := r.Matches[0]

	// After checking the payee's passport, compliance records the decision
	// against the listed entry as it stands: its fingerprint.
	allowed := fromFile
	allowed.AllowList = []screening.AllowEntry{{
		PayeeID: p.ID, Source: m.Source, EntityID: m.EntityID, Fingerprint: m.Fingerprint,
		Reason: "different person: passport checked", ReviewedBy: "compliance", ReviewedOn: "2026-03-02",
	}}
	s, err := screening.New(set, allowed, screening.Options{})
	if err != nil {
		return err
	}
	r, err = s.Screen(ctx, p)
	if err != nil {
		return err
	}
	fmt.Printf("allow-listed against entry %s %s (fingerprint %.12s…): %s\n", m.Source, m.EntityID, m.Fingerprint, summary(r))

	// The publisher amends the entry — here OFAC adds the alias "KIM, Song
	// Man" — so the review no longer covers it: the payee is reviewed
	// again, whatever the allow-list says.
	amended := amend(set, m.Source, m.EntityID, lists.Name{Full: "KIM, Song Man", Kind: lists.AKA})
	s, err = screening.New(amended, allowed, screening.Options{})
	if err != nil {
		return err
	}
	r, err = s.Screen(ctx, p)
	if err != nil {
		return err
	}
	fmt.Printf("after the entry gains the alias \"KIM, Song Man\": %s\n", summary(r))
	return nil
}

// amend returns a copy of set in which entity id of src has one more name,
// as a new publication of the list would have it. set is not changed.
func amend(set *lists.Set, src lists.ListID, id string, alias lists.Name) *lists.Set {
	out := &lists.Set{}
	for _, l := range set.Lists {
		if l.ID() == src {
			c := *l
			c.Entities = slices.Clone(l.Entities)
			for i := range c.Entities {
				if c.Entities[i].ID == id {
					c.Entities[i].Names = append(slices.Clone(c.Entities[i].Names), alias)
				}
			}
			l = &c
		}
		out.Lists = append(out.Lists, l)
	}
	return out
}

// summary is the decision with the matches and flags behind it.
func summary(r screening.Result) string {
	var b strings.Builder
	b.WriteString(r.Decision.String())
	for _, m := range r.Matches {
		fmt.Fprintf(&b, " [%s %s %q score %.2f, fingerprint %.12s…]", m.Source, m.EntityID, m.MatchedName, m.Score, m.Fingerprint)
	}
	for _, f := range r.Flags {
		if f.Code != screening.FlagSampleLists {
			fmt.Fprintf(&b, " (%s)", f.Code)
		}
	}
	return b.String()
}
