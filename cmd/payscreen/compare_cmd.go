package main

import (
	"cmp"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"sync"
	"syscall"
	"text/tabwriter"
	"time"
	"unicode"

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
func runCompare(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen compare", stderr)
	var dirs stringsFlag
	fs.Var(&dirs, "lists", "read the official list files of `directory` (repeatable); both engines get exactly these")
	policyFile := fs.String("policy", "", "policy `file` (default: the built-in defaults; the list-age check is off in a comparison)")
	wmURL := fs.String("watchman-url", "", "compare with the Watchman server at `URL`, which must hold the same lists")
	wmBin := fs.String("watchman-bin", "", "start a Watchman server from this `binary` over the --lists files (scripts/watchman/build.sh prints its path)")
	details := fs.Bool("server-details", false, "take Watchman's score pieces from the server (debug=yes) rather than computing them in the client")
	n := fs.Int("generated", 200, "add `n` generated payroll-like payees, n names taken from the lists and n variants of listed names")
	seed := fs.Uint64("seed", 1, "seed of the generated payees")
	workers := fs.Int("j", runtime.GOMAXPROCS(0), "workers for the parallel throughput run")
	show := fs.Int("show", 15, "print at most `n` differing rows per payee set")
	repeat := fs.Int("repeat", 3, "time each throughput run `n` times and keep the fastest (the machine may be busy)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: payscreen compare --lists DIR... (--watchman-url URL | --watchman-bin PATH) [flags] [PAYEES.csv|.jsonl ...]")
		fmt.Fprintln(stderr, "Screens the same payees against the same lists with payscreen's matching and with a Moov Watchman")
		fmt.Fprintln(stderr, "server, and reports the decisions that differ, with each side's evidence, and each engine's throughput.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	usage := func(msg string) int {
		fmt.Fprintln(stderr, "payscreen compare: "+msg)
		fs.Usage()
		return exitUsage
	}
	switch {
	case len(dirs) == 0:
		return usage("--lists is required: both engines must screen against the same list files")
	case (*wmURL == "") == (*wmBin == ""):
		return usage("give one of --watchman-url and --watchman-bin")
	case *n < 0 || *workers < 1 || *show < 0 || *repeat < 1:
		return usage("--generated, -j, --show and --repeat want positive numbers")
	}
	fail := func(err error) int {
		fmt.Fprintf(stderr, "payscreen compare: %v\n", err)
		return exitError
	}

	policy := screening.DefaultPolicy()
	if *policyFile != "" {
		p, err := screening.LoadPolicy(*policyFile)
		if err != nil {
			return fail(err)
		}
		policy = p
	}
	policy.MaxListAge = "0"

	set, err := lists.LoadDirs(ctx, dirs, lists.LoadOptions{})
	if err != nil {
		return fail(err)
	}
	var sets []payeeSet
	for _, name := range fs.Args() {
		ps, err := readPayeeFile(name)
		if err != nil {
			return fail(err)
		}
		sets = append(sets, ps)
	}
	if *n > 0 {
		rng := rand.New(rand.NewPCG(*seed, 0x9e3779b97f4a7c15))
		sets = append(sets, generatedPayees(rng, *n), listedPayees(rng, set, *n, false), listedPayees(rng, set, *n, true))
	}
	if len(sets) == 0 {
		return usage("no payees: give payee files or --generated > 0")
	}

	url := *wmURL
	var srvCPU func() (time.Duration, error)
	if *wmBin != "" {
		start := time.Now()
		srv, err := wmserver.Start(ctx, wmserver.Config{Binary: *wmBin, Dirs: dirs})
		if err != nil {
			return fail(err)
		}
		defer srv.Close()
		url, srvCPU = srv.URL, srv.CPUTime
		fmt.Fprintf(stdout, "Started Watchman %s at %s over the --lists files in %v.\n", wmserver.Version, url, time.Since(start).Round(time.Millisecond))
	}
	engine, counts, err := watchmanEngine(ctx, url, set, watchman.Options{ServerDetails: *details, MaxConns: *workers * 2})
	printCounts(stdout, counts)
	if err != nil {
		return fail(err)
	}

	start := time.Now()
	own, err := screening.New(set, policy, screening.Options{})
	if err != nil {
		return fail(err)
	}
	fmt.Fprintf(stdout, "payscreen's index built in %v.\n", time.Since(start).Round(time.Millisecond))
	wm, err := screening.New(set, policy, screening.Options{Engine: engine})
	if err != nil {
		return fail(err)
	}

	var thr []throughput
	facts := factsAcc{words: listedWords(set), srvCPU: srvCPU}
	for _, ps := range sets {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		rOwn, _ := screenAll(ctx, own, ps.payees, 1)
		rWM, _ := screenAll(ctx, wm, ps.payees, 1)
		reportDiffs(stdout, ps, rOwn, rWM, *show)
		raw := searchAll(ctx, engine, ps.payees, policy.Review, &facts)
		facts.sets = append(facts.sets, setFacts{name: ps.name, raw: raw})
		m := meter{srvCPU: srvCPU}
		thr = append(thr,
			m.best(*repeat, ps, "payscreen", 1, func() { screenAll(ctx, own, ps.payees, 1) }),
			m.best(*repeat, ps, "payscreen", *workers, func() { screenAll(ctx, own, ps.payees, *workers) }),
			m.best(*repeat, ps, "watchman (Screener)", 1, func() { screenAll(ctx, wm, ps.payees, 1) }),
			m.best(*repeat, ps, "watchman (Screener)", *workers, func() { screenAll(ctx, wm, ps.payees, *workers) }),
			m.best(*repeat, ps, "watchman (search only)", 1, func() { searchAll(ctx, engine, ps.payees, policy.Review, nil) }),
		)
	}
	reportThroughput(stdout, thr)
	facts.report(stdout)
	return exitOK
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
	r, err := payroll.Open(name, payroll.FormatAuto)
	if err != nil {
		return payeeSet{}, err
	}
	defer r.Close()
	ps := payeeSet{name: filepath.Base(name), about: "payees of " + name}
	for {
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return payeeSet{}, err
		}
		if row.Err != nil {
			return payeeSet{}, row.Err
		}
		ps.payees = append(ps.payees, row.Payee)
	}
	return ps, nil
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

// screenAll screens payees with workers goroutines and returns the
// results in order and the time taken.
func screenAll(ctx context.Context, s *screening.Screener, payees []screening.Payee, workers int) ([]outcome, time.Duration) {
	out := make([]outcome, len(payees))
	next := make(chan int)
	var wg sync.WaitGroup
	start := time.Now()
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				r, err := s.Screen(ctx, payees[i])
				out[i] = outcome{r, err}
			}
		}()
	}
	for i := range payees {
		next <- i
	}
	close(next)
	wg.Wait()
	return out, time.Since(start)
}

