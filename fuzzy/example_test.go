package fuzzy_test

import (
	"fmt"

	"github.com/payscreen/payscreen/fuzzy"
)

func ExampleCompare() {
	r := fuzzy.Compare("Pak J Un", "PARK Jong-un")
	fmt.Println(r)
	for _, m := range r.Matches {
		fmt.Printf("%s %s %s %.2f\n", m.Query, m.Listed, m.Kind, m.Score)
	}
	fmt.Println(fuzzy.Compare("KIM JONG UN", "KIM JONG MAN"))
	fmt.Println(fuzzy.Compare("EMMA LLC", "ACME LLC"))
	// Output:
	// 0.92: pak=park equivalent 0.95, j=jong initial 0.80, un=un exact
	// pak park equivalent 0.95
	// j jong initial 0.80
	// un un exact 1.00
	// 0.67: kim=kim exact, jong=jong exact, +un, -man
	// 0.13: +emma, llc=llc exact, -acme
}

func ExampleJaroWinkler() {
	fmt.Printf("%.4f\n", fuzzy.JaroWinkler("martha", "marhta"))
	// Output: 0.9611
}

func ExampleIndex() {
	ix := fuzzy.NewIndex([]fuzzy.Entry{
		{Ref: 101, Name: "KIM JONG UN"},
		{Ref: 102, Name: "KIM YO JONG"},
		{Ref: 201, Name: "PUTIN, Vladimir Vladimirovich"},
		{Ref: 202, Name: "Владимир Путин"},
		{Ref: 301, Name: "ACME TRADING LLC"},
	})
	for _, c := range ix.Search("Vladimir Putin", fuzzy.DefaultThreshold, 10) {
		fmt.Printf("%d %q %s\n", c.Ref, c.Name, c.Result)
	}
	// Output:
	// 202 "Владимир Путин" 0.98: vladimir=vladimir transliterated 0.98, putin=putin transliterated 0.98
	// 201 "PUTIN, Vladimir Vladimirovich" 0.95: vladimir=vladimir exact, putin=putin exact, -vladimirovich
}
