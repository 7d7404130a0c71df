package fuzzy

// NewIndexWeighted indexes the names of entries like [NewIndex], but weighs
// tokens with w — weights counted over a larger corpus — instead of
// counting them over entries. An index of a few names weighed with the
// weights of the whole corpus scores every one of them exactly as an index
// of the whole corpus does: this is how a subset of a corpus (the entries
// of a list that changed) is searched with the corpus's scores. A nil w
// counts the weights over entries, as NewIndex does.
func NewIndexWeighted(entries []Entry, w *Weights) *Index { return newIndex(entries, w) }
