package fuzzy

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

// An index of some of the names weighed with the whole corpus's weights
// finds, with the same scores, exactly the names of that subset the whole
// index finds; one weighed over the subset alone does not.
func TestNewIndexWeightedScoresAsTheWholeCorpus(t *testing.T) {
	all := []Entry{
		{Ref: 1, Name: "KIM JONG UN"}, {Ref: 2, Name: "KIM YO JONG"}, {Ref: 3, Name: "KIM JONG MAN"},
		{Ref: 4, Name: "KIM CHOL"}, {Ref: 5, Name: "KIM SONG"}, {Ref: 6, Name: "KIM IL"},
		{Ref: 7, Name: "PAK KIM"}, {Ref: 8, Name: "RI KIM"}, {Ref: 9, Name: "KIM HYON"},
		{Ref: 10, Name: "KIM SOK CHOL"}, {Ref: 11, Name: "ACME TRADING LLC"},
	}
	// Make KIM common enough in the corpus to weigh less than in the subset.
	for i := range 2000 {
		all = append(all, Entry{Ref: 100 + i, Name: "KIM " + string(rune('A'+i%26)) + string(rune('A'+i/26%26)) + "X"})
	}
	full := NewIndex(all)
	subset := []Entry{all[0], all[3], all[9]}
	weighted := NewIndexWeighted(subset, full.Weights())
	own := NewIndex(subset)
	inSubset := map[int]bool{1: true, 4: true, 10: true}
	differs := false
	for _, q := range []string{"Kim Chol", "Kim Jong Un", "Kim Sok", "Chol Kim", "Kim Un"} {
		var want []Candidate
		for _, c := range full.Search(q, 0.6, 0) {
			if inSubset[c.Ref] {
				want = append(want, c)
			}
		}
		got := weighted.Search(q, 0.6, 0)
		if assert.Len(t, got, len(want), q) {
			for i := range got {
				assert.Equal(t, want[i].Ref, got[i].Ref, q)
				assert.Equal(t, want[i].Result.Score, got[i].Result.Score, q)
			}
		}
		o := own.Search(q, 0.6, 0)
		if len(o) != len(want) || (len(o) > 0 && o[0].Result.Score != want[0].Result.Score) {
			differs = true
		}
	}
	assert.True(t, differs, "the subset's own weights should score differently, or this test proves nothing")
}
