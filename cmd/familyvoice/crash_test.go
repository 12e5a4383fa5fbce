package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// The crash test's shape: clients submitting at once, and how many times
// the server is killed while they do.
const (
	crashClients = 32
	crashKills   = 16
	crashSlug    = "crash-check"
)

// TestCrashKeepsAcknowledgedSubmissions runs the real binary, has 32
// clients submit with idempotency keys, and kills the server with SIGKILL
// at random moments, restarting it on the same database each time. After
// every restart each client first retries the keys that got no answer,
// and now and then replays one that did. At the end every acknowledged
// submission must be stored exactly once, under the id and reference it
// was acknowledged with; every replay must have returned the first
// acknowledgement; submissions abandoned at the last kill may be stored
// at most once; and SQLite's integrity check must pass. Then thousands
// of acknowledged keys, every one that needed a retry among them, are
// replayed once more, which must return their first acknowledgements and
// store nothing.
//
// Set FAMILYVOICE_CRASH_SEED to repeat a run's kill times and client
// choices (scheduling still varies).
func TestCrashKeepsAcknowledgedSubmissions(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and kills it 16 times")
	}
	seed := time.Now().UnixNano()
	if s := os.Getenv("FAMILYVOICE_CRASH_SEED"); s != "" {
		var err error
		if seed, err = strconv.ParseInt(s, 10, 64); err != nil {
			t.Fatalf("FAMILYVOICE_CRASH_SEED=%q: %v", s, err)
		}
	}
	t.Logf("seed %d (FAMILYVOICE_CRASH_SEED=%d repeats it)", seed, seed)
	rng := rand.New(rand.NewPCG(uint64(seed), 1))

	dir := t.TempDir()
	bin := buildFamilyVoice(t, dir)
	dbPath := filepath.Join(dir, "crash.db")
	if out, err := exec.Command(bin, "survey", "import", "--db", dbPath, "--publish", filepath.Join("testdata", "crash", "survey.json")).CombinedOutput(); err != nil {
		t.Fatalf("survey import: %v\n%s", err, out)
	}

	var base atomic.Pointer[string]
	srv := startCrashServer(t, bin, dbPath, dir)
	base.Store(&srv.url)
	l := newCrashLedger()
	httpc := &http.Client{
		Transport: &http.Transport{MaxIdleConnsPerHost: crashClients, Proxy: nil},
		Timeout:   20 * time.Second,
	}
	defer httpc.CloseIdleConnections()
	ctx, stopClients := context.WithCancel(context.Background())
	defer stopClients()
	var wg sync.WaitGroup
	for c := range crashClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			cc := &crashClient{id: c, rng: rand.New(rand.NewPCG(uint64(seed), uint64(c)+100)), l: l, httpc: httpc}
			cc.run(ctx, &base)
		}()
	}

	start := time.Now()
	for kill := 1; kill <= crashKills; kill++ {
		wait := time.Duration(100+rng.IntN(500)) * time.Millisecond
		time.Sleep(wait)
		// A quarter of the kills land at once; the others the moment the
		// next acknowledgement arrives, when the batch it belongs to has
		// only just been answered: a server that answered before its
		// commit reached the disk would lose it then.
		when := "at once"
		if rng.IntN(4) != 0 {
			when = "on the next acknowledgement"
			l.nextAck(5 * time.Second)
		}
		srv.kill(t)
		t.Logf("kill %2d: SIGKILL %v after the server was ready, %s; %d acknowledged so far", kill, wait, when, l.ackedCount())
		if kill == crashKills {
			// What was in flight at the last kill is abandoned, as by a
			// family who gave up, so that "stored at most once" is tested
			// on submissions that were never answered.
			stopClients()
			wg.Wait()
			break
		}
		srv = startCrashServer(t, bin, dbPath, dir)
		base.Store(&srv.url)
	}
	t.Logf("%d kills in %v", crashKills, time.Since(start).Round(time.Millisecond))
	stored := exportedResponses(t, bin, dbPath)
	l.check(t, stored, storedIDs(t, dbPath))

	// Acknowledged keys, replayed now, must give their first answer and
	// store nothing new.
	srv = startCrashServer(t, bin, dbPath, dir)
	replayAll(t, httpc, srv.url, l, rng)
	srv.kill(t)
	if after := storedIDs(t, dbPath); len(after) != len(stored) {
		t.Errorf("replaying every acknowledged key changed the number stored from %d to %d", len(stored), len(after))
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		t.Error(p)
	}
}

// buildFamilyVoice builds this package's binary into dir.
func buildFamilyVoice(t *testing.T, dir string) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skipf("the go command is needed to build the binary: %v", err)
	}
	bin := filepath.Join(dir, "familyvoice")
	if out, err := exec.Command(goTool, "build", "-o", bin, ".").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// crashServer is one run of "familyvoice serve".
