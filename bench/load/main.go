// Command load measures the FamilyVoice server under load through its
// JSON API, the way a busy survey week would hit it.
//
//	go run ./bench/load [-clients 64] [-duration 10s] [-warmup 1s] [-short]
//
// It builds the real binary (or takes one with -bin), starts
// "familyvoice serve" on 127.0.0.1 on a free port with a fresh database
// holding the demo survey and its responses, and then, with the same
// number of keep-alive clients each time, measures GET /healthz and
// durable POST /api/v1/surveys/send-local-area/responses of valid demo
// answer sets, each with its own Idempotency-Key. It prints requests,
// throughput, latency percentiles, errors by status and the CPU time the
// server and the generator spent a request for each (read from /proc and
// getrusage: on a shared machine it varies less than throughput), the
// ratio of the two throughputs, the server's resident memory (VmRSS, and
// VmHWM reset once start-up is over so that it is the peak while
// serving), and the load average, since other work on the machine skews
// every figure. After
// stopping the server it opens the database read-only and checks that it
// holds exactly the responses that were acknowledged with 201.
//
// The targets for a 2-core machine are printed next to the figures as
// PASS or MISS. Timings are never asserted: the exit status is 1 only
// when something broke (a request that failed, a response lost or stored
// twice) and 2 for bad flags. -short runs each endpoint for 2 s, for CI.
//
// The generator shares the machine with the server, so it is kept cheap:
// bodies are marshalled before the clock starts, each client writes its
// serialised requests on a keep-alive connection of its own (see conn),
// and the generator runs with GOMAXPROCS 1 (-procs) so that its
// goroutines hand work to each other on one thread instead of competing
// with the server for both cores. Neither process is pinned by default, because the server is
// meant to use every core it has; -server-cpus runs it under
// "taskset -c LIST", and running the whole command under "taskset -c 1"
// pins the generator.
package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/demo"
	_ "modernc.org/sqlite"
)

// Targets for a 2-core machine serving the demo.
const (
	targetRatio  = 0.20
	targetSubmit = 10000.0 // submissions a second
	targetP99    = 20 * time.Millisecond
	targetRSS    = 60 << 20 // bytes; printed, like every size here, in MB of 2^20 bytes
)

type config struct {
	bin        string
	clients    int
	duration   time.Duration
	warmup     time.Duration
	procs      int
	serverCPUs string
	bodies     int
	keep       bool
}

func main() {
	os.Exit(run(os.Args[1:], os.Stdout))
}

func run(args []string, out io.Writer) int {
	cfg, err := parseFlags(args)
	if err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return 0
		}
		fmt.Fprintln(os.Stderr, "load:", err)
		return 2
	}
	runtime.GOMAXPROCS(cfg.procs)
	if err := bench(cfg, out); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		return 1
	}
	return 0
}

func parseFlags(args []string) (config, error) {
	var cfg config
	fs := flag.NewFlagSet("load", flag.ContinueOnError)
	fs.StringVar(&cfg.bin, "bin", "", "familyvoice binary to run (default: build ./cmd/familyvoice)")
	fs.IntVar(&cfg.clients, "clients", 64, "concurrent keep-alive clients")
	fs.DurationVar(&cfg.duration, "duration", 10*time.Second, "how long to measure each endpoint")
	fs.DurationVar(&cfg.warmup, "warmup", time.Second, "load before measuring each endpoint, not counted in the figures")
	fs.IntVar(&cfg.procs, "procs", 1, "GOMAXPROCS of the load generator")
	fs.StringVar(&cfg.serverCPUs, "server-cpus", "", "run the server under taskset -c with this CPU list (default: not pinned)")
	fs.IntVar(&cfg.bodies, "bodies", 1000, "distinct demo answer sets to submit, in turn")
	fs.BoolVar(&cfg.keep, "keep", false, "keep the temporary directory with the database and server log")
	short := fs.Bool("short", false, "measure for 2s after a 0.5s warm-up, for CI")
	if err := fs.Parse(args); err != nil {
		return cfg, err
	}
	if fs.NArg() > 0 {
		return cfg, fmt.Errorf("unexpected arguments: %s", strings.Join(fs.Args(), " "))
	}
	if *short {
		cfg.duration, cfg.warmup = 2*time.Second, 500*time.Millisecond
	}
	if cfg.clients < 1 || cfg.duration <= 0 || cfg.warmup < 0 || cfg.procs < 1 || cfg.bodies < 1 {
		return cfg, errors.New("-clients, -duration, -procs and -bodies must be positive and -warmup not negative")
	}
	return cfg, nil
}