// rawRun is Watchman's own share: one search per payee, one connection.
type rawRun struct {
	total   time.Duration
	lat     []time.Duration // every search
	latNone []time.Duration // searches with no result at all
	// By whether the name shares a word with a listed name: Watchman
	// v0.65.1 scores only the entries sharing a word with the query, and
	// every entry when none does.
	byWords [2]wordClass
}

type wordClass struct {
	lat    []time.Duration
	srvCPU time.Duration // -1: unknown
}

// searchAll sends one search per payee, one after the other, and records
// the facts the comparison checks.
func searchAll(ctx context.Context, e *watchman.Engine, payees []screening.Payee, threshold float64, f *factsAcc) rawRun {
	r := rawRun{byWords: [2]wordClass{{srvCPU: -1}, {srvCPU: -1}}}
	start := time.Now()
	for _, p := range payees {
		var cpu0 time.Duration
		cpuOK := f != nil && f.srvCPU != nil
		if cpuOK {
			var err error
			cpu0, err = f.srvCPU()
			cpuOK = err == nil
		}
		t := time.Now()
		hits, err := e.Search(ctx, p, threshold)
		d := time.Since(t)
		r.lat = append(r.lat, d)
		if err == nil && len(hits) == 0 {
			r.latNone = append(r.latNone, d)
		}
		if f != nil {
			f.add(p, hits, err)
			c := &r.byWords[btoi(f.words.shares(p.Name))]
			c.lat = append(c.lat, d)
			if cpuOK {
				if cpu1, err := f.srvCPU(); err == nil {
					c.srvCPU = max(c.srvCPU, 0) + cpu1 - cpu0
				}
			}
		}
	}
	r.total = time.Since(start)
	return r
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}

// wordSet holds the lower-case words of every listed name.
type wordSet map[string]bool

