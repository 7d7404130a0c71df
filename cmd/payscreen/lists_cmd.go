package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/payscreen/payscreen/lists"
)

// listsCommand runs "payscreen lists". Its fields replace the official
// download locations in tests; the zero value is the real command.
type listsCommand struct {
	feeds  []lists.Feed
	client *http.Client
}

func runLists(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	return listsCommand{}.run(ctx, args, stdout, stderr)
}

func (c listsCommand) run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		listsUsage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "update":
		return c.update(ctx, args[1:], stdout, stderr)
	case "info":
		return c.info(ctx, args[1:], stdout, stderr)
	case "help", "-h", "-help", "--help":
		listsUsage(stdout)
		return exitOK
	}
	fmt.Fprintf(stderr, "payscreen lists: unknown subcommand %q\n", args[0])
	listsUsage(stderr)
	return exitUsage
}

func listsUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage:")
	fmt.Fprintln(w, "  payscreen lists update [--dir DIR] [--force] [--source ofac_sdn,ofac_cons,un,eu,uk] [--mirror URL]")
	fmt.Fprintln(w, "  payscreen lists info [--dir DIR | --lists DIR ...] [--max-age DURATION] [--json]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "update downloads the official lists into the cache directory (from the")
	fmt.Fprintln(w, "publishers, or from a mirror of their files); info shows the")
	fmt.Fprintln(w, "lists in the cache (or in the folders given with --lists): publish dates,")
	fmt.Fprintln(w, "file sha256s and counts.")
}

// newFlagSet returns a flag set that reports errors to stderr without
// exiting.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

// parseFlags parses args into fs and returns the exit status to return
// at once, or -1 to go on.
func parseFlags(fs *flag.FlagSet, args []string, stderr io.Writer) int {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return exitOK
		}
		return exitUsage
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "%s: unexpected argument %q\n", fs.Name(), fs.Arg(0))
		fs.Usage()
		return exitUsage
	}
	return -1
}

// mirrorUsage describes --mirror of "lists update" and "serve".
const mirrorUsage = "download from the mirror at base `URL` instead of the publishers: files at URL/SOURCE/NAME as published (e.g. URL/ofac_sdn/SDN.CSV, URL/un/consolidated.xml; see README)"

// cacheDir returns dir, or the default cache directory when dir is empty.
func cacheDir(dir string) (string, error) {
	if dir != "" {
		return dir, nil
	}
	return lists.DefaultCacheDir()
}

func (c listsCommand) update(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen lists update", stderr)
	dir := fs.String("dir", "", "cache `directory` (default: the user cache directory/payscreen/lists)")
	force := fs.Bool("force", false, "download every file again and accept a list that lost more than 10% of its entries")
	var sources sourcesFlag
	fs.Var(&sources, "source", "comma-separated `sources` to update: ofac_sdn, ofac_cons, un, eu, uk (default all)")
	mirror := fs.String("mirror", "", mirrorUsage)
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	feeds := c.feeds
	if *mirror != "" {
		var err error
		if feeds, err = lists.MirrorFeeds(*mirror); err != nil {
			fmt.Fprintf(stderr, "payscreen lists update: --mirror: %v\n", err)
			return exitUsage
		}
	}
	d, err := cacheDir(*dir)
	if err != nil {
		fmt.Fprintf(stderr, "payscreen lists update: %v\n", err)
		return exitError
	}
	dl := lists.NewDownloader(d)
	dl.Force = *force
	dl.Sources = sources
	if feeds != nil {
		dl.Feeds = feeds
	}
	if c.client != nil {
		dl.Client = c.client
	}
	report, err := dl.Update(ctx)
	for _, s := range report.Sources {
		switch s.Outcome {
		case lists.Failed:
			fmt.Fprintf(stdout, "%-9s %-17s failed\n", s.Source, s.Format)
		default:
			fmt.Fprintf(stdout, "%-9s %-17s %-12s %d entities", s.Source, s.Format, s.Outcome, s.Entities)
			if s.Previous != 0 && s.Previous != s.Entities {
				fmt.Fprintf(stdout, " (%+d)", s.Entities-s.Previous)
			}
			fmt.Fprintln(stdout)
		}
	}
	if err != nil {
		for _, s := range report.Failed() {
			fmt.Fprintf(stderr, "payscreen lists update: %v\n", s.Err)
		}
		if len(report.Failed()) == 0 {
			fmt.Fprintf(stderr, "payscreen lists update: %v\n", err)
		}
		return exitError
	}
	fmt.Fprintf(stdout, "cache: %s\n", d)
	return exitOK
}

func (c listsCommand) info(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	fs := newFlagSet("payscreen lists info", stderr)
	dir := fs.String("dir", "", "cache `directory` (default: the user cache directory/payscreen/lists)")
	var dirs stringsFlag
	fs.Var(&dirs, "lists", "read the list files of `directory` instead of the cache (repeatable), or \"sample\" for the built-in SAMPLE lists")
	var maxAge durationFlag
	fs.Var(&maxAge, "max-age", "fail if a list was published and last retrieved longer ago than `duration` (e.g. 72h, 7d)")
	asJSON := fs.Bool("json", false, "print JSON")
	if code := parseFlags(fs, args, stderr); code >= 0 {
		return code
	}
	if *dir != "" && len(dirs) > 0 {
		fmt.Fprintln(stderr, "payscreen lists info: --dir and --lists cannot be used together")
		return exitUsage
	}
	opts := lists.LoadOptions{MaxAge: time.Duration(maxAge)}
	var set *lists.Set
	var err error
	switch {
	case len(dirs) == 1 && dirs[0] == "sample":
		set, err = lists.Sample()
	case len(dirs) > 0:
		set, err = lists.LoadDirs(ctx, dirs, opts)
	default:
		var d string
		if d, err = cacheDir(*dir); err == nil {
			set, err = lists.LoadCache(ctx, d, opts)
		}
	}
	if err != nil {
		fmt.Fprintf(stderr, "payscreen lists info: %v\n", err)
		return exitError
	}
	if *asJSON {
		err = writeListsJSON(stdout, set)
	} else {
		err = writeListsText(stdout, set)
	}
	if err != nil {
		fmt.Fprintf(stderr, "payscreen lists info: %v\n", err)
		return exitError
	}
	return exitOK
}