type crashServer struct {
	cmd    *exec.Cmd
	url    string
	log    string
	exited chan struct{}
}

// startCrashServer starts the server on a port the kernel picks and waits
// until /healthz answers.
func startCrashServer(t *testing.T, bin, dbPath, dir string) *crashServer {
	t.Helper()
	logPath := filepath.Join(dir, "server.log")
	logFile, err := os.OpenFile(logPath, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o644)
	if err != nil {
		t.Fatal(err)
	}
	defer logFile.Close()
	cmd := exec.Command(bin, "serve", "--no-demo", "--db", dbPath, "--addr", "127.0.0.1:0")
	cmd.Stderr = logFile
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("start the server: %v", err)
	}
	s := &crashServer{cmd: cmd, log: logPath, exited: make(chan struct{})}
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			if addr, ok := strings.CutPrefix(sc.Text(), "FamilyVoice is running at "); ok {
				urls <- strings.TrimSuffix(addr, "/")
			}
		}
		cmd.Wait()
		close(s.exited)
	}()
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-s.exited
	})
	select {
	case s.url = <-urls:
	case <-s.exited:
		t.Fatalf("the server exited before listening:\n%s", s.logTail())
	case <-time.After(30 * time.Second):
		t.Fatalf("the server did not start within 30s:\n%s", s.logTail())
	}
	for deadline := time.Now().Add(10 * time.Second); ; {
		res, err := http.Get(s.url + "/healthz")
		if err == nil {
			res.Body.Close()
			if res.StatusCode == http.StatusOK {
				return s
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("/healthz did not answer 200 within 10s (%v):\n%s", err, s.logTail())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func (s *crashServer) kill(t *testing.T) {
	t.Helper()
	if err := s.cmd.Process.Kill(); err != nil {
		t.Fatalf("kill the server: %v", err)
	}
	<-s.exited
}

func (s *crashServer) logTail() string {
	b, _ := os.ReadFile(s.log)
	return string(b[max(0, len(b)-3000):])
}

// crashAck is one 201 answer to a submission.
type crashAck struct {
	ID        string `json:"id"`
	Reference string `json:"reference"`
	attempt   int
	replayed  bool
}

// crashKey is what the clients know of one idempotency key.
type crashKey struct {
	client   int
	attempts int
	first    *crashAck // the first acknowledgement, nil if none yet
	replays  int       // acknowledgements after the first
}

// crashLedger records every key's attempts and acknowledgements, and
// anything that broke the rules while the test ran.
type crashLedger struct {
	mu         sync.Mutex
	keys       map[string]*crashKey
	problems   []string
	failures   int // requests with no answer: the server was down
	serverErrs int // 5xx answers
	retried    int // acknowledgements that needed more than one attempt
	recovered  int // of those, how many found the first attempt stored
	acks       chan struct{}
}

func newCrashLedger() *crashLedger {
	return &crashLedger{keys: map[string]*crashKey{}, acks: make(chan struct{}, 1)}
}

// nextAck waits until a client is told a new submission is stored, or
// the timeout passes.
func (l *crashLedger) nextAck(timeout time.Duration) {
	select {
	case <-l.acks: // one from before: not the next
	default:
	}
	select {
	case <-l.acks:
	case <-time.After(timeout):
	}
}

// attempt counts an attempt at key and returns its number, from 1.
func (l *crashLedger) attempt(key string, client int) int {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := l.keys[key]
	if k == nil {
		k = &crashKey{client: client}
		l.keys[key] = k
	}
	k.attempts++
	return k.attempts
}

func (l *crashLedger) ack(key string, a crashAck) {
	l.mu.Lock()
	defer l.mu.Unlock()
	k := l.keys[key]
	if k.first == nil {
		k.first = &a
		select {
		case l.acks <- struct{}{}:
		default:
		}
		if a.attempt > 1 {
			l.retried++
			if a.replayed {
				l.recovered++
			}
		}
		return
	}
	k.replays++
	if a.ID != k.first.ID || a.Reference != k.first.Reference {
		l.problems = append(l.problems, fmt.Sprintf("key %s: attempt %d was acknowledged as %s %s, but attempt %d as %s %s",
			key, k.first.attempt, k.first.ID, k.first.Reference, a.attempt, a.ID, a.Reference))
	}
	if !a.replayed {
		l.problems = append(l.problems, fmt.Sprintf("key %s: attempt %d was acknowledged again without Idempotent-Replayed", key, a.attempt))
	}
}

func (l *crashLedger) failed(serverErr bool) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if serverErr {
		l.serverErrs++
	} else {
		l.failures++
	}
}

func (l *crashLedger) problem(format string, args ...any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.problems = append(l.problems, fmt.Sprintf(format, args...))
}

func (l *crashLedger) ackedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	n := 0
	for _, k := range l.keys {
		if k.first != nil {
			n++
		}
	}
	return n
}

// crashClient submits new keys, retries unanswered ones first, and now
// and then replays an answered one.
type crashClient struct {
	id      int
	rng     *rand.Rand
	l       *crashLedger
	httpc   *http.Client
	made    int
	pending []string // sent but not yet answered, oldest first
	acked   []string
}

func (cc *crashClient) run(ctx context.Context, base *atomic.Pointer[string]) {
	for ctx.Err() == nil {
		var key string
		replay := false
		switch {
		case len(cc.pending) > 0:
			key = cc.pending[0]
		case len(cc.acked) > 0 && cc.rng.IntN(8) == 0:
			key, replay = cc.acked[cc.rng.IntN(len(cc.acked))], true
		default:
			key = fmt.Sprintf("crash-%02d-%05d", cc.id, cc.made)
			cc.made++
			cc.pending = append(cc.pending, key)
		}
		attempt := cc.l.attempt(key, cc.id)
		status, ack, err := submitCrash(ctx, cc.httpc, *base.Load(), key, attempt, cc.id)
		switch {
		case err != nil || status >= 500:
			// The server is down or coming back: the key stays pending.
			cc.l.failed(err == nil)
			time.Sleep(time.Duration(5+cc.rng.IntN(20)) * time.Millisecond)
		case status == http.StatusCreated:
			cc.l.ack(key, ack)
			if !replay {
				cc.pending = cc.pending[1:]
				cc.acked = append(cc.acked, key)
			}
		default:
			cc.l.problem("key %s attempt %d: status %d", key, attempt, status)
			if !replay {
				cc.pending = cc.pending[1:]
			}
		}
	}
}

// submitCrash sends one attempt at key. Its answers name the key, the
// attempt and the client, so what is stored shows which attempt it was.
func submitCrash(ctx context.Context, httpc *http.Client, base, key string, attempt, client int) (int, crashAck, error) {
	body, err := json.Marshal(map[string]any{"answers": map[string]any{
		"key": key, "attempt": attempt, "client": client,
		"comment": strings.Repeat("Waiting for the EHCP review. ", 1+attempt%4),
	}})
	if err != nil {
		return 0, crashAck{}, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, base+"/api/v1/surveys/"+crashSlug+"/responses", bytes.NewReader(body))
	if err != nil {
		return 0, crashAck{}, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Idempotency-Key", key)
	res, err := httpc.Do(req)
	if err != nil {
		return 0, crashAck{}, err
	}
	defer res.Body.Close()
	b, err := io.ReadAll(res.Body)
	if err != nil {
		return 0, crashAck{}, err
	}
	ack := crashAck{attempt: attempt, replayed: res.Header.Get("Idempotent-Replayed") == "true"}
	if res.StatusCode == http.StatusCreated {
		if err := json.Unmarshal(b, &ack); err != nil || ack.ID == "" || ack.Reference == "" {
			return 0, crashAck{}, fmt.Errorf("201 with body %q", b)
		}
	}
	return res.StatusCode, ack, nil
}

// maxFinalReplays bounds the final replay, so that a machine with fast
// disks, whose clients acknowledge many more keys, still finishes soon.
const maxFinalReplays = 5000

// replayAll replays acknowledged keys once more, through the API: every
// key that took more than one attempt, and others chosen at random up to
// maxFinalReplays.
func replayAll(t *testing.T, httpc *http.Client, base string, l *crashLedger, rng *rand.Rand) {
	t.Helper()
	l.mu.Lock()
	var keys, others []string
	acked := 0
	for key, k := range l.keys {
		switch {
		case k.first == nil:
		case k.first.attempt > 1:
			keys = append(keys, key)
		default:
			others = append(others, key)
		}
		if k.first != nil {
			acked++
		}
	}
	l.mu.Unlock()
	slices.Sort(others)
	rng.Shuffle(len(others), func(i, j int) { others[i], others[j] = others[j], others[i] })
	keys = append(keys, others[:min(len(others), max(0, maxFinalReplays-len(keys)))]...)
	work := make(chan string)
	var wg sync.WaitGroup
	for range crashClients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for key := range work {
				attempt := l.attempt(key, -1)
				status, ack, err := submitCrash(context.Background(), httpc, base, key, attempt, 0)
				switch {
				case err != nil:
					l.problem("final replay of %s: %v", key, err)
				case status != http.StatusCreated:
					l.problem("final replay of %s: status %d", key, status)
				default:
					l.ack(key, ack)
				}
			}
		}()
	}
	for _, key := range keys {
		work <- key
	}
	close(work)
	wg.Wait()
	t.Logf("replayed %d of the %d acknowledged keys, every one that took more than one attempt among them", len(keys), acked)
}

