package screening

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// sliceReader serves rows from a slice, counting how many are read.
type sliceReader struct {
	rows []Row
	i    atomic.Int64 // rows read so far
	err  error        // returned after the rows instead of io.EOF, if set
}

func (r *sliceReader) Read() (Row, error) {
	i := int(r.i.Load())
	if i >= len(r.rows) {
		if r.err != nil {
			return Row{}, r.err
		}
		return Row{}, io.EOF
	}
	r.i.Add(1)
	return r.rows[i], nil
}

func TestScreenBatchOrderAndErrors(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	names := []string{"Ri Won Ho", "Anna Schmidt", "Han Chol Man", "Kim Sang Man", "John Smith"}
	var rows []Row
	for i := range 1000 {
		r := Row{Line: i + 1, Payee: Payee{ID: fmt.Sprint(i), Name: names[i%len(names)]}}
		if i%97 == 0 {
			r.Err = errors.New("unreadable row")
		}
		rows = append(rows, r)
	}
	for _, workers := range []int{1, 2, 8} {
		t.Run(fmt.Sprint(workers, " workers"), func(t *testing.T) {
			next := 0
			err := s.ScreenBatch(context.Background(), &sliceReader{rows: rows}, BatchOptions{Workers: workers, Window: 16}, func(r RowResult) error {
				require.Equal(t, next+1, r.Row.Line, "result out of order")
				require.Equal(t, next%97 == 0, r.Err != nil, "line %d: every 97th row is bad; err = %v", r.Row.Line, r.Err)
				if r.Err == nil {
					want, _ := s.Screen(context.Background(), rows[next].Payee)
					require.Equal(t, want.Decision, r.Result.Decision, "line %d: batch vs Screen", r.Row.Line)
				}
				next++
				return nil
			})
			require.NoError(t, err)
			require.Equal(t, len(rows), next, "one result per row")
		})
	}
}

func TestScreenBatchStops(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	rows := make([]Row, 500)
	for i := range rows {
		rows[i] = Row{Line: i + 1, Payee: Payee{Name: "Ri Won Ho"}}
	}
	readErr := errors.New("disk failed")
	err := s.ScreenBatch(context.Background(), &sliceReader{rows: rows, err: readErr}, BatchOptions{}, func(RowResult) error { return nil })
	assert.ErrorIs(t, err, readErr, "reader error")
	emitErr := errors.New("output full")
	n := 0
	err = s.ScreenBatch(context.Background(), &sliceReader{rows: rows}, BatchOptions{}, func(RowResult) error {
		n++
		if n == 10 {
			return emitErr
		}
		return nil
	})
	assert.ErrorIs(t, err, emitErr, "emit error")
	assert.Equal(t, 10, n, "rows emitted before the emit error")
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = s.ScreenBatch(ctx, &sliceReader{rows: rows}, BatchOptions{}, func(RowResult) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	assert.ErrorIs(t, err, context.Canceled, "cancelled")
}

// TestScreenBatchBoundedWindow checks that the reader never runs more than
// the window ahead of the writer.
func TestScreenBatchBoundedWindow(t *testing.T) {
	s := sampleScreener(t, DefaultPolicy())
	rows := make([]Row, 2000)
	for i := range rows {
		rows[i] = Row{Line: i + 1, Payee: Payee{Name: "Anna Schmidt"}}
	}
	r := &sliceReader{rows: rows}
	written := 0
	const window = 32
	err := s.ScreenBatch(context.Background(), r, BatchOptions{Workers: 2, Window: window}, func(RowResult) error {
		written++
		require.LessOrEqual(t, int(r.i.Load())-written, window, "rows the reader is ahead of the writer")
		return nil
	})
	require.NoError(t, err)
	require.Equal(t, len(rows), written, "rows written")
}
