package lists

import (
	"bytes"
	"compress/bzip2"
	"errors"
	"fmt"
	"io"
	"os"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDetectFormat(t *testing.T) {
	const (
		unHead   = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" + `<CONSOLIDATED_LIST xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dateGenerated="2026-02-27T00:00:09.554Z">` + "\n  <INDIVIDUALS>"
		ofacXML  = `<?xml version="1.0" standalone="yes"?>` + "\n" + `<sdnList xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/XML">`
		advanced = `<?xml version="1.0" encoding="utf-8"?><Sanctions xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" Version="3" xmlns="https://sanctionslistservice.ofac.treas.gov/api/PublicationPreview/exports/ADVANCED_XML"><DateOfIssue>`
		euXML    = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><!-- a comment --><export xmlns="http://eu.europa.ec/fpi/fsd/export" generationDate="2026-08-05T16:47:04.449+02:00">`
		ukXML    = `<?xml version="1.0" encoding="utf-8"?>` + "\n" + `<Designations xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" dateGenerated="2026-08-14T23:00:04.744Z">`
		euCSV    = "\xef\xbb\xbffileGenerationDate;Entity_LogicalId;Entity_EU_ReferenceNumber;Entity_UnitedNationId\n24/01/2024;13;EU.27.28;\n"
		ofsiCSV  = "Last Updated,25/01/2024\r\nName 6,Name 1,Name 2,Name 3,Name 4,Name 5,Title\r\n"
		ukCSV    = "Report Date: 14-Aug-2026\r\nLast Updated,Unique ID,OFSI Group ID,UN Reference Number,Name 6\r\n"
		sdnRow   = "36,\"AEROCARIBBEAN AIRLINES\",-0- ,\"CUBA\",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n"
		altRow   = "36,12,\"aka\",\"AERO-CARIBBEAN\",-0- \r\n"
		addRow   = "36,25,-0- ,\"Havana\",\"Cuba\",-0- \r\n"
		comRow   = "17016,\"tive Date (EO 14024 Directive)' associated with this name are prohibited.\"\r\n"
	)
	tests := []struct {
		name, file, head string
		format           Format
		source           Source
		err              error
		reason           string
	}{
		{"un", "consolidated.xml", unHead, FormatUNXML, UN, nil, "UN root CONSOLIDATED_LIST under its official name"},
		{"ofac consolidated", "CONSOLIDATED.XML", ofacXML, FormatOFACXML, OFACNonSDN, nil, "OFAC's CONSOLIDATED.XML shares the UN's name: the sdnList root decides, the name gives the source"},
		{"sdn xml", "SDN.XML", ofacXML, FormatOFACXML, OFACSDN, nil, "SDN.XML is the SDN list"},
		{"ofac xml other name", "ofac-2025.xml", ofacXML, FormatOFACXML, SourceUnknown, nil, "a renamed OFAC XML file: format from content, source left to the parser"},
		{"advanced", "SDN_ADVANCED.XML", advanced, FormatOFACAdvanced, OFACSDN, nil, "Sanctions root in the ADVANCED_XML namespace"},
		{"advanced bz2 name", "SDN_ADVANCED.XML.bz2", advanced, FormatOFACAdvanced, OFACSDN, nil, "the .bz2 suffix is ignored for the name: head is decompressed content"},
		{"advanced legacy ns", "SDN_ADVANCED.XML", `<Sanctions xmlns="http://www.un.org/sanctions/1.0">`, FormatOFACAdvanced, OFACSDN, nil, "older advanced files used the UN sanctions namespace"},
		{"sanctions other ns", "x.xml", `<Sanctions xmlns="urn:other">`, FormatUnknown, SourceUnknown, ErrUnknown, "a Sanctions root in another namespace is not OFAC's"},
		{"eu xml after comment", "fsf-1.1-excerpt.xml", euXML, FormatEUXML, EU, nil, "comments before the root are skipped"},
		{"eu xml wrong ns", "eu.xml", `<export xmlns="urn:x">`, FormatUnknown, SourceUnknown, ErrUnknown, "the EU root is recognized by its namespace too"},
		{"uk xml", "UK-Sanctions-List.xml", ukXML, FormatUKXML, UK, nil, "FCDO Designations root"},
		{"eu csv bom", "eu_csl.csv", euCSV, FormatEUCSV, EU, nil, "EU CSV header after a UTF-8 BOM"},
		{"ofsi csv", "ConList.csv", ofsiCSV, FormatOFSICSV, UK, nil, "OFSI: Last Updated line then the Name 6 header"},
		{"fcdo csv", "UK-Sanctions-List.csv", ukCSV, FormatUKCSV, UK, nil, "FCDO CSV: Report Date preamble then the header"},
		{"fcdo csv bom no preamble", "uk.csv", "\xef\xbb\xbfLast Updated,Unique ID,OFSI Group ID\r\n", FormatUKCSV, UK, nil, "FCDO CSV whose preamble was removed"},
		{"sdn.csv", "sdn.csv", sdnRow, FormatOFACCSV, OFACSDN, nil, "sdn.csv row: number, quoted name"},
		{"alt.csv", "ALT.CSV", altRow, FormatOFACCSV, OFACSDN, nil, "official names are matched case-insensitively"},
		{"add.csv", "add.csv", addRow, FormatOFACCSV, OFACSDN, nil, "add.csv row: number, number, null"},
		{"comments", "sdn_comments.csv", comRow, FormatOFACCSV, OFACSDN, nil, "comment rows continue remarks"},
		{"cons_prim", "cons_prim.csv", sdnRow, FormatOFACCSV, OFACNonSDN, nil, "cons_*.csv are the non-SDN lists"},
		{"ofac csv renamed", "sdn-2025.csv", sdnRow, FormatUnknown, SourceUnknown, ErrUnknown, "an OFAC CSV file must keep its name, which says which file of the quartet it is"},
		{"name says ofac, content eu", "sdn.csv", euCSV, FormatUnknown, SourceUnknown, ErrFormatMismatch, "name and content disagree"},
		{"name says uk, content un", "UK-Sanctions-List.xml", unHead, FormatUnknown, SourceUnknown, ErrFormatMismatch, "an official name with another list's content"},
		{"consolidated with eu content", "consolidated.xml", euXML, FormatUnknown, SourceUnknown, ErrFormatMismatch, "consolidated.xml is OFAC's or the UN's, not the EU's"},
		{"conlist with fcdo content", "ConList.csv", ukCSV, FormatUnknown, SourceUnknown, ErrFormatMismatch, "ConList.csv is the legacy OFSI format"},
		{"official name, unknown content", "sdn.csv", "hello world\n", FormatUnknown, SourceUnknown, ErrFormatMismatch, "an official name with content that is no list"},
		{"xml content csv name", "list.csv", unHead, FormatUnknown, SourceUnknown, ErrFormatMismatch, "the extension must match the content"},
		{"csv content xml name", "list.xml", euCSV, FormatUnknown, SourceUnknown, ErrFormatMismatch, "the extension must match the content"},
		{"generic xml name", "un-2026-02.xml", unHead, FormatUNXML, UN, nil, "any .xml name with UN content"},
		{"html error page", "consolidated.xml", "<!DOCTYPE html><html><body>500</body></html>", FormatUnknown, SourceUnknown, ErrFormatMismatch, "a server's error page saved under the list's name"},
		{"html", "page.xml", "<html><body>x</body></html>", FormatUnknown, SourceUnknown, ErrUnknown, "an unknown XML root"},
		{"ofsi xml", "ConList.xml", `<ArrayOfFinancialSanctionsTarget xmlns="http://schemas.hmtreasury.gov.uk/ofsi/consolidatedlist">`, FormatUnknown, SourceUnknown, ErrUnknown, "the legacy OFSI XML is not supported"},
		{"empty", "consolidated.xml", "", FormatUnknown, SourceUnknown, ErrEmpty, "an empty file"},
		{"blank", "x.csv", " \r\n\r\n", FormatUnknown, SourceUnknown, ErrEmpty, "whitespace only"},
		{"bzip2 bytes", "SDN_ADVANCED.XML.bz2", "BZh91AY&SY", FormatUnknown, SourceUnknown, ErrCompressed, "the head must be decompressed"},
		{"truncated xml head", "consolidated.xml", "<?xml version=\"1.0\"?><CONSOL", FormatUnknown, SourceUnknown, ErrFormatMismatch, "no complete root element"},
		{"binary", "x.csv", "\x00\x01\x02\x03", FormatUnknown, SourceUnknown, ErrUnknown, "binary content"},
		{"spec text", "dat_spec.txt", "                OFFICE OF FOREIGN ASSETS CONTROL\n", FormatUnknown, SourceUnknown, ErrUnknown, "OFAC's specification is text, not a list"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, src, err := DetectFormat(tt.file, []byte(tt.head))
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err, "DetectFormat(%q) error (%s)", tt.file, tt.reason)
				var de *DetectError
				assert.ErrorAs(t, err, &de)
				assert.Equal(t, tt.file, de.File)
				return
			}
			require.NoError(t, err, "DetectFormat(%q) (%s)", tt.file, tt.reason)
			require.Equal(t, tt.format, f, "DetectFormat(%q) (%s)", tt.file, tt.reason)
			require.Equal(t, tt.source, src, "DetectFormat(%q) (%s)", tt.file, tt.reason)
		})
	}
}

