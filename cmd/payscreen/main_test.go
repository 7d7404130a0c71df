package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
)

// runCmd runs payscreen in-process and returns its exit status and output.
func runCmd(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(t.Context(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

func TestRunUsage(t *testing.T) {
	tests := []struct {
		args   []string
		code   int
		out    string // in stdout
		errOut string // in stderr
		reason string
	}{
		{nil, exitUsage, "", "Usage: payscreen", "no command is a usage error"},
		{[]string{"help"}, exitOK, "lists", "", "help lists the commands on stdout"},
		{[]string{"--help"}, exitOK, "Usage: payscreen", "", "-help too"},
		{[]string{"frobnicate"}, exitUsage, "", `unknown command "frobnicate"`, "an unknown command is a usage error"},
		{[]string{"lists"}, exitUsage, "", "payscreen lists update", "lists needs a subcommand"},
		{[]string{"lists", "delete"}, exitUsage, "", `unknown subcommand "delete"`, "an unknown subcommand"},
		{[]string{"lists", "info", "--bogus"}, exitUsage, "", "flag provided but not defined", "an unknown flag"},
		{[]string{"lists", "info", "-h"}, exitOK, "", "-max-age", "-h prints the flags"},
		{[]string{"lists", "info", "extra"}, exitUsage, "", `unexpected argument "extra"`, "no positional arguments"},
		{[]string{"lists", "info", "--dir", "a", "--lists", "b"}, exitUsage, "", "cannot be used together", "--dir and --lists exclude each other"},
		{[]string{"lists", "info", "--max-age", "soon", "--lists", "b"}, exitUsage, "", "invalid duration", "a bad duration"},
		{[]string{"lists", "update", "--mirror", "ftp://mirror.internal/lists"}, exitUsage, "", "--mirror: lists: invalid mirror URL", "a mirror is downloaded over http or https"},
		{[]string{"lists", "update", "-h"}, exitOK, "", "URL/ofac_sdn/SDN.CSV", "-h shows the mirror's layout"},
		{[]string{"lists", "update", "--source", "ofac"}, exitUsage, "", `unknown source "ofac"`, "sources are ofac_sdn, ofac_cons, un, eu, uk"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			code, out, errOut := runCmd(t, tt.args...)
			assert.Equal(t, tt.code, code, "exit (%s)\nstderr: %s", tt.reason, errOut)
			assert.Contains(t, out, tt.out, "stdout (%s)", tt.reason)
			assert.Contains(t, errOut, tt.errOut, "stderr (%s)", tt.reason)
		})
	}
}