func bench(cfg config, out io.Writer) (err error) {
	dir, err := os.MkdirTemp("", "familyvoice-load-")
	if err != nil {
		return err
	}
	defer func() {
		if cfg.keep || err != nil {
			fmt.Fprintf(out, "kept %s\n", dir)
			return
		}
		os.RemoveAll(dir)
	}()
	bin, built := cfg.bin, ""
	if bin == "" {
		if bin, err = build(dir); err != nil {
			return err
		}
		built = " (built from ./cmd/familyvoice)"
	}
	loadBefore := loadAverage()
	dbPath := filepath.Join(dir, "load.db")
	srv, err := startServer(bin, dbPath, cfg.serverCPUs, filepath.Join(dir, "server.log"))
	if err != nil {
		return err
	}
	defer srv.kill()
	base := "http://" + srv.addr
	def, err := fetchDefinition(&http.Client{Timeout: 30 * time.Second}, base+"/api/v1/surveys/"+demo.Slug)
	if err != nil {
		return err
	}
	bodies, err := answerBodies(def, cfg.bodies)
	if err != nil {
		return err
	}
	demoCount, err := countStored(dbPath)
	if err != nil {
		return err
	}
	// The peak so far is start-up's (the demo's generation, the first
	// admin's password hash); reset it so VmHWM measures serving.
	startRSS, err := memory(srv.cmd.Process.Pid)
	if err != nil {
		return err
	}
	peakName := "server peak RSS while serving"
	if err := os.WriteFile(fmt.Sprintf("/proc/%d/clear_refs", srv.cmd.Process.Pid), []byte("5"), 0); err != nil {
		peakName = "server peak RSS, start-up too"
	}

	pinned := "not pinned"
	if cfg.serverCPUs != "" {
		pinned = "pinned to CPUs " + cfg.serverCPUs
	}
	fmt.Fprintf(out, "FamilyVoice load benchmark\n")
	fmt.Fprintf(out, "  binary     %s%s\n", bin, built)
	fmt.Fprintf(out, "  machine    %d CPUs; load average %s before the run\n", runtime.NumCPU(), loadBefore)
	fmt.Fprintf(out, "  server     pid %d at %s, %s; demo survey %s with %d responses\n",
		srv.cmd.Process.Pid, srv.addr, pinned, demo.Slug, demoCount)
	fmt.Fprintf(out, "             RSS %s when ready, start-up peak %s\n", mb(startRSS.now), mb(startRSS.peak))
	fmt.Fprintf(out, "  generator  GOMAXPROCS %d, %d keep-alive clients, %s warm-up then %s measured per endpoint, %d distinct answer sets (%s average body)\n\n",
		cfg.procs, cfg.clients, cfg.warmup, cfg.duration, len(bodies), byteSize(avgLen(bodies)))

	pid := srv.cmd.Process.Pid
	healthz := measure(cfg, srv.addr, pid, healthzRequests(srv.addr))
	healthz.print(out, "GET  /healthz")
	submit := measure(cfg, srv.addr, pid, submitRequests(srv.addr, bodies))
	submit.print(out, "POST "+submitPath)
	rss, err := memory(pid)
	if err != nil {
		return err
	}
	loadAfter := loadAverage()
	if err := srv.stop(); err != nil {
		return err
	}

	ratio := submit.throughput() / healthz.throughput()
	fmt.Fprintf(out, "\nTargets on 2 cores (load average %s after the run):\n", loadAfter)
	target(out, "submit / healthz throughput", fmt.Sprintf("%.2f", ratio), ">= 0.20", ratio >= targetRatio)
	target(out, "submissions a second", fmt.Sprintf("%.0f", submit.throughput()), ">= 10000", submit.throughput() >= targetSubmit)
	target(out, "submit p99 latency", ms(submit.percentile(99)), "< 20 ms", submit.percentile(99) < targetP99)
	target(out, "healthz p99 latency", ms(healthz.percentile(99)), "< 20 ms", healthz.percentile(99) < targetP99)
	target(out, "server RSS after the run", mb(rss.now), "< 60 MB", rss.now < targetRSS)
	target(out, peakName, mb(rss.peak), "< 60 MB", rss.peak < targetRSS)

	var failures []string
	if n := healthz.failed(); n > 0 {
		failures = append(failures, fmt.Sprintf("%d health checks failed", n))
	}
	if n := submit.failed(); n > 0 {
		failures = append(failures, fmt.Sprintf("%d submissions failed", n))
	}
	stored, err := checkStored(dbPath, demoCount, submit.references())
	fmt.Fprintf(out, "\nStored check: %s\n", stored)
	if err != nil {
		failures = append(failures, err.Error())
	}
	if len(failures) > 0 {
		return errors.New(strings.Join(failures, "; "))
	}
	return nil
}