// listInfo is the JSON form of one list in "payscreen lists info --json".
type listInfo struct {
	Source        lists.Source
	Title         string
	Format        lists.Format
	Published     time.Time
	PublishedFrom string
	Retrieved     time.Time `json:",omitzero"`
	Sample        bool      `json:",omitempty"`
	Files         []lists.FileInfo
	Counts        lists.Counts
}

func writeListsJSON(w io.Writer, set *lists.Set) error {
	out := struct{ Lists []listInfo }{Lists: []listInfo{}}
	for _, l := range set.Lists {
		out.Lists = append(out.Lists, listInfo{
			Source: l.Source, Title: l.Source.Title(), Format: l.Format,
			Published: l.Published, PublishedFrom: l.PublishedFrom, Retrieved: l.Retrieved,
			Sample: l.Sample, Files: l.Files, Counts: l.Counts(),
		})
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

func writeListsText(w io.Writer, set *lists.Set) error {
	var b strings.Builder
	for i, l := range set.Lists {
		if i > 0 {
			b.WriteString("\n")
		}
		c := l.Counts()
		title := l.Source.Title()
		if l.Sample {
			title += " (SAMPLE: not for real screening)"
		}
		fmt.Fprintf(&b, "%s [%s]\n", title, l.Source)
		fmt.Fprintf(&b, "  format       %s\n", l.Format)
		fmt.Fprintf(&b, "  published    %s (%s)\n", formatTime(l.Published), l.PublishedFrom)
		if !l.Retrieved.IsZero() {
			fmt.Fprintf(&b, "  retrieved    %s\n", formatTime(l.Retrieved))
		}
		for _, f := range l.Files {
			fmt.Fprintf(&b, "  file         %s  %d bytes  sha256 %s\n", f.Name, f.Size, f.SHA256)
		}
		fmt.Fprintf(&b, "  entities     %d", c.Entities)
		sep := ": "
		for _, t := range []lists.EntityType{lists.Person, lists.Organization, lists.Vessel, lists.Aircraft, lists.TypeUnknown} {
			if n := c.ByType[t]; n > 0 {
				fmt.Fprintf(&b, "%s%d %s", sep, n, t)
				sep = ", "
			}
		}
		b.WriteString("\n")
		fmt.Fprintf(&b, "  aliases      %d strong, %d weak\n", c.StrongAliases, c.WeakAliases)
		fmt.Fprintf(&b, "  DPRK         %d\n", c.DPRK)
		fmt.Fprintf(&b, "  identifiers  %d\n", c.Identifiers)
		total := 0
		for _, n := range c.Crypto {
			total += n
		}
		fmt.Fprintf(&b, "  crypto       %d", total)
		sep = ": "
		for _, cur := range c.CryptoCurrencies() {
			fmt.Fprintf(&b, "%s%d %s", sep, c.Crypto[cur], cur)
			sep = ", "
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// formatTime formats t as a date when it is midnight UTC, else as RFC 3339.
func formatTime(t time.Time) string {
	if t.IsZero() {
		return "unknown"
	}
	t = t.UTC()
	if t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0 {
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339)
}

// sourcesFlag is a comma-separated list of sources; it may be repeated.
type sourcesFlag []lists.Source

func (s *sourcesFlag) String() string {
	var names []string
	for _, src := range *s {
		names = append(names, src.String())
	}
	return strings.Join(names, ",")
}

func (s *sourcesFlag) Set(v string) error {
	for _, name := range strings.Split(v, ",") {
		if strings.TrimSpace(name) == "" {
			continue
		}
		src, err := lists.ParseSource(name)
		if err != nil {
			return err
		}
		*s = append(*s, src)
	}
	return nil
}

// stringsFlag collects the values of a repeated flag.
type stringsFlag []string

func (s *stringsFlag) String() string     { return strings.Join(*s, ",") }
func (s *stringsFlag) Set(v string) error { *s = append(*s, v); return nil }

// durationFlag is a time.Duration that also accepts whole days ("7d").
type durationFlag time.Duration

func (d *durationFlag) String() string { return time.Duration(*d).String() }

func (d *durationFlag) Set(v string) error {
	if days, ok := strings.CutSuffix(v, "d"); ok {
		n, err := strconv.Atoi(days)
		if err != nil || n < 0 {
			return fmt.Errorf("invalid duration %q", v)
		}
		*d = durationFlag(time.Duration(n) * 24 * time.Hour)
		return nil
	}
	t, err := time.ParseDuration(v)
	if err != nil || t < 0 {
		return fmt.Errorf("invalid duration %q", v)
	}
	*d = durationFlag(t)
	return nil
}
