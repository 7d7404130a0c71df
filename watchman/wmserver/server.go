// Package wmserver runs a local Moov Watchman server over payscreen's list
// files, for tests and for comparing Watchman with payscreen's own
// matching. The server binary is built from the Go module proxy by
// scripts/watchman/build.sh.
//
// The server listens on 127.0.0.1 only, loads exactly the given list
// files as its initial data, and never downloads anything: every download
// URL Watchman knows is pointed at a loopback sink that answers 404 and
// counts the attempts ([Server.DownloadAttempts]).
package wmserver

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/moov-io/watchman/pkg/search"
)

// Version is the Watchman release this package is written for: the
// environment variables and file names it sets are those of its source.
const Version = "v0.65.1"

// DefaultStartTimeout is how long [Start] waits for the server to load
// its lists and answer. Loading OFAC, the UN and the EU takes Watchman
// v0.65.1 about 7 s on one core.
const DefaultStartTimeout = 3 * time.Minute

// Config says which server to start over which lists.
type Config struct {
	// Binary is the path of the Watchman server binary.
	Binary string
	// Dirs are directories of official list files, as given to
	// payscreen's --lists; see [DataFiles].
	Dirs []string
	// Log, if set, receives the server's log as well.
	Log io.Writer
	// StartTimeout bounds the start; zero means DefaultStartTimeout.
	StartTimeout time.Duration
}

// Server is a running Watchman server. Close stops it.
type Server struct {
	// URL is the server's base URL, http://127.0.0.1:port.
	URL string
	// Lists are the source lists it loaded.
	Lists []search.SourceList

	dir      string
	cmd      *exec.Cmd
	exited   chan struct{}
	waitErr  error
	log      *logBuffer
	sink     *http.Server
	attempts atomic.Int64
	once     sync.Once
}

// Start starts a Watchman server over the list files of c.Dirs and waits
// until it has loaded them and answers. The server's files live in a new
// temporary directory, removed by Close.
func Start(ctx context.Context, c Config) (*Server, error) {
	files, err := DataFiles(c.Dirs)
	if err != nil {
		return nil, err
	}
	if _, err := os.Stat(c.Binary); err != nil {
		return nil, fmt.Errorf("wmserver: server binary: %w (build it with scripts/watchman/build.sh)", err)
	}
	var last error
	for range 3 {
		s, err := start(ctx, c, files)
		if err == nil {
			return s, nil
		}
		last = err
		// Another process may have taken the port between its choice
		// and the server's bind; try other ports.
		if !strings.Contains(err.Error(), "address already in use") {
			break
		}
	}
	return nil, last
}