func target(out io.Writer, name, got, want string, ok bool) {
	verdict := "MISS"
	if ok {
		verdict = "PASS"
	}
	fmt.Fprintf(out, "  %-30s %10s  target %-8s  %s\n", name, got, want, verdict)
}

// build compiles ./cmd/familyvoice of the module this command belongs to.
func build(dir string) (string, error) {
	gomod, err := exec.Command("go", "env", "GOMOD").Output()
	if err != nil {
		return "", fmt.Errorf("find the module: %w", err)
	}
	root := filepath.Dir(strings.TrimSpace(string(gomod)))
	bin := filepath.Join(dir, "familyvoice")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/familyvoice")
	cmd.Dir = root
	if b, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/familyvoice: %w\n%s", err, b)
	}
	return bin, nil
}

// server is a running "familyvoice serve".
type server struct {
	cmd  *exec.Cmd
	addr string
	log  string
	done chan error
}

// startServer runs the binary on a port the kernel picks and waits until
// it answers /healthz.
func startServer(bin, dbPath, cpus, logPath string) (*server, error) {
	args := []string{"serve", "--db", dbPath, "--addr", "127.0.0.1:0"}
	name := bin
	if cpus != "" {
		args = append([]string{"-c", cpus, bin}, args...)
		name = "taskset"
	}
	logFile, err := os.Create(logPath)
	if err != nil {
		return nil, err
	}
	defer logFile.Close()
	cmd := exec.Command(name, args...)
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start %s: %w", bin, err)
	}
	s := &server{cmd: cmd, log: logPath, done: make(chan error, 1)}
	addrc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if a, ok := strings.CutPrefix(sc.Text(), "FamilyVoice is running at http://"); ok {
				addrc <- strings.TrimSuffix(a, "/")
			}
		}
		s.done <- cmd.Wait()
	}()
	select {
	case s.addr = <-addrc:
	case err := <-s.done:
		return nil, fmt.Errorf("the server exited before listening (%v): %s", err, s.logTail())
	case <-time.After(60 * time.Second):
		s.kill()
		return nil, fmt.Errorf("the server did not start within a minute: %s", s.logTail())
	}
	if host, _, err := net.SplitHostPort(s.addr); err != nil || host != "127.0.0.1" {
		s.kill()
		return nil, fmt.Errorf("the server listens on %q, not on 127.0.0.1", s.addr)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get("http://" + s.addr + "/healthz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return s, nil
			}
		}
		if time.Now().After(deadline) {
			s.kill()
			return nil, fmt.Errorf("/healthz did not answer 200 within 10s: %v", err)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop asks the server to shut down gracefully, as a service manager
// would, so it finishes what is in flight and checkpoints the database.
func (s *server) stop() error {
	if err := s.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		return err
	}
	select {
	case err := <-s.done:
		if err != nil {
			return fmt.Errorf("the server exited with %v: %s", err, s.logTail())
		}
		return nil
	case <-time.After(30 * time.Second):
		s.kill()
		return errors.New("the server did not stop within 30s of SIGTERM")
	}
}

func (s *server) kill() {
	if s.cmd.ProcessState == nil {
		s.cmd.Process.Kill()
	}
}

func (s *server) logTail() string {
	b, _ := os.ReadFile(s.log)
	if len(b) > 2000 {
		b = b[len(b)-2000:]
	}
	return string(b)
}

