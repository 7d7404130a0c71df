// Command genpayroll writes a realistic synthetic payroll as CSV, for
// measuring payscreen on large runs: names drawn from many cultures
// (including Korean, Arabic and Russian names, which are the hard cases for
// screening), valid IBANs and BICs, US bank accounts, a few crypto wallets,
// and a small share of rows that are listed names or listed identifiers.
//
// Usage:
//
//	go run ./scripts/bench/genpayroll -n 1000000 -seed 1 > payroll.csv
//
// The output is deterministic for a given -n and -seed.
package main

import (
	"bufio"
	"encoding/csv"
	"flag"
	"fmt"
	"math/big"
	"math/rand/v2"
	"os"
	"strconv"
)

var (
	given = []string{
		"Anna", "Lukas", "Sofia", "James", "Emma", "Pieter", "Marta", "Carlos", "Min-jun", "Ji-woo", "Mohammed",
		"Olena", "John", "Priya", "Wei", "Ahmed", "Seo-yeon", "Jean", "Maria", "Daniel", "Fatima", "Yusuf",
		"Ivan", "Elena", "Dmitri", "Olga", "Hiroshi", "Yuki", "Raj", "Ananya", "Lucas", "Gabriel", "Chloe",
		"Noah", "Mia", "Liam", "Olivia", "Mateo", "Camila", "Hana", "Jae-won", "Sung-min", "Hye-jin", "Tomasz",
		"Agnieszka", "Nikolai", "Svetlana", "Omar", "Layla", "Ali", "Zainab", "Kwame", "Ama", "Thabo", "Lerato",
		"Chen", "Li", "Xiao", "Arjun", "Deepika", "Sven", "Ingrid", "Matteo", "Giulia", "Pedro", "Ines", "Jonas",
	}
	family = []string{
		"Schmidt", "Novak", "Rossi", "O'Connor", "Johansson", "de Vries", "Kowalska", "Garcia Lopez", "Kim", "Park",
		"Al Amin", "Shevchenko", "Smith", "Natarajan", "Chen", "Hassan", "Lee", "Dupont", "Santos", "Muller",
		"Ivanov", "Petrova", "Sato", "Tanaka", "Sharma", "Patel", "Silva", "Martin", "Bernard", "Choi", "Jung",
		"Kang", "Cho", "Yoon", "Wiśniewski", "Nowak", "Popov", "Volkov", "Haddad", "Khalil", "Mensah", "Okafor",
		"Nkosi", "Wang", "Zhang", "Liu", "Gupta", "Iyer", "Andersson", "Nielsen", "Bianchi", "Romano", "Ferreira",
		"Costa", "Weber", "Fischer", "Kuznetsova", "Abdullah", "Rahman", "Hussain", "Nguyen", "Tran", "Pham",
	}
	companies = []string{"Software", "Digital", "Consulting", "Systems", "Labs", "Solutions", "Analytics", "Cloud", "Data", "Design"}
	forms     = []string{"GmbH", "Ltd", "LLC", "B.V.", "S.r.l.", "OU", "AB", "Inc.", "SAS", "Sp. z o.o."}
	// Listed names and identifiers, about 0.1% of rows: the screen must
	// find them at speed.
	listed = []string{"Sim Hyon Sop", "Kim Sang Man", "Ri Won Ho", "Han Chol Man", "Jong Song Hwa", "Kim Jong Sik"}
	ibanCC = []struct{ cc, bank, bic string }{
		{"DE", "37040044", "COBADEFFXXX"}, {"FR", "2004101005", "PSSTFRPP"}, {"NL", "ABNA", "ABNANL2A"},
		{"ES", "21000418", "CAIXESBBXXX"}, {"IT", "X0542811101", "BPMOIT22XXX"}, {"GB", "NWBK601613", "NWBKGB2L"},
	}
	countries = []string{"DE", "FR", "NL", "ES", "IT", "GB", "US", "PL", "SE", "KR", "IN", "BR", "AE", "UA", "SG", "JP"}
)

