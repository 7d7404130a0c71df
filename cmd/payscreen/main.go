// Command payscreen screens payroll payees and payments against the
// official sanctions lists (OFAC, UN, EU, UK).
//
// Usage:
//
//	payscreen <command> [subcommand] [flags]
//
// Run "payscreen help" for the list of commands. Exit status: 0 on
// success, 1 on error (with a message on stderr naming what failed), 2 on
// a usage error.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

// Exit statuses.
const (
	exitOK    = 0
	exitError = 1
	exitUsage = 2
)

// command is one subcommand of payscreen. run gets the arguments after
// the command's name and returns the exit status.
type command struct {
	name    string
	summary string
	run     func(ctx context.Context, args []string, stdout, stderr io.Writer) int
}

// commands returns payscreen's commands, in the order help shows them.
func commands() []command {
	return []command{
		{name: "screen", summary: "screen a payroll file (CSV or JSON Lines): one decision per row", run: runScreen},
		{name: "check", summary: "screen one payee and explain the decision", run: runCheck},
		{name: "eval", summary: "measure screening on labelled rows and suggest thresholds", run: runEval},
		{name: "compare", summary: "compare payscreen's matching with a Moov Watchman server on the same lists and payees", run: runCompare},
		{name: "lists", summary: "download the sanctions lists and show what is loaded", run: runLists},
		{name: "serve", summary: "serve screening over HTTP (JSON API, Watchman-compatible search, hot list refresh)", run: runServe},
	}
}

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr)
	stop()
	os.Exit(code)
}

// run runs payscreen with args (without the program name) and returns the
// exit status.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	if len(args) == 0 {
		usage(stderr)
		return exitUsage
	}
	switch args[0] {
	case "help", "-h", "-help", "--help":
		usage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name == args[0] {
			return c.run(ctx, args[1:], stdout, stderr)
		}
	}
	fmt.Fprintf(stderr, "payscreen: unknown command %q\n", args[0])
	usage(stderr)
	return exitUsage
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "Usage: payscreen <command> [subcommand] [flags]")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Commands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, `Run "payscreen <command> -h" for a command's flags.`)
}
