package screening

import (
	"context"
	"testing"
)

// BenchmarkScreenRealHan screens payees written in Han characters, which
// are searched in pinyin and in their Korean and Japanese readings (the
// Japanese dictionary loaded before the timer starts).
func BenchmarkScreenRealHan(b *testing.B) {
	_, s := realLists(b)
	for _, name := range []string{"金正恩", "山田太郎", "王伟"} {
		p := Payee{Name: name, Type: Person}
		if _, err := s.Screen(context.Background(), p); err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := s.Screen(context.Background(), p); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
