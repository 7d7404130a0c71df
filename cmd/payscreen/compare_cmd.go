package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"maps"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/payscreen/payscreen/lists"
	"github.com/payscreen/payscreen/payroll"
	"github.com/payscreen/payscreen/screening"
	"github.com/payscreen/payscreen/watchman"
	"github.com/payscreen/payscreen/watchman/wmserver"
)

// runCompare screens the same payees against the same lists with
// payscreen's own matching and with a Moov Watchman server, and reports
// the decisions that differ (with each side's evidence) and the
// throughput of each engine.
// compareArgs are the flags of "payscreen compare" once checked.
type compareArgs struct {
	dirs            stringsFlag
	policyFile      string
	wmURL, wmBin    string
	details         bool
	generated, show int
	seed            uint64
	files           []string
}

// parseCompareArgs parses the flags of "payscreen compare"; ok is false
// with the exit status when they are wrong or -h was asked for.
func parseCompareArgs(args []string, stderr io.Writer) (a compareArgs, code int, ok bool) {
	fs := newFlagSet("payscreen compare", stderr)
	fs.Var(&a.dirs, "lists", "read the official list files of `directory` (repeatable); both engines get exactly these")
	fs.StringVar(&a.policyFile, "policy", "", "policy `file` (default: the built-in defaults; the list-age check is off in a comparison)")
	fs.StringVar(&a.wmURL, "watchman-url", "", "compare with the Watchman server at `URL`, which must hold the same lists")
	fs.StringVar(&a.wmBin, "watchman-bin", "", "start a Watchman server from this `binary` over the --lists files (scripts/watchman/build.sh prints its path)")
	fs.BoolVar(&a.details, "server-details", false, "take Watchman's score pieces from the server (debug=yes) rather than computing them in the client")
	fs.IntVar(&a.generated, "generated", 200, "add `n` generated payroll-like payees, n names taken from the lists and n variants of listed names")
	fs.Uint64Var(&a.seed, "seed", 1, "seed of the generated payees")
	fs.IntVar(&a.show, "show", 15, "print at most `n` differing rows per payee set")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen compare --lists DIR... (--watchman-url URL | --watchman-bin PATH) [flags] [PAYEES.csv|.jsonl ...]")
		fmt.Fprintln(stderr, "Screens the same payees against the same lists with payscreen's matching and with a Moov Watchman")
		fmt.Fprintln(stderr, "server, and reports the decisions that differ, with each side's evidence (throughput: scripts/bench/compare).")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return a, exitOK, false
		}
		return a, exitUsage, false
	}
	a.files = fs.Args()
	usage := func(msg string) (compareArgs, int, bool) {
		fmt.Fprintln(stderr, "payscreen compare: "+msg)
		fs.Usage()
		return a, exitUsage, false
	}
	switch {
	case len(a.dirs) == 0:
		return usage("--lists is required: both engines must screen against the same list files")
	case (a.wmURL == "") == (a.wmBin == ""):
		return usage("give one of --watchman-url and --watchman-bin")
	case a.generated < 0 || a.show < 0:
		return usage("--generated and --show want positive numbers")
	case len(a.files) == 0 && a.generated == 0:
		return usage("no payees: give payee files or --generated > 0")
	}
	return a, exitOK, true
}

func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	a, code, ok := parseCompareArgs(args, stderr)
	if !ok {
		return code
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen compare: %v\n", err)
		return exitError
	}

	policy := screening.DefaultPolicy()
	if a.policyFile != "" {
		p, err := screening.LoadPolicy(a.policyFile)
		if err != nil {
			return fail(err)
		}
		policy = p
	}
	policy.MaxListAge = "0" // a comparison is of matching, not of list ages

	set, err := lists.LoadDirs(ctx, a.dirs, lists.LoadOptions{})
	if err != nil {
		return fail(err)
	}
	sets, err := payeeSets(set, a.files, a.generated, a.seed)
	if err != nil {
		return fail(err)
	}

	url, stop, err := startWatchman(ctx, stdout, a.wmURL, a.wmBin, a.dirs)
	if err != nil {
		return fail(err)
	}
	defer stop()
	engine, counts, err := watchmanEngine(ctx, url, set, watchman.Options{ServerDetails: a.details, MaxConns: 2 * runtime.GOMAXPROCS(0)})
	printCounts(stdout, counts)
	if err != nil {
		return fail(err)
	}

	own, wm, err := compareScreeners(stdout, set, policy, engine)
	if err != nil {
		return fail(err)
	}

	for _, ps := range sets {
		rOwn, err := screenAll(ctx, own, ps.payees)
		if err != nil {
			return fail(err)
		}
		rWM, err := screenAll(ctx, wm, ps.payees)
		if err != nil {
			return fail(err)
		}
		reportDiffs(stdout, ps, rOwn, rWM, a.show)
	}
	fmt.Fprintln(stdout, "\n(Throughput and Watchman's latency: go run ./scripts/bench/compare with the same --lists and payee files.)")
	return exitOK
}

