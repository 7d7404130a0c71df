// Package fuzzy decides how alike two names are, explains why, and finds
// the few listed names worth scoring among many.
//
// Names are normalized (Unicode normal forms, marks removed, case folded,
// apostrophes and breves dropped), transliterated to Latin from Cyrillic,
// Greek, Arabic, Hangul, Han (pinyin), kana (Hepburn), Hebrew and Thai,
// and split into [Token] values that carry
// equivalence keys: Korean romanizations (Revised, McCune–Reischauer and the
// spellings the sanctions lists use, and the surname spellings of South
// Korean passports: Rhee, Whang, Hahn) share a key, as do common
// transliteration variants such as Mohammed and Muhammad. [Compare] scores
// two names in [0,1] with a per-token explanation, and an [Index] retrieves
// candidate names quickly.
//
// The package knows nothing of sanctions lists or payees: strings in, scores
// and explanations out. All exported functions are safe for concurrent use.
package fuzzy