// storedResponse is one entry of "responses export --format json".
type storedResponse struct {
	Reference string         `json:"reference"`
	Version   int            `json:"version"`
	Answers   map[string]any `json:"answers"`
}

// exportedResponses reads every stored response with the real export
// command, as a forum would.
func exportedResponses(t *testing.T, bin, dbPath string) []storedResponse {
	t.Helper()
	cmd := exec.Command(bin, "responses", "export", "--db", dbPath, "--format", "json", crashSlug)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("responses export: %v\n%s", err, stderr.Bytes())
	}
	var rs []storedResponse
	if err := json.Unmarshal(out, &rs); err != nil {
		t.Fatalf("responses export: %v", err)
	}
	return rs
}

// storedIDs opens the database with the store, checks its integrity and
// returns each stored reference's row id.
func storedIDs(t *testing.T, dbPath string) map[string]string {
	t.Helper()
	db, err := sqlite.Open(dbPath)
	if err != nil {
		t.Fatalf("open the database after the crashes: %v", err)
	}
	defer db.Close()
	ctx := context.Background()
	if res, err := db.IntegrityCheck(ctx); err != nil || res != "ok" {
		t.Errorf("PRAGMA integrity_check = %q, %v; want ok", res, err)
	}
	si, err := db.FindSurveyBySlug(ctx, crashSlug)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]string{}
	err = db.EachResponse(ctx, si.ID, sqlite.ResponseFilter{}, func(r sqlite.StoredResponse) error {
		ids[r.Reference] = strconv.FormatInt(r.ID, 10)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return ids
}

// check compares what is stored with what the clients were told.
func (l *crashLedger) check(t *testing.T, stored []storedResponse, ids map[string]string) {
	t.Helper()
	l.mu.Lock()
	defer l.mu.Unlock()
	for _, p := range l.problems {
		t.Error(p)
	}
	l.problems = nil
	if l.serverErrs > 0 {
		t.Errorf("%d requests got a 5xx answer", l.serverErrs)
	}
	byKey := map[string][]storedResponse{}
	refs := map[string]bool{}
	for _, r := range stored {
		if refs[r.Reference] {
			t.Errorf("reference %s is stored twice", r.Reference)
		}
		refs[r.Reference] = true
		key, _ := r.Answers["key"].(string)
		if l.keys[key] == nil {
			t.Errorf("response %s has key %q, which no client sent", r.Reference, key)
			continue
		}
		byKey[key] = append(byKey[key], r)
	}
	if len(ids) != len(stored) {
		t.Errorf("the store holds %d responses but the export has %d", len(ids), len(stored))
	}
	acked, abandoned, abandonedStored := 0, 0, 0
	for key, k := range l.keys {
		got := byKey[key]
		if len(got) > 1 {
			t.Errorf("key %s is stored %d times", key, len(got))
			continue
		}
		if k.first == nil {
			abandoned++
			abandonedStored += len(got)
			continue
		}
		acked++
		if len(got) == 0 {
			t.Errorf("key %s was acknowledged as %s %s (attempt %d) but is not stored", key, k.first.ID, k.first.Reference, k.first.attempt)
			continue
		}
		r := got[0]
		if r.Reference != k.first.Reference || ids[r.Reference] != k.first.ID {
			t.Errorf("key %s was acknowledged as %s %s but is stored as %s %s", key, k.first.ID, k.first.Reference, ids[r.Reference], r.Reference)
		}
		// The stored attempt is the acknowledged one, or for a replayed
		// acknowledgement an earlier attempt that reached the disk.
		attempt, _ := r.Answers["attempt"].(float64)
		if n := int(attempt); n > k.first.attempt || !k.first.replayed && n != k.first.attempt {
			t.Errorf("key %s: stored attempt %d, but attempt %d was acknowledged (replayed %v)", key, n, k.first.attempt, k.first.replayed)
		}
	}
	t.Logf("%d responses stored; %d keys acknowledged; %d abandoned at the last kill, %d of them stored",
		len(stored), acked, abandoned, abandonedStored)
	t.Logf("%d requests found the server down; %d keys needed a retry, %d of those found their first attempt already stored",
		l.failures, l.retried, l.recovered)
	if acked == 0 || l.retried == 0 {
		t.Errorf("the kills interrupted nothing (%d acknowledged, %d retried): the test proved nothing", acked, l.retried)
	}
}