// startWatchman returns url, or when bin is set the URL of a Watchman
// server it starts from bin over dirs; stop stops that server.
func startWatchman(ctx context.Context, stdout io.Writer, url, bin string, dirs []string) (string, func(), error) {
	if bin == "" {
		return url, func() {}, nil
	}
	start := time.Now()
	srv, err := wmserver.Start(ctx, wmserver.Config{Binary: bin, Dirs: dirs})
	if err != nil {
		return "", nil, err
	}
	fmt.Fprintf(stdout, "Started Watchman %s at %s over the --lists files in %v.\n", wmserver.Version, srv.URL, time.Since(start).Round(time.Millisecond))
	return srv.URL, func() { srv.Close() }, nil
}

// payeeSets reads the payee files and adds, when n > 0, n generated
// payroll-like payees, n listed names and n variants of listed names.
func payeeSets(set *lists.Set, files []string, n int, seed uint64) ([]payeeSet, error) {
	var sets []payeeSet
	for _, name := range files {
		ps, err := readPayeeFile(name)
		if err != nil {
			return nil, err
		}
		sets = append(sets, ps)
	}
	if n > 0 {
		rng := rand.New(rand.NewPCG(seed, 0x9e3779b97f4a7c15))
		sets = append(sets, generatedPayees(rng, n), listedPayees(rng, set, n, false), listedPayees(rng, set, n, true))
	}
	return sets, nil
}

// compareScreeners builds the two Screeners compared: payscreen's own
// matching (saying how long its index took) and the Watchman engine's.
func compareScreeners(stdout io.Writer, set *lists.Set, policy screening.Policy, engine screening.Engine) (own, wm *screening.Screener, err error) {
	start := time.Now()
	if own, err = screening.New(set, policy, screening.Options{}); err != nil {
		return nil, nil, err
	}
	fmt.Fprintf(stdout, "payscreen's index built in %v.\n", time.Since(start).Round(time.Millisecond))
	if wm, err = screening.New(set, policy, screening.Options{Engine: engine}); err != nil {
		return nil, nil, err
	}
	return own, wm, nil
}

// watchmanEngine returns an Engine for the Watchman server at url that
// maps results onto set, once it has checked that the server holds
// exactly the lists of set (see [watchman.Engine.CheckLists]); it also
// returns the comparison of the lists. For "payscreen screen --engine
// watchman --watchman-url URL" as for compare.
func watchmanEngine(ctx context.Context, url string, set *lists.Set, opts watchman.Options) (*watchman.Engine, []watchman.ListCount, error) {
	opts.Lists = set
	e, err := watchman.New(url, opts)
	if err != nil {
		return nil, nil, err
	}
	counts, err := e.CheckLists(ctx, set)
	if err != nil {
		return nil, counts, fmt.Errorf("the Watchman server does not screen against the loaded lists:\n%w", err)
	}
	return e, counts, nil
}

// payeeSet is a named list of payees screened by both engines.
type payeeSet struct {
	name   string
	about  string
	payees []screening.Payee
}

func readPayeeFile(name string) (payeeSet, error) {
	payees, err := payroll.ReadPayees(name, payroll.FormatAuto)
	if err != nil {
		return payeeSet{}, err
	}
	return payeeSet{name: filepath.Base(name), about: "payees of " + name, payees: payees}, nil
}