func start(ctx context.Context, c Config, files []DataFile) (_ *Server, err error) {
	dir, err := os.MkdirTemp("", "payscreen-watchman-")
	if err != nil {
		return nil, fmt.Errorf("wmserver: %w", err)
	}
	s := &Server{dir: dir, Lists: Lists(files), exited: make(chan struct{}), log: &logBuffer{}}
	defer func() {
		if err != nil {
			s.Close()
		}
	}()
	data := filepath.Join(dir, "data")
	if err := os.Mkdir(data, 0o700); err != nil {
		return nil, fmt.Errorf("wmserver: %w", err)
	}
	for _, f := range files {
		abs, err := filepath.Abs(f.Path)
		if err != nil {
			return nil, fmt.Errorf("wmserver: %w", err)
		}
		if err := os.Symlink(abs, filepath.Join(data, f.Name)); err != nil {
			return nil, fmt.Errorf("wmserver: %w", err)
		}
	}
	sinkURL, err := s.startSink()
	if err != nil {
		return nil, err
	}
	ports, err := freePorts(2)
	if err != nil {
		return nil, err
	}
	addr := fmt.Sprintf("127.0.0.1:%d", ports[0])
	s.URL = "http://" + addr
	var included []string
	for _, l := range s.Lists {
		included = append(included, string(l))
	}
	config := fmt.Sprintf(`Watchman:
  Servers:
    BindAddress: %q
    AdminAddress: "127.0.0.1:%d"
  Download:
    RefreshInterval: "8760h"
    InitialDataDirectory: %q
    ErrorOnEmptyList: true
    IncludedLists: [%s]
`, addr, ports[1], data, strings.Join(included, ", "))
	configPath := filepath.Join(dir, "config.yml")
	if err := os.WriteFile(configPath, []byte(config), 0o600); err != nil {
		return nil, fmt.Errorf("wmserver: %w", err)
	}

	logFile, err := os.Create(filepath.Join(dir, "server.log"))
	if err != nil {
		return nil, fmt.Errorf("wmserver: %w", err)
	}
	defer logFile.Close()
	out := io.MultiWriter(logFile, s.log)
	if c.Log != nil {
		out = io.MultiWriter(out, c.Log)
	}
	s.cmd = exec.Command(c.Binary)
	s.cmd.Dir = dir
	s.cmd.Env = Env(dir, configPath, data, sinkURL, included)
	s.cmd.Stdout, s.cmd.Stderr = out, out
	if err := s.cmd.Start(); err != nil {
		return nil, fmt.Errorf("wmserver: starting %s: %w", c.Binary, err)
	}
	go func() {
		s.waitErr = s.cmd.Wait()
		close(s.exited)
	}()
	if err := s.waitReady(ctx, cmp.Or(c.StartTimeout, DefaultStartTimeout)); err != nil {
		return nil, err
	}
	return s, nil
}

// Env is the whole environment the server runs with (nothing is
// inherited): its configuration file, its initial data directory, the
// lists to load, no refresh for a year, and every download URL of Watchman
// v0.65.1 pointed at sink.
func Env(home, configPath, data, sink string, included []string) []string {
	sink = strings.TrimRight(sink, "/")
	return []string{
		"PATH=/usr/bin:/bin",
		"HOME=" + home,
		"TMPDIR=" + home,
		"APP_CONFIG=" + configPath,
		"INITIAL_DATA_DIRECTORY=" + data,
		"INCLUDED_LISTS=" + strings.Join(included, ","),
		"DATA_REFRESH_INTERVAL=8760h",
		"DOWNLOAD_TIMEOUT=5s",
		"OFAC_DOWNLOAD_TEMPLATE=" + sink + "/ofac/%s",
		"US_NON_SDN_DOWNLOAD_TEMPLATE=" + sink + "/us_non_sdn/%s",
		"UN_CONSOLIDATED_LIST_URL=" + sink + "/un_csl",
		"EU_CSL_DOWNLOAD_URL=" + sink + "/eu_csl",
		"UK_SANCTIONS_LIST_URL=" + sink + "/uk_csl",
		"US_CSL_DOWNLOAD_URL=" + sink + "/us_csl",
		"US_CSL_DOWNLOAD_TEMPLATE=" + sink + "/us_csl",
		"FINCEN_311_DOWNLOAD_URL=" + sink + "/us_fincen_311",
		"US_TEL_URL=" + sink + "/us_tel",
	}
}

// startSink starts the loopback server every download URL points at.
func (s *Server) startSink() (string, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("wmserver: %w", err)
	}
	s.sink = &http.Server{
		Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			s.attempts.Add(1)
			http.Error(w, "payscreen test sink: no downloads", http.StatusNotFound)
		}),
		ReadHeaderTimeout: 5 * time.Second,
	}
	go s.sink.Serve(ln)
	return "http://" + ln.Addr().String(), nil
}

// DownloadAttempts returns how many requests the server made to download
// a list: none, when every list was found in its initial data.
func (s *Server) DownloadAttempts() int64 { return s.attempts.Load() }

// Log returns the end of the server's log.
func (s *Server) Log() string { return s.log.String() }

