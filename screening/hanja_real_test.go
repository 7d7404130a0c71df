package screening

import (
	"context"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestRealHanjaNames screens DPRK persons of OFAC's SDN list written in
// Han characters, as a payroll system holding Korean names in Hanja would
// have them: each is found through its Sino-Korean reading, which pinyin
// alone does not give (金正恩 is jin zheng en in pinyin), and a Han name is
// not matched to a listed person whose name its reading does not spell.
func TestRealHanjaNames(t *testing.T) {
	_, s := realLists(t)
	tests := []struct {
		name   string
		entity string
		match  bool
		reason string
	}{
		{"金正恩", "20157", true, "KIM Jong Un: 金 김 Kim (the name reading, not 금), 正 정 Jong, 恩 은 Un"},
		{"金與正", "21444", true, "KIM Yo Jong: 與 여 Yo"},
		{"崔龍海", "23213", true, "CHOE Ryong Hae: 崔 최 Choe, 龍 룡 Ryong, 海 해 Hae"},
		{"李炳哲", "23215", true, "RI Pyong Chol: 李 리 Ri, 炳 병 Pyong, 哲 철 Chol"},
		{"金正恩", "21444", false, "Kim Jong Un is not KIM Yo Jong: one syllable in common"},
		{"李明", "23215", false, "Li Ming (리명 Ri Myong) is not RI Pyong Chol"},
	}
	for _, tt := range tests {
		t.Run(tt.name+"/"+tt.entity, func(t *testing.T) {
			r, err := s.Screen(context.Background(), Payee{Name: tt.name, Type: Person})
			require.NoError(t, err)
			assert.Equal(t, tt.match, hasMatch(r, tt.entity, Review), "%s\n%s", tt.reason, r.Explain())
		})
	}
}
