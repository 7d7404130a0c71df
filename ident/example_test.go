package ident_test

import (
	"fmt"

	"github.com/payscreen/payscreen/ident"
)

func ExampleParseIBAN() {
	i, err := ident.ParseIBAN("gb29 nwbk 6016 1331 9268 19")
	fmt.Println(i, i.Country(), err)
	_, err = ident.ParseIBAN("GB28NWBK60161331926819")
	fmt.Println(err)
	// Output:
	// GB29NWBK60161331926819 GB <nil>
	// invalid IBAN: checksum mismatch: mod-97 check failed
}

func ExampleParseBIC() {
	b, _ := ident.ParseBIC("KKBCKPPY")
	fmt.Println(b.Institution(), b.Country(), b.BIC11())
	// Output: KKBC KP KKBCKPPYXXX
}

func ExampleParseCryptoAddress() {
	// OFAC lists this Tron address under the XBT tag: the format is
	// detected from the address, not from the tag.
	a, _ := ident.ParseCryptoAddress("TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq")
	fmt.Println(a.Format, a.Tags)
	// EVM addresses compare case-insensitively, one account on every chain.
	fmt.Println(ident.CryptoKey("0xB6F5EC1A0A9CD1526536D3F0426C429529471F40"))
	// Output:
	// tron [TRX USDT USDC]
	// 0xb6f5ec1a0a9cd1526536d3f0426c429529471f40
}
