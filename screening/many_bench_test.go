package screening

import (
	"context"
	"encoding/csv"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/payscreen/payscreen/internal/benchtest"
)

// BenchmarkScreenRealMany screens many different names on the real lists,
// one payee per iteration, cycling: unlike BenchmarkScreenReal, whose one
// name keeps the index's per-search memory in cache, it pays for the
// scattered reads of varied searches as a server does. Every name is
// screened once before timing, as a long-running server has met the
// common names' tokens before (the index remembers what their probes
// found). On a shared machine ns/op is wall time, inflated by whatever
// else runs; cpu-ns/op, the processor time of the process per payee, is
// less sensitive to it. "ordinary" are the
// names of eval-public's negatives (payroll-like names found on no list),
// "listed" every 7th listed name with a typo in one word.
func BenchmarkScreenRealMany(b *testing.B) {
	_, s := realLists(b)
	var ordinary []string
	for _, file := range []string{"negatives_global.csv", "negatives_us.csv"} {
		f, err := os.Open(sharedPath(b, "eval-public/"+file))
		if err != nil {
			b.Fatal(err)
		}
		rows, err := csv.NewReader(f).ReadAll()
		f.Close()
		if err != nil {
			b.Fatal(err)
		}
		for _, r := range rows[1:] {
			ordinary = append(ordinary, r[0])
		}
	}
	var listed []string
	r := rand.New(rand.NewPCG(14, 14))
	for i := 0; i < s.names.ix.Len(); i += 7 {
		f := strings.Fields(s.names.ix.Entry(i).Name)
		if len(f) == 0 {
			continue
		}
		k := r.IntN(len(f))
		if w := []rune(f[k]); len(w) > 2 {
			w[1+r.IntN(len(w)-2)] = rune('a' + r.IntN(26))
			f[k] = string(w)
		}
		listed = append(listed, strings.Join(f, " "))
	}
	for _, bc := range []struct {
		name  string
		names []string
	}{{"ordinary", ordinary}, {"listed", listed}} {
		b.Run(bc.name, func(b *testing.B) {
			for _, n := range bc.names {
				if _, err := s.Screen(context.Background(), Payee{Name: n, Type: Person}); err != nil {
					b.Fatal(err)
				}
			}
			b.ReportAllocs()
			i := 0
			reportCPU := benchtest.ReportCPU(b)
			for b.Loop() {
				p := Payee{Name: bc.names[i%len(bc.names)], Type: Person}
				if _, err := s.Screen(context.Background(), p); err != nil {
					b.Fatal(err)
				}
				i++
			}
			reportCPU()
		})
	}
}
