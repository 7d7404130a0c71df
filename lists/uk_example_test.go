package lists_test

import (
	"fmt"
	"os"

	"github.com/payscreen/payscreen/lists"
)

func ExampleParseUKXML() {
	f, err := os.Open("testdata/uk/UK-Sanctions-List.xml")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	l, err := lists.ParseUKXML(lists.File{Name: "UK-Sanctions-List.xml", R: f})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(l.Format, l.Published.Format("2006-01-02"), len(l.Entities), "designations")
	for _, e := range l.Entities {
		fmt.Printf("%s %-12s %-24q %d names, DPRK %v\n", e.ID, e.Type, e.PrimaryName(), len(e.Names), e.DPRK)
	}
	// Output:
	// uk_xml 2026-08-14 4 designations
	// RUS9001 person       "Ivan Petrovich SAMPLOV" 5 names, DPRK false
	// RUS9002 organization "EXAMPLE HOLDINGS JSC"   4 names, DPRK false
	// DPR9003 person       "Chol Su KIM"            3 names, DPRK true
	// DPR9004 vessel       "EXAMPLE STAR"           3 names, DPRK true
}

func ExampleParseUKCSV() {
	f, err := os.Open("testdata/uk/UK-Sanctions-List.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	l, err := lists.ParseUKCSV(lists.File{Name: "UK-Sanctions-List.csv", R: f})
	if err != nil {
		fmt.Println(err)
		return
	}
	e := l.Entities[0]
	fmt.Println(e.ID, e.PrimaryName(), e.BirthDates[0], e.Nationalities)
	for _, id := range e.Identifiers {
		if id.Type == lists.IDPassport || id.Type == lists.IDNationalID {
			fmt.Println(id.Type, id.Value, "issued by", id.Country)
		}
	}
	// Output:
	// RUS9001 Ivan Petrovich SAMPLOV 1971-02-14 [RU IL]
	// passport 7200000001 issued by RU
	// passport P1234567 issued by IL
	// national_id 770000000001 issued by RU
}

func ExampleParseOFSICSV() {
	f, err := os.Open("testdata/uk/ConList.csv")
	if err != nil {
		fmt.Println(err)
		return
	}
	defer f.Close()
	l, err := lists.ParseOFSICSV(lists.File{Name: "ConList.csv", R: f})
	if err != nil {
		fmt.Println(err)
		return
	}
	c := l.Counts()
	fmt.Printf("published %s: %d groups, %d strong and %d weak aliases, %d DPRK\n",
		l.Published.Format("2006-01-02"), c.Entities, c.StrongAliases, c.WeakAliases, c.DPRK)
	// Output:
	// published 2024-01-25: 5 groups, 9 strong and 2 weak aliases, 2 DPRK
}
