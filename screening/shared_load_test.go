package screening

import (
	"context"

	"github.com/payscreen/payscreen/lists"
)

func loadRealLists(dirs []string) (*lists.Set, error) {
	return lists.LoadDirs(context.Background(), dirs, lists.LoadOptions{})
}