func main() {
	n := flag.Int("n", 1000000, "number of rows")
	seed := flag.Uint64("seed", 1, "random seed")
	flag.Parse()
	r := rand.New(rand.NewPCG(*seed, *seed^0x9e3779b97f4a7c15))
	bw := bufio.NewWriterSize(os.Stdout, 1<<20)
	w := csv.NewWriter(bw)
	w.Write([]string{"id", "name", "type", "dob", "country", "address", "email", "phone", "iban", "bic",
		"account_number", "routing_number", "bank_country", "wallet", "wallet_currency", "amount", "currency"})
	for i := 0; i < *n; i++ {
		rec := make([]string, 17)
		rec[0] = fmt.Sprintf("EMP-%07d", i+1)
		rec[4] = countries[r.IntN(len(countries))]
		switch x := r.IntN(1000); {
		case x == 0:
			rec[1], rec[2] = listed[r.IntN(len(listed))], "person"
		case x < 80:
			rec[1] = family[r.IntN(len(family))] + " " + companies[r.IntN(len(companies))] + " " + forms[r.IntN(len(forms))]
			rec[2] = "organization"
		default:
			g := given[r.IntN(len(given))]
			if r.IntN(5) == 0 {
				g += " " + given[r.IntN(len(given))]
			}
			rec[1], rec[2] = g+" "+family[r.IntN(len(family))], "person"
			rec[3] = fmt.Sprintf("%04d-%02d-%02d", 1955+r.IntN(50), 1+r.IntN(12), 1+r.IntN(28))
		}
		rec[6] = fmt.Sprintf("payee%d@example.com", i+1)
		// Distinct numbers per payee: shared phones are a red flag.
		rec[7] = fmt.Sprintf("+1 %03d %07d", 200+i/10000000, i%10000000)
		switch x := r.IntN(100); {
		case x < 60:
			b := ibanCC[r.IntN(len(ibanCC))]
			rec[8], rec[9], rec[12] = iban(r, b.cc, b.bank), b.bic, b.cc
		case x < 95:
			rec[10], rec[11], rec[12] = strconv.Itoa(100000000+r.IntN(900000000)), "021000021", "US"
		default:
			rec[13], rec[14] = "0x"+hex40(r), "ETH"
		}
		// Most payees live where their bank is; 3% do not (contractors
		// abroad), which the bank_country_mismatch red flag reviews.
		if rec[12] != "" && r.IntN(100) >= 3 {
			rec[4] = rec[12]
		}
		rec[15] = fmt.Sprintf("%d.%02d", 1500+r.IntN(9000), r.IntN(100))
		rec[16] = "EUR"
		w.Write(rec)
	}
	w.Flush()
	if err := w.Error(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	if err := bw.Flush(); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// ibanLengths are the BBAN lengths of the countries used, all digits.
var ibanLengths = map[string]int{"DE": 18, "FR": 23, "NL": 14, "ES": 20, "IT": 23, "GB": 18}

// iban returns a valid IBAN of country cc: the bank prefix, random digits
// up to the country's BBAN length, and the mod-97 check digits.
func iban(r *rand.Rand, cc, bank string) string {
	bban := []byte(bank)
	for len(bban) < ibanLengths[cc] {
		bban = append(bban, byte('0'+r.IntN(10)))
	}
	// Check digits: 98 - (BBAN + CC + "00") mod 97, letters as 10..35.
	var num []byte
	for _, c := range append(bban, cc[0], cc[1], '0', '0') {
		if c >= 'A' && c <= 'Z' {
			num = strconv.AppendInt(num, int64(c-'A'+10), 10)
		} else {
			num = append(num, c)
		}
	}
	v, _ := new(big.Int).SetString(string(num), 10)
	check := 98 - new(big.Int).Mod(v, big.NewInt(97)).Int64()
	return fmt.Sprintf("%s%02d%s", cc, check, bban)
}

func hex40(r *rand.Rand) string {
	const digits = "0123456789abcdef"
	b := make([]byte, 40)
	for i := range b {
		b[i] = digits[r.IntN(16)]
	}
	return string(b)
}
