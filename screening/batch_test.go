package screening

import (
	"context"
	"errors"
	"fmt"
	"io"
	"sync/atomic"
	"testing"
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
				if r.Row.Line != next+1 {
					t.Fatalf("result for line %d, want %d: out of order", r.Row.Line, next+1)
				}
				if (next%97 == 0) != (r.Err != nil) {
					t.Fatalf("line %d: err = %v", r.Row.Line, r.Err)
				}
				if r.Err == nil {
					want, _ := s.Screen(context.Background(), rows[next].Payee)
					if want.Decision != r.Result.Decision {
						t.Fatalf("line %d: batch decided %s, Screen %s", r.Row.Line, r.Result.Decision, want.Decision)
					}
				}
				next++
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
			if next != len(rows) {
				t.Fatalf("%d results for %d rows", next, len(rows))
			}
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
	if !errors.Is(err, readErr) {
		t.Errorf("reader error: got %v, want %v", err, readErr)
	}
	emitErr := errors.New("output full")
	n := 0
	err = s.ScreenBatch(context.Background(), &sliceReader{rows: rows}, BatchOptions{}, func(RowResult) error {
		n++
		if n == 10 {
			return emitErr
		}
		return nil
	})
	if !errors.Is(err, emitErr) || n != 10 {
		t.Errorf("emit error: got %v after %d rows, want %v after 10", err, n, emitErr)
	}
	ctx, cancel := context.WithCancel(context.Background())
	n = 0
	err = s.ScreenBatch(ctx, &sliceReader{rows: rows}, BatchOptions{}, func(RowResult) error {
		n++
		if n == 5 {
			cancel()
		}
		return nil
	})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled: got %v, want context.Canceled", err)
	}
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
		if ahead := int(r.i.Load()) - written; ahead > window {
			t.Fatalf("reader %d rows ahead of the writer, window %d", ahead, window)
		}
		return nil
	})
	if err != nil || written != len(rows) {
		t.Fatalf("err %v, %d written", err, written)
	}
}