func listedWords(set *lists.Set) wordSet {
	w := wordSet{}
	for _, l := range set.Lists {
		for i := range l.Entities {
			for _, n := range l.Entities[i].Names {
				for _, x := range nameWords(n.Full) {
					w[x] = true
				}
			}
		}
	}
	return w
}

func nameWords(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

// shares reports whether name has a word some listed name has.
func (w wordSet) shares(name string) bool {
	for _, x := range nameWords(name) {
		if w[x] {
			return true
		}
	}
	return false
}

// factsAcc gathers what the comparison measures of Watchman itself.
type factsAcc struct {
	words        wordSet
	srvCPU       func() (time.Duration, error)
	exactOverall []float64 // overall score of each match whose name scored 1
	searches     int
	errs         map[string]int
	sets         []setFacts
}

// setFacts is Watchman's latency over one payee set, one search at a time.
type setFacts struct {
	name string
	raw  rawRun
}

func (f *factsAcc) add(p screening.Payee, hits []watchman.Hit, err error) {
	f.searches++
	if err != nil {
		if f.errs == nil {
			f.errs = map[string]int{}
		}
		f.errs[errKind(err)]++
		return
	}
	for _, h := range hits {
		if h.Score == 1 {
			f.exactOverall = append(f.exactOverall, h.Overall)
		}
	}
}

func (f *factsAcc) report(w io.Writer) {
	fmt.Fprintln(w, "\n== Watchman's latency, one search at a time on one connection (first pass)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tnames\tsearches\tsearches/s\tmedian ms\tmean ms\tp95 ms\twatchman cpu ms/search\t")
	for _, sf := range f.sets {
		r := sf.raw
		fmt.Fprintf(tw, "%s\tall\t%d\t%.1f\t%s\t%s\t%s\t\t\n", sf.name, len(r.lat), rate(len(r.lat), r.total), msq(r.lat, 0.5), ms(mean(r.lat)), msq(r.lat, 0.95))
		if len(r.latNone) > 0 {
			fmt.Fprintf(tw, "\twith no result\t%d\t%.1f\t%s\t%s\t%s\t\t\n", len(r.latNone), rate(len(r.latNone), sum(r.latNone)), msq(r.latNone, 0.5), ms(mean(r.latNone)), msq(r.latNone, 0.95))
		}
		for i, label := range []string{"sharing no listed word", "sharing a listed word"} {
			c := r.byWords[i]
			if len(c.lat) == 0 {
				continue
			}
			cpu := "-"
			if c.srvCPU >= 0 {
				cpu = fmt.Sprintf("%.1f", perPayee(c.srvCPU, len(c.lat)))
			}
			fmt.Fprintf(tw, "\t%s\t%d\t%.1f\t%s\t%s\t%s\t%s\t\n", label, len(c.lat), rate(len(c.lat), sum(c.lat)), msq(c.lat, 0.5), ms(mean(c.lat)), msq(c.lat, 0.95), cpu)
		}
	}
	tw.Flush()
	fmt.Fprintln(w, "(searches/s = searches / their summed latency. Watchman v0.65.1 scores only the entries sharing a word with the name, and every")
	fmt.Fprintln(w, " entry of the type when none does or when the shared words are too common: such a search is a full scan. Words here are")
	fmt.Fprintln(w, " compared in lower case without Watchman's stop-word removal, so the split is approximate.)")

	fmt.Fprintln(w, "\n== Watchman's overall score of matches whose name scored 1 (name-only searches)")
	if len(f.exactOverall) == 0 {
		fmt.Fprintln(w, "no such match seen")
	} else {
		s := slices.Clone(f.exactOverall)
		slices.Sort(s)
		hist := map[string]int{}
		for _, v := range s {
			hist[fmt.Sprintf("%.4f", v)]++
		}
		fmt.Fprintf(w, "%d matches: overall min %.4f, max %.4f; by value:", len(s), s[0], s[len(s)-1])
		for _, k := range sortedMapKeys(hist) {
			fmt.Fprintf(w, " %s×%d", k, hist[k])
		}
		fmt.Fprintln(w)
		fmt.Fprintln(w, "(Watchman v0.65.1 scales a name-only result by 0.95 × 0.90 × 0.95 = 0.81225, or by 0.855 when the entry has few fields)")
	}
	if len(f.errs) > 0 {
		fmt.Fprintf(w, "search errors out of %d searches:", f.searches)
		for _, k := range sortedMapKeys(f.errs) {
			fmt.Fprintf(w, " %s×%d", k, f.errs[k])
		}
		fmt.Fprintln(w)
	}
}

func errKind(err error) string {
	for _, k := range []struct {
		err  error
		name string
	}{
		{watchman.ErrTruncated, "truncated"}, {watchman.ErrTimeout, "timeout"}, {watchman.ErrUnavailable, "unavailable"},
		{watchman.ErrServer, "server"}, {watchman.ErrProtocol, "protocol"}, {watchman.ErrUnmapped, "unmapped"},
		{watchman.ErrScoreMismatch, "score-mismatch"}, {screening.ErrEngineMismatch, "engine-mismatch"},
	} {
		if errors.Is(err, k.err) {
			return k.name
		}
	}
	return "other"
}

func sortedMapKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	return keys
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
		for _, k := range sortedMapKeys(why) {
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
		return "watchman error (" + errKind(b.err) + ")"
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

// throughput is one engine's fastest run over one payee set.
type throughput struct {
	set, engine string
	workers, n  int
	wall        time.Duration
	cpu, srvCPU time.Duration // this process's and the server's; srvCPU < 0: unknown
}

// meter times runs, with the processor time of this process and of the
// Watchman server when it is known.
type meter struct {
	srvCPU func() (time.Duration, error)
}

// best runs run repeat times and keeps the fastest.
func (m meter) best(repeat int, ps payeeSet, engine string, workers int, run func()) throughput {
	out := throughput{set: ps.name, engine: engine, workers: workers, n: len(ps.payees), srvCPU: -1}
	for i := range repeat {
		cpu0, srv0, srvOK := processCPU(), time.Duration(0), false
		if m.srvCPU != nil {
			var err error
			srv0, err = m.srvCPU()
			srvOK = err == nil
		}
		start := time.Now()
		run()
		wall := time.Since(start)
		if i == 0 || wall < out.wall {
			out.wall, out.cpu, out.srvCPU = wall, processCPU()-cpu0, -1
			if srvOK {
				if srv1, err := m.srvCPU(); err == nil {
					out.srvCPU = srv1 - srv0
				}
			}
		}
	}
	return out
}

// processCPU is the processor time this process has used.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func reportThroughput(w io.Writer, ts []throughput) {
	fmt.Fprintln(w, "\n== Throughput: payees screened per second (fastest of --repeat runs) and processor time per payee")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', tabwriter.AlignRight)
	fmt.Fprintln(tw, "set\tengine\tworkers\tpayees\tpayees/s\tpayscreen cpu ms/payee\twatchman cpu ms/payee\t")
	for _, t := range ts {
		srv := "-"
		if t.srvCPU >= 0 && strings.HasPrefix(t.engine, "watchman") {
			srv = fmt.Sprintf("%.2f", perPayee(t.srvCPU, t.n))
		}
		fmt.Fprintf(tw, "%s\t%s\t%d\t%d\t%.1f\t%.2f\t%s\t\n", t.set, t.engine, t.workers, t.n, rate(t.n, t.wall), perPayee(t.cpu, t.n), srv)
	}
	tw.Flush()
	fmt.Fprintln(w, "(\"watchman (search only)\" is one search per payee on one connection with the client's scoring, without payscreen's policy.")
	fmt.Fprintln(w, " Processor times count every thread; the server's is read from /proc, at 10 ms resolution, when compare started it.)")
}

func perPayee(d time.Duration, n int) float64 {
	if n == 0 {
		return 0
	}
	return float64(d) / float64(time.Millisecond) / float64(n)
}

func rate(n int, d time.Duration) float64 {
	if d <= 0 {
		return math.Inf(1)
	}
	return float64(n) / d.Seconds()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.1f", float64(d)/float64(time.Millisecond)) }

func msq(ds []time.Duration, q float64) string {
	if len(ds) == 0 {
		return "-"
	}
	return ms(quantile(ds, q))
}

func sum(ds []time.Duration) time.Duration {
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t
}

func mean(ds []time.Duration) time.Duration {
	if len(ds) == 0 {
		return 0
	}
	var t time.Duration
	for _, d := range ds {
		t += d
	}
	return t / time.Duration(len(ds))
}

func quantile(ds []time.Duration, q float64) time.Duration {
	s := slices.Clone(ds)
	slices.Sort(s)
	return s[min(len(s)-1, int(q*float64(len(s))))]
}