// newClient returns a client that keeps one connection per worker alive
// and does nothing per request that a phone's HTTP stack would not.
// fetchDefinition reads the published survey through the API, as an app
// would, and parses it with the survey package.
func fetchDefinition(client *http.Client, u string) (*survey.Definition, error) {
	resp, err := client.Get(u)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: %s: %s", u, resp.Status, b)
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(b, &fields); err != nil {
		return nil, fmt.Errorf("GET %s: %w", u, err)
	}
	if _, ok := fields["version"]; !ok {
		return nil, fmt.Errorf("GET %s: no version in the definition", u)
	}
	delete(fields, "version") // the API's, not the definition's
	b, err = json.Marshal(fields)
	if err != nil {
		return nil, err
	}
	return survey.ParseDefinition(bytes.NewReader(b))
}

// answerBodies marshals n demo answer sets as API request bodies.
func answerBodies(def *survey.Definition, n int) ([][]byte, error) {
	var bodies [][]byte
	for _, r := range demo.Generate(def, n, 20260401) {
		b, err := json.Marshal(struct {
			Answers survey.Answers `json:"answers"`
		}{r.Answers})
		if err != nil {
			return nil, err
		}
		bodies = append(bodies, b)
	}
	return bodies, nil
}

func avgLen(bodies [][]byte) int {
	total := 0
	for _, b := range bodies {
		total += len(b)
	}
	return total / len(bodies)
}

// submitPath is where the generator posts answer sets.
const submitPath = "/api/v1/surveys/" + demo.Slug + "/responses"

// requests makes the requests of one endpoint. Each client calls next
// with its own number and a count of its requests so far, and gets the
// whole request, serialised into a buffer it may reuse for the next one.
type requests struct {
	want      int
	newClient func(client int) func(i int) []byte
	// reference picks the receipt out of a successful response, or is nil.
	reference func(body []byte) string
}

func healthzRequests(host string) requests {
	req := appendRequest(nil, "GET", host, "/healthz", nil)
	return requests{
		want:      http.StatusOK,
		newClient: func(int) func(int) []byte { return func(int) []byte { return req } },
	}
}

func submitRequests(host string, bodies [][]byte) requests {
	run := strconv.FormatInt(time.Now().UnixNano(), 36)
	return requests{
		want: http.StatusCreated,
		newClient: func(client int) func(int) []byte {
			prefix := fmt.Sprintf("load-%s-%d-", run, client)
			key, buf := make([]byte, 0, 64), make([]byte, 0, 8<<10)
			return func(i int) []byte {
				b := bodies[(client*7919+i)%len(bodies)]
				key = strconv.AppendInt(append(key[:0], prefix...), int64(i), 10)
				buf = appendRequest(buf[:0], "POST", host, submitPath, b,
					"Content-Type", "application/json", "Idempotency-Key", string(key))
				return buf
			}
		},
		reference: func(body []byte) string {
			const field = `"reference":"`
			i := bytes.Index(body, []byte(field))
			if i < 0 {
				return ""
			}
			rest := body[i+len(field):]
			j := bytes.IndexByte(rest, '"')
			if j < 0 {
				return ""
			}
			return string(rest[:j])
		},
	}
}

// result is what the clients saw of one endpoint.
type result struct {
	elapsed   time.Duration
	latencies []time.Duration // of measured requests, sorted
	byStatus  map[string]int  // every request, warm-up included
	want      int
	refs      []string // receipts of every successful submission
	replays   int
	// CPU time the server and this generator used while measuring.
	serverCPU, clientCPU time.Duration
}