// Name pools for payroll-like payees, by region: the names a payroll in
// Europe, the Americas and Asia holds. Some coincide with listed names,
// as real payees' names do.
var payrollNames = []struct {
	country      []string
	first, last  []string
	familyFirst  bool
	organization []string
}{
	{country: []string{"DE", "AT", "CH"}, first: []string{"Anna", "Lukas", "Jonas", "Lea", "Felix", "Sophie", "Maximilian", "Hannah", "Paul", "Marie"},
		last: []string{"Schmidt", "Müller", "Schneider", "Fischer", "Weber", "Wagner", "Becker", "Hoffmann", "Schulz", "Koch"}},
	{country: []string{"FR", "BE"}, first: []string{"Jean", "Camille", "Louis", "Chloé", "Hugo", "Manon", "Gabriel", "Léa"},
		last: []string{"Dupont", "Martin", "Bernard", "Dubois", "Moreau", "Laurent", "Lefebvre", "Girard"}},
	{country: []string{"ES", "MX", "AR", "CO"}, first: []string{"Carlos", "María", "José", "Lucía", "Javier", "Carmen", "Diego", "Sofía"},
		last: []string{"García López", "Martínez", "Rodríguez", "Fernández", "Sánchez", "Pérez", "Gómez", "Hernández"}},
	{country: []string{"US", "GB", "IE", "CA"}, first: []string{"James", "Emily", "Michael", "Olivia", "David", "Sarah", "Daniel", "Jessica", "John", "Alex"},
		last: []string{"Smith", "Johnson", "Brown", "Taylor", "Wilson", "O'Connor", "Morgan", "Walker", "Lee", "Clark"}},
	{country: []string{"PL", "CZ", "UA"}, first: []string{"Marta", "Piotr", "Olena", "Tomasz", "Kateryna", "Jakub", "Anna"},
		last: []string{"Kowalska", "Nowak", "Shevchenko", "Wiśniewski", "Kovalenko", "Novák", "Bondarenko"}},
	{country: []string{"IN"}, first: []string{"Priya", "Rahul", "Ananya", "Arjun", "Divya", "Vikram", "Sneha"},
		last: []string{"Natarajan", "Sharma", "Patel", "Iyer", "Reddy", "Gupta", "Menon"}},
	{country: []string{"CN", "SG", "TW"}, familyFirst: true, first: []string{"Wei", "Jing", "Hao", "Xiaoming", "Li Na", "Yan", "Jun"},
		last: []string{"Chen", "Wang", "Zhang", "Liu", "Huang", "Zhao", "Wu"}},
	{country: []string{"KR"}, familyFirst: true, first: []string{"Min-jun", "Ji-woo", "Seo-yeon", "Ha-eun", "Do-yoon", "Ye-jin"},
		last: []string{"Kim", "Park", "Lee", "Choi", "Jung", "Kang"}},
	{country: []string{"AE", "EG", "JO", "MA"}, first: []string{"Mohammed", "Ahmed", "Fatima", "Omar", "Layla", "Youssef", "Khalid", "Amina"},
		last: []string{"Al Amin", "Hassan", "Haddad", "Mansour", "El Sayed", "Khoury", "Nasser", "Saleh"}},
	{country: []string{"SE", "NL", "NO"}, first: []string{"Emma", "Pieter", "Lars", "Ingrid", "Sanne", "Erik"},
		last: []string{"Johansson", "de Vries", "Andersen", "Jansen", "Lindqvist", "Bakker"}},
	{country: []string{"DE", "US", "GB", "EE", "PT"}, organization: []string{
		"Nordlicht Software GmbH", "Baltic Code OU", "Blue Harbor Consulting LLC", "Atlas Data Services Ltd", "Maple Payroll Partners Inc",
		"Iberia Digital SL", "Lisbon Cloud Lda", "Green Valley Logistics GmbH", "Summit Analytics Ltd", "Riverbank Engineering LLC"}},
}

// generatedPayees returns n payroll-like payees: people with a date of
// birth and country, and some companies.
func generatedPayees(rng *rand.Rand, n int) payeeSet {
	ps := payeeSet{name: "payroll-like", about: fmt.Sprintf("%d generated payroll-like payees (seeded)", n)}
	for i := range n {
		pool := payrollNames[rng.IntN(len(payrollNames))]
		p := screening.Payee{ID: fmt.Sprintf("GEN-%04d", i+1), Country: pool.country[rng.IntN(len(pool.country))]}
		if pool.organization != nil {
			p.Name, p.Type = pool.organization[rng.IntN(len(pool.organization))], screening.Organization
		} else {
			first, last := pool.first[rng.IntN(len(pool.first))], pool.last[rng.IntN(len(pool.last))]
			p.Name, p.Type = first+" "+last, screening.Person
			if pool.familyFirst {
				p.Name = last + " " + first
			}
			p.DOB = fmt.Sprintf("%04d-%02d-%02d", 1960+rng.IntN(43), 1+rng.IntN(12), 1+rng.IntN(28))
		}
		ps.payees = append(ps.payees, p)
	}
	return ps
}

