package lists

import "io"

// File is a named stream of a list file, as the parsers read it. Name is
// used in errors and in the list's [FileInfo]; it is usually the base name
// of the file ("sdn.csv").
type File struct {
	Name string
	R    io.Reader
}
