package main

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// A sender sends requests over one client's connection(s); each worker
// goroutine has its own.
type sender interface {
	// send sends r and reads its whole answer; it returns an error kind,
	// or "" for a 200 answer.
	send(r *request) string
	close()
}

// netSender sends with net/http's client (a shared Transport).
type netSender struct {
	client *http.Client
	key    string
}

func (s netSender) send(r *request) string { return do(s.client, *r, s.key) }
func (s netSender) close()                 {}

// rawSender sends HTTP/1.1 requests, written out once beforehand, over one
// keep-alive connection of its own, and reads the answers itself: status
// line, headers, a body of Content-Length bytes or chunked. It is the
// same exchange as net/http's client makes, at a fraction of its
// processor time (no per-request goroutine hand-offs), so that on a
// machine shared by the driver and the server, the server gets more of
// it: the reason tools such as wrk exist.
type rawSender struct {
	addr    string
	timeout time.Duration
	conn    net.Conn
	br      *bufio.Reader
	line    []byte
}

func newRawSender(addr string, timeout time.Duration) *rawSender {
	return &rawSender{addr: addr, timeout: timeout}
}

func (s *rawSender) close() {
	if s.conn != nil {
		s.conn.Close()
		s.conn, s.br = nil, nil
	}
}

func (s *rawSender) send(r *request) string {
	if s.conn == nil {
		c, err := net.DialTimeout("tcp", s.addr, s.timeout)
		if err != nil {
			return "transport"
		}
		s.conn = c
		s.br = bufio.NewReaderSize(c, 32<<10)
	}
	s.conn.SetDeadline(time.Now().Add(s.timeout))
	if _, err := s.conn.Write(r.raw); err != nil {
		s.close()
		return errKind(err)
	}
	status, keep, err := s.readResponse()
	if err != nil {
		s.close()
		return errKind(err)
	}
	if !keep {
		s.close()
	}
	if status != http.StatusOK {
		return "status " + strconv.Itoa(status)
	}
	return ""
}

// errKind is the error kind of a failed exchange, for either client.
func errKind(err error) string {
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() {
		return "timeout"
	}
	if errors.Is(err, errProtocol) {
		return "protocol"
	}
	return "transport"
}

var errProtocol = errors.New("malformed HTTP answer")

// readLine reads one CRLF-terminated line, without it.
func (s *rawSender) readLine() ([]byte, error) {
	s.line = s.line[:0]
	for {
		frag, err := s.br.ReadSlice('\n')
		s.line = append(s.line, frag...)
		if err == nil {
			break
		}
		if !errors.Is(err, bufio.ErrBufferFull) {
			return nil, err
		}
		if len(s.line) > 64<<10 {
			return nil, errProtocol
		}
	}
	return bytes.TrimRight(s.line, "\r\n"), nil
}

// readResponse reads one answer: its status, whether the connection stays
// open, and its body, which is discarded.
func (s *rawSender) readResponse() (status int, keep bool, err error) {
	line, err := s.readLine()
	if err != nil {
		return 0, false, err
	}
	// HTTP/1.1 200 OK
	if len(line) < 12 || !bytes.HasPrefix(line, []byte("HTTP/1.")) || line[8] != ' ' {
		return 0, false, errProtocol
	}
	status, err = strconv.Atoi(string(line[9:12]))
	if err != nil {
		return 0, false, errProtocol
	}
	keep = line[7] == '1'
	length, chunked := int64(-1), false
	for {
		h, err := s.readLine()
		if err != nil {
			return 0, false, err
		}
		if len(h) == 0 {
			break
		}
		name, value, ok := bytes.Cut(h, []byte(":"))
		if !ok {
			return 0, false, errProtocol
		}
		value = bytes.TrimSpace(value)
		switch {
		case bytes.EqualFold(name, []byte("Content-Length")):
			if length, err = strconv.ParseInt(string(value), 10, 64); err != nil || length < 0 {
				return 0, false, errProtocol
			}
		case bytes.EqualFold(name, []byte("Transfer-Encoding")):
			chunked = bytes.EqualFold(value, []byte("chunked"))
		case bytes.EqualFold(name, []byte("Connection")):
			keep = !bytes.EqualFold(value, []byte("close"))
		}
	}
	switch {
	case chunked:
		return status, keep, s.discardChunked()
	case length >= 0:
		_, err := s.br.Discard(int(length))
		return status, keep, err
	case status == http.StatusNoContent || status == http.StatusNotModified || status/100 == 1:
		return status, keep, nil
	}
	// A body to the end of the connection.
	_, err = io.Copy(io.Discard, s.br)
	return status, false, err
}

func (s *rawSender) discardChunked() error {
	for {
		line, err := s.readLine()
		if err != nil {
			return err
		}
		if i := bytes.IndexByte(line, ';'); i >= 0 {
			line = line[:i]
		}
		n, err := strconv.ParseInt(string(bytes.TrimSpace(line)), 16, 64)
		if err != nil || n < 0 {
			return errProtocol
		}
		if n == 0 {
			for { // trailers, up to the blank line
				t, err := s.readLine()
				if err != nil {
					return err
				}
				if len(t) == 0 {
					return nil
				}
			}
		}
		if _, err := s.br.Discard(int(n)); err != nil {
			return err
		}
		if crlf, err := s.readLine(); err != nil || len(crlf) != 0 {
			return errProtocol
		}
	}
}

// rawRequest writes out r as an HTTP/1.1 request.
func rawRequest(r request, key string) ([]byte, string, error) {
	u, err := url.Parse(r.url)
	if err != nil {
		return nil, "", err
	}
	var b bytes.Buffer
	fmt.Fprintf(&b, "%s %s HTTP/1.1\r\nHost: %s\r\nUser-Agent: payscreen-load\r\n", r.method, u.RequestURI(), u.Host)
	if r.ctype != "" {
		fmt.Fprintf(&b, "Content-Type: %s\r\n", r.ctype)
	}
	if key != "" {
		fmt.Fprintf(&b, "X-API-Key: %s\r\n", key)
	}
	if r.body != nil || r.method == http.MethodPost {
		fmt.Fprintf(&b, "Content-Length: %d\r\n", len(r.body))
	}
	b.WriteString("\r\n")
	b.Write(r.body)
	return b.Bytes(), u.Host, nil
}