// waitReady waits until the server answers /v2/listinfo with every list
// loaded, or exits, or timeout passes.
func (s *Server) waitReady(ctx context.Context, timeout time.Duration) error {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	client := &http.Client{Timeout: 2 * time.Second}
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	for {
		select {
		case <-s.exited:
			return fmt.Errorf("wmserver: server exited (%v) before it was ready; log:\n%s", s.waitErr, s.Log())
		case <-ctx.Done():
			return fmt.Errorf("wmserver: server not ready after %v: %w; log:\n%s", timeout, ctx.Err(), s.Log())
		case <-tick.C:
		}
		n, err := s.loaded(ctx, client)
		if err == nil && n == len(s.Lists) {
			return nil
		}
	}
}

// loaded returns how many of s.Lists the server reports with entries.
func (s *Server) loaded(ctx context.Context, client *http.Client) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, s.URL+"/v2/listinfo", nil)
	if err != nil {
		return 0, err
	}
	resp, err := client.Do(req)
	if err != nil {
		return 0, err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return 0, fmt.Errorf("HTTP %d", resp.StatusCode)
	}
	var info search.ListInfoResponse
	if err := json.NewDecoder(resp.Body).Decode(&info); err != nil {
		return 0, err
	}
	n := 0
	for _, l := range s.Lists {
		if info.Lists[string(l)] > 0 {
			n++
		}
	}
	return n, nil
}

// Close stops the server (SIGTERM, then SIGKILL after 10 s) and removes
// its files.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		if s.cmd != nil && s.cmd.Process != nil {
			select {
			case <-s.exited:
			default:
				_ = s.cmd.Process.Signal(syscall.SIGTERM)
				select {
				case <-s.exited:
				case <-time.After(10 * time.Second):
					_ = s.cmd.Process.Kill()
					<-s.exited
				}
			}
		}
		if s.sink != nil {
			_ = s.sink.Close()
		}
		if s.dir != "" {
			err = os.RemoveAll(s.dir)
		}
	})
	return err
}

// freePorts returns n loopback ports free at the time of the call.
func freePorts(n int) ([]int, error) {
	var lns []net.Listener
	defer func() {
		for _, ln := range lns {
			ln.Close()
		}
	}()
	var out []int
	for range n {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			return nil, fmt.Errorf("wmserver: %w", err)
		}
		lns = append(lns, ln)
		out = append(out, ln.Addr().(*net.TCPAddr).Port)
	}
	return out, nil
}

// logBuffer keeps the last 16 KiB written to it.
type logBuffer struct {
	mu  sync.Mutex
	buf []byte
}

const logKeep = 16 << 10

func (b *logBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.buf = append(b.buf, p...)
	if len(b.buf) > logKeep {
		b.buf = append(b.buf[:0], b.buf[len(b.buf)-logKeep:]...)
	}
	return len(p), nil
}

func (b *logBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return string(bytes.TrimSpace(b.buf))
}

// CPUTime returns the processor time the server has used so far (user and
// system), read from /proc: Linux only.
func (s *Server) CPUTime() (time.Duration, error) {
	if s.cmd == nil || s.cmd.Process == nil {
		return 0, errors.New("wmserver: server not started")
	}
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", s.cmd.Process.Pid))
	if err != nil {
		return 0, fmt.Errorf("wmserver: %w", err)
	}
	// The command name (field 2) is in parentheses and may hold spaces;
	// utime and stime are fields 14 and 15, in clock ticks.
	i := bytes.LastIndexByte(b, ')')
	if i < 0 {
		return 0, errors.New("wmserver: unreadable /proc stat")
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0, errors.New("wmserver: unreadable /proc stat")
	}
	var ticks int64
	for _, v := range f[11:13] {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			return 0, fmt.Errorf("wmserver: unreadable /proc stat: %w", err)
		}
		ticks += n
	}
	// USER_HZ is 100 on every Linux architecture Go supports.
	return time.Duration(ticks) * 10 * time.Millisecond, nil
}
