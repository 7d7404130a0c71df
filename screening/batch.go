package screening

import (
	"context"
	"errors"
	"io"
	"runtime"
	"sync"

	"github.com/shopspring/decimal"
)

// Row is one input row of a batch: a payee (with an optional payment
// amount), or the error that made the row unreadable.
type Row struct {
	// Line is the row's position in its input (1-based; for CSV the line
	// after the header counts as 1), reported back in its RowResult.
	Line     int
	Payee    Payee
	Amount   decimal.Decimal
	Currency string
	// HasAmount reports whether the row gave an amount.
	HasAmount bool
	// Err is set when the row could not be read; the row still gets a
	// result, carrying the error.
	Err error
}

// RowResult is the outcome of one row, in input order.
type RowResult struct {
	Row    Row
	Result Result
	// Err is the row's error: unreadable input or a failure to screen it.
	// A row with an error has no decision.
	Err error
}

// RowReader is a stream of rows; Read returns io.EOF after the last row.
// Any other error stops the batch.
type RowReader interface {
	Read() (Row, error)
}

// PayeeRows returns a RowReader of payees, as rows numbered from 1: a
// batch over payees a program already holds.
func PayeeRows(payees []Payee) RowReader { return &payeeRows{payees: payees} }

type payeeRows struct {
	payees []Payee
	next   int
}

func (r *payeeRows) Read() (Row, error) {
	if r.next == len(r.payees) {
		return Row{}, io.EOF
	}
	r.next++
	return Row{Line: r.next, Payee: r.payees[r.next-1]}, nil
}

// BatchOptions configure a batch run.
type BatchOptions struct {
	// Workers is the number of goroutines screening rows; 0 means
	// runtime.GOMAXPROCS(0).
	Workers int
	// Window bounds the rows read but not yet written; 0 means 256 per
	// worker. Memory stays bounded by it whatever the input size.
	Window int
}

// ScreenBatch screens every row from r on all cores and calls emit with
// each row's result, exactly once per row and in input order. A row that
// could not be read, or whose screening failed, is emitted with its error
// and the run goes on. ScreenBatch stops at the first error from r (other
// than io.EOF) or from emit, or when ctx is done, and returns it; emit is
// never called concurrently.
func (s *Screener) ScreenBatch(ctx context.Context, r RowReader, opts BatchOptions, emit func(RowResult) error) error {
	workers := opts.Workers
	if workers <= 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	window := opts.Window
	if window <= 0 {
		window = 256 * workers
	}
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()

	b := &batchRun{
		ctx:     ctx,
		cancel:  cancel,
		jobs:    make(chan batchJob, window),
		results: make(chan batchDone, window),
		slots:   make(chan struct{}, window),
	}
	go b.read(r)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			b.screen(s)
		}()
	}
	go func() {
		wg.Wait()
		close(b.results)
	}()

	emitErr := b.emitInOrder(window, emit)
	switch {
	case emitErr != nil:
		return emitErr
	case b.readErr != nil:
		return b.readErr
	}
	return context.Cause(ctx)
}

type batchJob struct {
	seq int
	row Row
}

type batchDone struct {
	seq int
	res RowResult
}

// batchRun is the state of one ScreenBatch: a reader feeding jobs,
// workers screening them into results, and the caller's goroutine
// emitting results in order. slots holds the rows in flight.
type batchRun struct {
	ctx     context.Context
	cancel  context.CancelFunc
	jobs    chan batchJob
	results chan batchDone
	slots   chan struct{}
	// readErr is set by read before it closes jobs, and read by
	// ScreenBatch once results is closed.
	readErr error
}

// read numbers the rows of r into jobs, one slot each, until io.EOF, an
// error of r (kept in readErr, and the run cancelled) or the end of ctx.
func (b *batchRun) read(r RowReader) {
	defer close(b.jobs)
	for seq := 0; ; seq++ {
		select {
		case b.slots <- struct{}{}:
		case <-b.ctx.Done():
			return
		}
		row, err := r.Read()
		if errors.Is(err, io.EOF) {
			<-b.slots
			return
		}
		if err != nil {
			b.readErr = err
			b.cancel()
			return
		}
		select {
		case b.jobs <- batchJob{seq, row}:
		case <-b.ctx.Done():
			return
		}
	}
}

// screen screens jobs into results until jobs is closed or ctx is done.
func (b *batchRun) screen(s *Screener) {
	for j := range b.jobs {
		out := RowResult{Row: j.row, Err: j.row.Err}
		if out.Err == nil {
			out.Result, out.Err = s.Screen(b.ctx, j.row.Payee)
		}
		select {
		case b.results <- batchDone{j.seq, out}:
		case <-b.ctx.Done():
			return
		}
	}
}

// emitInOrder calls emit with each result in input order, freeing a slot
// per row emitted, and returns emit's first error (after which it
// cancels the run and drains results).
func (b *batchRun) emitInOrder(window int, emit func(RowResult) error) error {
	pending := make(map[int]RowResult, window)
	next := 0
	var emitErr error
	for d := range b.results {
		if emitErr != nil {
			continue
		}
		pending[d.seq] = d.res
		for {
			res, ok := pending[next]
			if !ok {
				break
			}
			delete(pending, next)
			next++
			if err := emit(res); err != nil {
				emitErr = err
				b.cancel()
				break
			}
			<-b.slots
		}
	}
	return emitErr
}