// TestDetectFormatShared recognizes every real file of ../shared/lists.
func TestDetectFormatShared(t *testing.T) {
	tests := []struct {
		rel    string
		format Format
		source Source
		err    error
	}{
		{"ofac/2025-12/sdn.csv", FormatOFACCSV, OFACSDN, nil},
		{"ofac/2025-12/alt.csv", FormatOFACCSV, OFACSDN, nil},
		{"ofac/2025-12/add.csv", FormatOFACCSV, OFACSDN, nil},
		{"ofac/2025-12/sdn_comments.csv", FormatOFACCSV, OFACSDN, nil},
		{"ofac/2025-02/sdn_comments.csv", FormatOFACCSV, OFACSDN, nil},
		{"ofac-nonsdn/2025-12/cons_prim.csv", FormatOFACCSV, OFACNonSDN, nil},
		{"ofac-nonsdn/2025-12/cons_alt.csv", FormatOFACCSV, OFACNonSDN, nil},
		{"ofac-nonsdn/2025-12/cons_add.csv", FormatOFACCSV, OFACNonSDN, nil},
		{"ofac-nonsdn/2025-12/cons_comments.csv", FormatOFACCSV, OFACNonSDN, nil},
		{"ofac-nonsdn/2025-03/CONSOLIDATED.XML", FormatOFACXML, OFACNonSDN, nil},
		{"ofac/2025-11-advanced/SDN_ADVANCED.XML.bz2", FormatOFACAdvanced, OFACSDN, nil},
		{"un/2026-02/consolidated.xml", FormatUNXML, UN, nil},
		{"un/2025-04/consolidated.xml", FormatUNXML, UN, nil},
		{"eu/2024-01/eu_csl.csv", FormatEUCSV, EU, nil},
		{"eu/2026-08-excerpt/fsf-1.1-excerpt.xml", FormatEUXML, EU, nil},
		{"uk/2024-01/ConList.csv", FormatOFSICSV, UK, nil},
		{"uk/2026-08-excerpt/UK-Sanctions-List-excerpt.xml", FormatUKXML, UK, nil},
		{"ofac/spec/dat_spec.txt", FormatUnknown, SourceUnknown, ErrUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.rel, func(t *testing.T) {
			head, err := readHead(sharedList(t, tt.rel))
			require.NoError(t, err)
			f, src, err := DetectFormat(tt.rel, head)
			if tt.err != nil {
				require.ErrorIs(t, err, tt.err, "DetectFormat = %v, %v", f, src)
				return
			}
			require.NoError(t, err)
			require.Equal(t, tt.format, f)
			require.Equal(t, tt.source, src)
		})
	}
}

