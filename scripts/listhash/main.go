// Command listhash loads each list directory given (default: every
// directory two levels below /work/shared/lists, e.g. ofac/2025-12) with
// lists.LoadDir and prints, per directory, the number of entities and the
// sha256 of the JSON of the loaded Set (every list's metadata and
// entities). Running it before and after a refactoring of lists/ shows
// whether the parsers' output changed.
//
//	go run ./scripts/listhash [DIR...]
package main

import (
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"

	"github.com/payscreen/payscreen/lists"
)

func main() {
	dirs := os.Args[1:]
	if len(dirs) == 0 {
		var err error
		dirs, err = filepath.Glob("/work/shared/lists/*/*")
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
	}
	for _, dir := range dirs {
		if fi, err := os.Stat(dir); err != nil || !fi.IsDir() {
			continue
		}
		set, err := lists.LoadDir(context.Background(), dir, lists.LoadOptions{})
		if err != nil {
			fmt.Printf("%-40s error: %v\n", dir, err)
			continue
		}
		b, err := json.Marshal(set)
		if err != nil {
			fmt.Printf("%-40s json error: %v\n", dir, err)
			continue
		}
		fmt.Printf("%-40s %6d entities sha256 %x\n", dir, set.Len(), sha256.Sum256(b))
	}
}