// listedPayees returns n payees named as listed entries, each with the
// entry's first exact date of birth and first nationality when it has
// them; with variant set, the name is altered as payroll data alters
// names: words reordered, a word dropped, a letter changed, hyphens and
// punctuation removed.
func listedPayees(rng *rand.Rand, set *lists.Set, n int, variant bool) payeeSet {
	ps := payeeSet{name: "listed", about: fmt.Sprintf("%d listed entries under their primary names (seeded sample)", n)}
	if variant {
		ps.name, ps.about = "listed-variants", fmt.Sprintf("%d listed entries under altered names (seeded sample)", n)
	}
	var all []*lists.Entity
	for _, l := range set.Lists {
		for i := range l.Entities {
			if l.Entities[i].Type == lists.Person || l.Entities[i].Type == lists.Organization {
				all = append(all, &l.Entities[i])
			}
		}
	}
	if len(all) == 0 {
		return ps
	}
	for i := range n {
		e := all[rng.IntN(len(all))]
		p := screening.Payee{ID: fmt.Sprintf("%s-%s", e.Source, e.ID), Name: e.PrimaryName()}
		if variant {
			p.ID = fmt.Sprintf("VAR-%04d-%s-%s", i+1, e.Source, e.ID)
			p.Name = alterName(rng, p.Name)
		}
		if e.Type == lists.Person {
			p.Type = screening.Person
			for _, b := range e.BirthDates {
				if !b.IsRange() && !b.Approximate && b.From.Day != 0 {
					p.DOB = b.From.String()
					break
				}
			}
		} else {
			p.Type = screening.Organization
		}
		if len(e.Nationalities) > 0 {
			p.Country = e.Nationalities[0]
		}
		ps.payees = append(ps.payees, p)
	}
	return ps
}

// alterName changes a listed name the way payroll records differ from
// lists.
func alterName(rng *rand.Rand, name string) string {
	words := strings.Fields(strings.NewReplacer(",", " ", "-", " ", ".", " ").Replace(name))
	if len(words) == 0 {
		return name
	}
	switch rng.IntN(4) {
	case 0: // "LAST, First" as "First Last"
		words = append(words[1:], words[0])
	case 1: // a middle word dropped
		if len(words) > 2 {
			i := 1 + rng.IntN(len(words)-2)
			words = slices.Delete(words, i, i+1)
		}
	case 2: // one letter changed
		i := rng.IntN(len(words))
		r := []rune(words[i])
		if len(r) > 3 {
			j := 1 + rng.IntN(len(r)-2)
			r[j] = rune('a' + rng.IntN(26))
			words[i] = string(r)
		}
	case 3: // title case
		for i, w := range words {
			r := []rune(strings.ToLower(w))
			if len(r) > 0 {
				r[0] = []rune(strings.ToUpper(string(r[0])))[0]
			}
			words[i] = string(r)
		}
	}
	return strings.Join(words, " ")
}

// outcome is one payee's result by one engine.
type outcome struct {
	res screening.Result
	err error
}

// screenAll screens payees through ScreenBatch and returns the results in
// order; a payee whose screening failed carries its error.
func screenAll(ctx context.Context, s *screening.Screener, payees []screening.Payee) ([]outcome, error) {
	out := make([]outcome, 0, len(payees))
	err := s.ScreenBatch(ctx, screening.PayeeRows(payees), screening.BatchOptions{}, func(r screening.RowResult) error {
		out = append(out, outcome{r.Result, r.Err})
		return nil
	})
	return out, err
}