// TestReadHeadBzip2 checks that the head of a .bz2 file is decompressed.
func TestReadHeadBzip2(t *testing.T) {
	p := sharedList(t, "ofac/2025-11-advanced/SDN_ADVANCED.XML.bz2")
	head, err := readHead(p)
	require.NoError(t, err)
	f, err := os.Open(p)
	require.NoError(t, err)
	defer f.Close()
	want := make([]byte, DetectHeadSize)
	if _, err := io.ReadFull(bzip2.NewReader(f), want); err != nil {
		t.Fatal(err)
	}
	assert.True(t, bytes.Equal(head, want), "readHead of a .bz2 file is not its decompressed start")
}

func FuzzDetectFormat(f *testing.F) {
	for _, s := range []struct{ name, head string }{
		{"consolidated.xml", `<CONSOLIDATED_LIST dateGenerated="x">`},
		{"sdn.csv", "36,\"X\",-0- \r\n"},
		{"eu.csv", "fileGenerationDate;Entity_LogicalId;\n"},
		{"ConList.csv", "Last Updated,1\nName 6,\n"},
		{"UK-Sanctions-List.csv", "Report Date: x\nLast Updated,Unique ID,\n"},
		{"x.xml", `<export xmlns="http://eu.europa.ec/fpi/fsd/export">`},
		{"x.bz2", "BZh9"},
	} {
		f.Add(s.name, []byte(s.head))
	}
	f.Fuzz(func(t *testing.T, name string, head []byte) {
		format, src, err := DetectFormat(name, head)
		if err != nil {
			require.Equal(t, FormatUnknown, format, "error %v with a format or a source", err)
			require.Equal(t, SourceUnknown, src, "error %v with a format or a source", err)
			var de *DetectError
			require.ErrorAs(t, err, &de)
			return
		}
		require.NotEqual(t, FormatUnknown, format, "no error but unknown format")
	})
}

func ExampleDetectFormat() {
	head := []byte(`<?xml version="1.0" encoding="UTF-8"?>
<CONSOLIDATED_LIST dateGenerated="2026-02-27T00:00:09.554Z">`)
	format, source, err := DetectFormat("consolidated.xml", head)
	fmt.Println(format, source, err)

	// The name is that of the UK list, the content the UN's.
	_, _, err = DetectFormat("UK-Sanctions-List.xml", head)
	fmt.Println(errors.Is(err, ErrFormatMismatch))
	// Output:
	// un_xml un <nil>
	// true
}