// measure runs cfg.clients clients against one endpoint for the warm-up
// and then the measured time. A request counts in the figures when it
// starts inside the measured window; every request counts in byStatus,
// since the database check needs them all.
func measure(cfg config, addr string, pid int, rq requests) *result {
	var phase atomic.Int32 // 0 warm-up, 1 measured, 2 stop
	type clientResult struct {
		latencies []time.Duration
		byStatus  map[int]int    // by HTTP status
		failures  map[string]int // by transport error
		refs      []string
		replays   int
	}
	results := make([]clientResult, cfg.clients)
	var wg sync.WaitGroup
	for c := range cfg.clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := rq.newClient(c)
			conn := dial(addr)
			defer conn.close()
			r := clientResult{latencies: make([]time.Duration, 0, 1<<14), byStatus: map[int]int{}, failures: map[string]int{}}
			buf := make([]byte, 4<<10)
			for i := 0; ; i++ {
				p := phase.Load()
				if p == 2 {
					break
				}
				req := next(i)
				start := time.Now()
				status, header, n, err := conn.do(req, buf)
				took := time.Since(start)
				switch {
				case err != nil:
					r.failures["transport error: "+err.Error()]++
					time.Sleep(10 * time.Millisecond)
					continue
				case status == rq.want && rq.reference != nil:
					r.refs = append(r.refs, rq.reference(buf[:n]))
					if header.Get("Idempotent-Replayed") != "" {
						r.replays++
					}
				}
				r.byStatus[status]++
				if p == 1 {
					r.latencies = append(r.latencies, took)
				}
			}
			results[c] = r
		}()
	}
	time.Sleep(cfg.warmup)
	phase.Store(1)
	start := time.Now()
	serverStart, clientStart := serverCPU(pid), clientCPU()
	time.Sleep(cfg.duration)
	phase.Store(2)
	serverEnd, clientEnd := serverCPU(pid), clientCPU()
	wg.Wait()
	res := &result{elapsed: time.Since(start), byStatus: map[string]int{}, want: rq.want,
		serverCPU: serverEnd - serverStart, clientCPU: clientEnd - clientStart}
	for _, r := range results {
		res.latencies = append(res.latencies, r.latencies...)
		for k, v := range r.byStatus {
			res.byStatus[strconv.Itoa(k)] += v
		}
		for k, v := range r.failures {
			res.byStatus[k] += v
		}
		res.refs = append(res.refs, r.refs...)
		res.replays += r.replays
	}
	slices.Sort(res.latencies)
	return res
}

func (r *result) throughput() float64 { return float64(len(r.latencies)) / r.elapsed.Seconds() }

func (r *result) percentile(p int) time.Duration {
	if len(r.latencies) == 0 {
		return 0
	}
	return r.latencies[min(len(r.latencies)-1, len(r.latencies)*p/100)]
}

func (r *result) failed() int {
	n := r.replays
	for k, v := range r.byStatus {
		if k != strconv.Itoa(r.want) {
			n += v
		}
	}
	return n
}

func (r *result) references() []string { return r.refs }

func (r *result) print(out io.Writer, name string) {
	fmt.Fprintf(out, "%s\n", name)
	fmt.Fprintf(out, "  requests    %d in %.2fs (%d more in the warm-up)\n", len(r.latencies), r.elapsed.Seconds(), r.total()-len(r.latencies))
	fmt.Fprintf(out, "  throughput  %.0f req/s\n", r.throughput())
	fmt.Fprintf(out, "  latency     p50 %s  p99 %s  max %s\n", ms(r.percentile(50)), ms(r.percentile(99)), ms(r.percentile(100)))
	if n := len(r.latencies); n > 0 {
		fmt.Fprintf(out, "  CPU         server %.2f cores, %.0f µs a request; generator %.2f cores, %.0f µs a request\n",
			r.serverCPU.Seconds()/r.elapsed.Seconds(), float64(r.serverCPU.Microseconds())/float64(n),
			r.clientCPU.Seconds()/r.elapsed.Seconds(), float64(r.clientCPU.Microseconds())/float64(n))
	}
	var statuses []string
	for k, v := range r.byStatus {
		statuses = append(statuses, fmt.Sprintf("%s: %d", k, v))
	}
	slices.Sort(statuses)
	fmt.Fprintf(out, "  statuses    %s\n", strings.Join(statuses, ", "))
	errs := "none"
	if n := r.failed(); n > 0 {
		errs = strconv.Itoa(n)
		if r.replays > 0 {
			errs += fmt.Sprintf(" (%d replayed with a fresh key)", r.replays)
		}
	}
	fmt.Fprintf(out, "  errors      %s\n", errs)
}

func (r *result) total() int {
	n := 0
	for _, v := range r.byStatus {
		n += v
	}
	return n
}

// rss is the server's resident memory now and at its peak.
type rss struct{ now, peak int64 }

