// Package examples_test builds every example program and runs the command
// its README shows, checking that the output is the one the README prints:
// the READMEs cannot rot. Run with -update to rewrite the READMEs' outputs
// from real runs after a deliberate change.
package examples_test

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the output blocks of the examples' READMEs from real runs")

// examples are the example programs, by directory under examples/.
var examples = []string{"screen-one", "payroll-batch", "payment-gate", "custom-policy", "indicator-feed"}

// root is the module root: the examples' commands run from there, as their
// READMEs show.
const root = ".."

var (
	buildOnce sync.Once
	binDir    string
	buildErr  error
)

// binaries builds every example once into a temporary directory and returns
// it. The directory is removed by TestMain.
func binaries(t *testing.T) string {
	t.Helper()
	buildOnce.Do(func() {
		binDir, buildErr = os.MkdirTemp("", "payscreen-examples-")
		if buildErr != nil {
			return
		}
		args := []string{"build", "-o", binDir + string(filepath.Separator)}
		for _, e := range examples {
			args = append(args, "./examples/"+e)
		}
		cmd := exec.Command(goTool(), args...)
		cmd.Dir = root
		out, err := cmd.CombinedOutput()
		if err != nil {
			buildErr = fmt.Errorf("go build: %v\n%s", err, out)
		}
	})
	require.NoError(t, buildErr, "building the examples")
	return binDir
}

func goTool() string {
	if p, err := exec.LookPath("go"); err == nil {
		return p
	}
	return filepath.Join(os.Getenv("GOROOT"), "bin", "go")
}

func TestMain(m *testing.M) {
	flag.Parse()
	code := m.Run()
	if binDir != "" {
		os.RemoveAll(binDir)
	}
	os.Exit(code)
}

// run runs the built example with args from the module root and returns
// what it wrote to standard output and standard error, interleaved as a
// terminal shows them, followed by "exit status N" when N is not 0 — what
// `go run` prints.
func run(t *testing.T, example string, args ...string) string {
	t.Helper()
	cmd := exec.Command(filepath.Join(binaries(t), example), args...)
	cmd.Dir = root
	var out bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &out
	err := cmd.Run()
	var exit *exec.ExitError
	if errors.As(err, &exit) {
		fmt.Fprintf(&out, "exit status %d\n", exit.ExitCode())
	} else {
		require.NoError(t, err, "running %s", example)
	}
	return out.String()
}

// session is one command of a README and the output it shows.
type session struct {
	start, end int // byte offsets of the output in the README
	args       []string
	output     string
}

// consoleBlock matches a ```console block: a "$ go run ./examples/NAME ..."
// line, then the output.
var consoleBlock = regexp.MustCompile("(?s)```console\n\\$ go run \\./examples/([a-z-]+)([^\n]*)\n(.*?)```")

// sessions returns the console blocks of a README.
func sessions(t *testing.T, readme []byte, example string) []session {
	t.Helper()
	var ss []session
	for _, m := range consoleBlock.FindAllSubmatchIndex(readme, -1) {
		require.Equal(t, example, string(readme[m[2]:m[3]]), "a README runs its own example")
		ss = append(ss, session{
			start:  m[6],
			end:    m[7],
			args:   splitArgs(t, string(readme[m[4]:m[5]])),
			output: string(readme[m[6]:m[7]]),
		})
	}
	return ss
}

// splitArgs splits a command line the way a shell does for the plain
// words and double-quoted strings the READMEs use.
func splitArgs(t *testing.T, s string) []string {
	t.Helper()
	var args []string
	var cur strings.Builder
	inWord, quoted := false, false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
			inWord = true
		case r == ' ' && !quoted:
			if inWord {
				args = append(args, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteRune(r)
			inWord = true
		}
	}
	require.False(t, quoted, "unbalanced quote in %q", s)
	if inWord {
		args = append(args, cur.String())
	}
	return args
}

// TestREADMEs runs the commands of every example's README and compares
// their output with the one the README shows.
func TestREADMEs(t *testing.T) {
	for _, example := range examples {
		t.Run(example, func(t *testing.T) {
			path := filepath.Join(example, "README.md")
			readme, err := os.ReadFile(path)
			require.NoError(t, err)
			ss := sessions(t, readme, example)
			require.NotEmpty(t, ss, "%s shows a command and its output in a ```console block", path)
			var updated []byte
			last := 0
			for _, s := range ss {
				got := run(t, example, s.args...)
				if *update {
					updated = append(append(updated, readme[last:s.start]...), got...)
					last = s.end
					continue
				}
				assert.Equal(t, s.output, got, "output of %s %s (go test ./examples -update rewrites the README)", example, strings.Join(s.args, " "))
			}
			if *update {
				updated = append(updated, readme[last:]...)
				require.NoError(t, os.WriteFile(path, updated, 0o644))
			}
		})
	}
}