func printCounts(w io.Writer, counts []watchman.ListCount) {
	fmt.Fprintln(w, "== Lists (entries loaded)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "source\twatchman list\tpayscreen\twatchman")
	for _, c := range counts {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", c.Source, cmp.Or(string(c.List), "-"), countStr(c.Local), countStr(c.Server))
	}
	tw.Flush()
}

func countStr(n int) string {
	if n < 0 {
		return "missing"
	}
	return fmt.Sprint(n)
}

// decisionOf is a result's decision, or "error".
func decisionOf(o outcome) string {
	if o.err != nil {
		return "error"
	}
	return o.res.Decision.String()
}

// reportDiffs prints the decisions of both engines over a payee set and
// the rows where they differ, with each side's evidence.
func reportDiffs(w io.Writer, ps payeeSet, own, wm []outcome, show int) {
	fmt.Fprintf(w, "\n== %s: %s\n", ps.name, ps.about)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "payscreen \\ watchman\tclear\treview\tblock\terror")
	kinds := []string{"clear", "review", "block", "error"}
	grid := map[[2]string]int{}
	var diffs []int
	why := map[string]int{}
	for i := range own {
		a, b := decisionOf(own[i]), decisionOf(wm[i])
		grid[[2]string{a, b}]++
		if a != b {
			diffs = append(diffs, i)
			why[diffReason(own[i], wm[i])]++
		}
	}
	for _, a := range kinds {
		fmt.Fprintf(tw, "%s", a)
		for _, b := range kinds {
			fmt.Fprintf(tw, "\t%d", grid[[2]string{a, b}])
		}
		fmt.Fprintln(tw)
	}
	tw.Flush()
	fmt.Fprintf(w, "%d of %d decisions differ", len(diffs), len(own))
	if len(diffs) > 0 {
		fmt.Fprint(w, "; why:")
		for _, k := range slices.Sorted(maps.Keys(why)) {
			fmt.Fprintf(w, " %s ×%d;", k, why[k])
		}
	}
	fmt.Fprintln(w)
	for j, i := range diffs {
		if j == show {
			fmt.Fprintf(w, "... %d more (raise --show)\n", len(diffs)-show)
			break
		}
		p := ps.payees[i]
		fmt.Fprintf(w, "- %s %q (%s", p.ID, p.Name, p.Type)
		if p.DOB != "" {
			fmt.Fprintf(w, ", born %s", p.DOB)
		}
		if p.Country != "" {
			fmt.Fprintf(w, ", %s", p.Country)
		}
		fmt.Fprintf(w, "): payscreen %s, watchman %s — %s\n", decisionOf(own[i]), decisionOf(wm[i]), diffReason(own[i], wm[i]))
		fmt.Fprintf(w, "    payscreen: %s\n", evidenceLine(own[i]))
		fmt.Fprintf(w, "    watchman:  %s\n", evidenceLine(wm[i]))
	}
}

// diffReason classifies why two outcomes of one payee differ.
func diffReason(a, b outcome) string {
	switch {
	case a.err != nil:
		return "payscreen error"
	case b.err != nil:
		return "watchman error (" + watchman.ErrorKind(b.err) + ")"
	}
	ta, tb := topMatch(a.res), topMatch(b.res)
	switch {
	case ta == nil:
		return "only watchman matched a name"
	case tb == nil:
		return "only payscreen matched a name"
	case ta.Source != tb.Source || ta.EntityID != tb.EntityID:
		if findMatch(b.res, ta.Source, ta.EntityID) == nil {
			return "payscreen's top entry not found by watchman"
		}
		return "different top entry"
	case ta.Score != tb.Score:
		return "same entry, different name score"
	}
	return "same entry and score, different evidence"
}

func topMatch(r screening.Result) *screening.Match {
	if len(r.Matches) == 0 {
		return nil
	}
	return &r.Matches[0]
}

func findMatch(r screening.Result, src lists.ListID, id string) *screening.Match {
	for i := range r.Matches {
		if r.Matches[i].Source == src && r.Matches[i].EntityID == id {
			return &r.Matches[i]
		}
	}
	return nil
}

// evidenceLine summarizes one outcome: its top match and its evidence.
func evidenceLine(o outcome) string {
	if o.err != nil {
		return "error: " + o.err.Error()
	}
	m := topMatch(o.res)
	if m == nil {
		return "no match"
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s %q as %q, score %.4f, %s", m.Source, m.EntityID, m.Name, m.MatchedName, m.Score, m.Decision)
	if len(o.res.Matches) > 1 {
		fmt.Fprintf(&b, " (+%d more)", len(o.res.Matches)-1)
	}
	b.WriteString(":")
	for _, e := range m.Evidence {
		fmt.Fprintf(&b, " %s %s", e.Field, e.Effect)
		if e.Detail != "" {
			fmt.Fprintf(&b, " [%s]", e.Detail)
		}
		b.WriteString(";")
	}
	return b.String()
}
