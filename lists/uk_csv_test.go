package lists

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestParseUKCSVFixture reads testdata/uk/UK-Sanctions-List.csv, the four
// designations of UK-Sanctions-List.xml in the CSV layout (one row per name
// and address, several values packed as "(1) ... (2) ..."): the two formats
// of one list must give the same entities.
func TestParseUKCSVFixture(t *testing.T) {
	l, err := ParseUKCSV(File{Name: "UK-Sanctions-List.csv", R: bytes.NewReader(ukTestdata(t, "UK-Sanctions-List.csv"))})
	require.NoError(t, err)
	if l.Source != UK || l.Format != FormatUKCSV || l.PublishedFrom != PublishedFromContent || l.Files != nil {
		t.Errorf("list header = %v %v %q %v", l.Source, l.Format, l.PublishedFrom, l.Files)
	}
	if want := time.Date(2026, 8, 14, 0, 0, 0, 0, time.UTC); !l.Published.Equal(want) {
		t.Errorf("Published = %v, want %v from the Report Date line", l.Published, want)
	}
	ukCheckEntities(t, l.Entities, ukFixtureEntities())
}

func TestParseUKCSVVariants(t *testing.T) {
	fixture := string(ukTestdata(t, "UK-Sanctions-List.csv"))
	base := map[string]string{
		"Unique ID": "RUS9001", "Name 6": "SAMPLOV", "Name 1": "Ivan", "Name type": "Primary Name",
		"Regime Name": "Russia", "Designation Type": "Individual",
	}
	tests := []struct {
		name, in string
		check    func(*testing.T, *List)
		reason   string
	}{
		{
			"no report date", fixture[strings.Index(fixture, "\n")+1:],
			func(t *testing.T, l *List) {
				assert.True(t, l.Published.IsZero(), "Published = %v, 4 entities", l.Published)
				assert.Empty(t, l.PublishedFrom, "Published = %v, 4 entities", l.Published)
				assert.Len(t, l.Entities, 4, "Published = %v, 4 entities", l.Published)
			},
			"a file whose Report Date line was removed has no date of its own",
		},
		{
			"BOM and CRLF", "\ufeff" + strings.ReplaceAll(fixture, "\n", "\r\n"),
			func(t *testing.T, l *List) { ukCheckEntities(t, l.Entities, ukFixtureEntities()) },
			"a byte order mark and Windows line ends change nothing",
		},
		{
			"pipes", "Report Date: 14-Aug-2026\n" + ukCSVLines(ukCSVColumns[:], "\n", ukWith(base,
				"D.O.B", "dd/mm/1968|12/11/1967", "Nationality(/ies)", "Russia|Israel", "Passport number", "A1|B2")),
			func(t *testing.T, l *List) {
				e := l.Entities[0]
				wantDOB := []DateOfBirth{{From: Date{Year: 1968}}, {From: Date{1967, 11, 12}}}
				wantIDs := []Identifier{{Type: IDPassport, Label: "Passport number", Value: "A1"}, {Type: IDPassport, Label: "Passport number", Value: "B2"}}
				ukCheckEntities(t, []Entity{{BirthDates: e.BirthDates, Nationalities: e.Nationalities, Identifiers: e.Identifiers}},
					[]Entity{{BirthDates: wantDOB, Nationalities: []string{"RU", "IL"}, Identifiers: wantIDs}})
			},
			"values packed with | are split like numbered ones",
		},
		{
			"extra column", "Report Date: 14-Aug-2026\n" + ukCSVLines(append(ukCSVColumns[:], "New column"), "\n", ukWith(base, "New column", "new value")),
			func(t *testing.T, l *List) {
				if got, want := l.Entities[0].Remarks, "New column: new value"; got != want {
					t.Errorf("Remarks = %q, want %q", got, want)
				}
			},
			"a column the parser does not know is kept in the remarks, not dropped",
		},
		{
			"unmapped nationality", "Report Date: 14-Aug-2026\n" + ukCSVLines(ukCSVColumns[:], "\n", ukWith(base, "Nationality(/ies)", "(1) Russia (2) Atlantis")),
			func(t *testing.T, l *List) {
				e := l.Entities[0]
				assert.Len(t, e.Nationalities, 1)
				assert.Equal(t, "RU", e.Nationalities[0])
				assert.Equal(t, "Nationality: (1) Russia (2) Atlantis", e.Remarks)
			},
			"a nationality that names no known country is kept as published in the remarks",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			l, err := ParseUKCSV(File{Name: "f.csv", R: strings.NewReader(tt.in)})
			require.NoError(t, err, "%s", tt.reason)
			tt.check(t, l)
		})
	}
}

// ukWith returns a copy of base with the key-value pairs kv set.
func ukWith(base map[string]string, kv ...string) map[string]string {
	m := make(map[string]string, len(base)+len(kv)/2)
	for k, v := range base {
		m[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return m
}

func FuzzParseUKCSV(f *testing.F) {
	f.Add(ukTestdata(f, "UK-Sanctions-List.csv"))
	f.Add([]byte("Report Date: 14-Aug-2026\n" + strings.Join(ukCSVColumns[:], ",") + "\n"))
	f.Add([]byte(strings.Join(ukCSVColumns[:], ",") + "\n" + strings.Repeat(",", len(ukCSVColumns)-1) + "\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		ukCheckFuzz(t, ParseUKCSV, data)
	})
}

// BenchmarkParseUKCSVFixture parses the fixture (no full FCDO CSV is
// available offline).
func BenchmarkParseUKCSVFixture(b *testing.B) {
	ukBench(b, ParseUKCSV, "testdata/uk/UK-Sanctions-List.csv")
}