// memory reads VmRSS and VmHWM from /proc/PID/status.
func memory(pid int) (rss, error) {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", pid))
	if err != nil {
		return rss{}, fmt.Errorf("read the server's memory: %w", err)
	}
	var m rss
	for line := range strings.SplitSeq(string(b), "\n") {
		name, value, ok := strings.Cut(line, ":")
		if !ok {
			continue
		}
		kb, err := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(value), " kB"), 10, 64)
		if err != nil {
			continue
		}
		switch name {
		case "VmRSS":
			m.now = kb << 10
		case "VmHWM":
			m.peak = kb << 10
		}
	}
	return m, nil
}

// serverCPU reads the user and system time of a process from
// /proc/PID/stat, or 0 if it cannot.
func serverCPU(pid int) time.Duration {
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/stat", pid))
	if err != nil {
		return 0
	}
	// The command name may hold spaces; the fields after it do not.
	_, rest, ok := bytes.Cut(b, []byte(") "))
	if !ok {
		return 0
	}
	f := strings.Fields(string(rest))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64)
	stime, _ := strconv.ParseInt(f[12], 10, 64)
	const ticksPerSecond = 100 // USER_HZ on Linux
	return time.Duration(utime+stime) * time.Second / ticksPerSecond
}

func clientCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func loadAverage() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	if len(f) < 3 {
		return "unknown"
	}
	return strings.Join(f[:3], " ")
}

// openReadOnly opens the database without any chance of changing it.
func openReadOnly(path string) (*sql.DB, error) {
	return sql.Open("sqlite", "file:"+path+"?mode=ro&_pragma=busy_timeout(10000)")
}

const responsesQuery = `SELECT r.reference FROM responses r JOIN surveys s ON s.id = r.survey_id WHERE s.slug = ?`

// countStored counts the demo survey's responses.
func countStored(path string) (int, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return 0, err
	}
	defer db.Close()
	var n int
	err = db.QueryRow("SELECT COUNT(*) FROM ("+responsesQuery+")", demo.Slug).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count responses: %w", err)
	}
	return n, nil
}

// checkStored proves, once the server has stopped, that every
// acknowledged submission is stored once and nothing else was added.
func checkStored(path string, before int, acked []string) (string, error) {
	db, err := openReadOnly(path)
	if err != nil {
		return "", err
	}
	defer db.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	var verdict string
	if err := db.QueryRowContext(ctx, "PRAGMA quick_check").Scan(&verdict); err != nil {
		return "", fmt.Errorf("quick_check: %w", err)
	}
	if verdict != "ok" {
		return "quick_check: " + verdict, errors.New("the database is damaged")
	}
	rows, err := db.QueryContext(ctx, responsesQuery, demo.Slug)
	if err != nil {
		return "", err
	}
	defer rows.Close()
	stored := make(map[string]bool, before+len(acked))
	for rows.Next() {
		var ref string
		if err := rows.Scan(&ref); err != nil {
			return "", err
		}
		stored[ref] = true
	}
	if err := rows.Err(); err != nil {
		return "", err
	}
	missing, seen := 0, make(map[string]bool, len(acked))
	for _, ref := range acked {
		if !stored[ref] {
			missing++
		}
		seen[ref] = true
	}
	summary := fmt.Sprintf("%d demo + %d acknowledged = %d; %d stored; quick_check ok", before, len(acked), before+len(acked), len(stored))
	var problems []string
	if len(seen) != len(acked) {
		problems = append(problems, fmt.Sprintf("%d references were given twice", len(acked)-len(seen)))
	}
	if missing > 0 {
		problems = append(problems, fmt.Sprintf("%d acknowledged references are not stored", missing))
	}
	if len(stored) != before+len(acked) {
		problems = append(problems, fmt.Sprintf("the database holds %d responses, want %d", len(stored), before+len(acked)))
	}
	if len(problems) > 0 {
		return summary + "  MISMATCH", errors.New(strings.Join(problems, "; "))
	}
	return summary + "  OK", nil
}

func ms(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond)) }

func mb(n int64) string { return fmt.Sprintf("%.1f MB", float64(n)/(1<<20)) }

func byteSize(n int) string { return fmt.Sprintf("%.1f KB", float64(n)/1000) }
