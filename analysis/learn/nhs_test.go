package learn

// The figures for the NHS Friends and Family Test file come from:
//
//	FAMILYVOICE_NHS_EVAL=1 go test -count=1 -v -run TestNHSCrossValidation ./analysis/learn/
//	go test -run '^$' -bench 'Train|Predict|ClassifyCSV' ./analysis/learn/
//
// and, to compare settings, FAMILYVOICE_NHS_TUNE (see TestNHSTune). The
// benchmarks and tests skip what needs the file when it is absent.

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"strconv"
	"testing"
	"time"
)

// nhsTrainPath is the NHS Friends and Family Test training file, shared
// beside the repository; tests that need it skip when it is absent.
const nhsTrainPath = "../../../shared/data/nhs-fft/train.csv"

// readNHS reads the NHS training file or skips the test.
func readNHS(tb testing.TB) []Example {
	tb.Helper()
	f, err := os.Open(nhsTrainPath)
	if err != nil {
		tb.Skipf("NHS training data not available: %v", err)
	}
	defer f.Close()
	ex, err := ReadExamples(f)
	if err != nil {
		tb.Fatal(err)
	}
	return ex
}

// TestNHSCrossValidation prints 5-fold cross-validation figures on the
// NHS file. It trains five models, so it runs only when
// FAMILYVOICE_NHS_EVAL=1.
func TestNHSCrossValidation(t *testing.T) {
	if os.Getenv("FAMILYVOICE_NHS_EVAL") != "1" {
		t.Skip("set FAMILYVOICE_NHS_EVAL=1 to cross-validate on the NHS data")
	}
	ex := readNHS(t)
	start := time.Now()
	ev, err := Evaluate(ex, 5, 1)
	if err != nil {
		t.Fatal(err)
	}
	if err := ev.WriteText(os.Stdout); err != nil {
		t.Fatal(err)
	}
	t.Logf("micro-F1 %.4f macro-F1 %.4f sentiment accuracy %.4f; training %v over 5 folds, %v in all",
		ev.MicroF1, ev.MacroF1, ev.SentimentAccuracy, ev.TrainTime.Round(time.Millisecond), time.Since(start).Round(time.Millisecond))
}

// TestNHSTune cross-validates each configuration in the JSON array in
// FAMILYVOICE_NHS_TUNE (each object overrides fields of DefaultConfig,
// e.g. [{"C":0.5},{"Features":{"CharMax":4}}]) and prints one line per
// configuration, for choosing the defaults.
func TestNHSTune(t *testing.T) {
	spec := os.Getenv("FAMILYVOICE_NHS_TUNE")
	if spec == "" {
		t.Skip("set FAMILYVOICE_NHS_TUNE to a JSON array of configurations")
	}
	var raw []json.RawMessage
	if err := json.Unmarshal([]byte(spec), &raw); err != nil {
		t.Fatal(err)
	}
	ex := readNHS(t)
	folds := 5
	if v := os.Getenv("FAMILYVOICE_NHS_FOLDS"); v != "" {
		var err error
		if folds, err = strconv.Atoi(v); err != nil {
			t.Fatal(err)
		}
	}
	for _, r := range raw {
		cfg := DefaultConfig()
		if err := json.Unmarshal(r, &cfg); err != nil {
			t.Fatal(err)
		}
		ev, err := EvaluateConfig(ex, folds, cfg)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("micro %.4f macro %.4f sentiment %.4f train %5.1fs  %s\n",
			ev.MicroF1, ev.MacroF1, ev.SentimentAccuracy, ev.TrainTime.Seconds()/float64(folds), r)
	}
}

// BenchmarkTrain trains on the whole NHS file and reports the size of the
// model file.
func BenchmarkTrain(b *testing.B) {
	ex := readNHS(b)
	var m *Model
	for b.Loop() {
		var err error
		if m, err = Train(ex, DefaultConfig()); err != nil {
			b.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(buf.Len())/1e6, "model-MB")
}

// benchModel trains on the NHS file when it is there and on the sample
// kept with the tests otherwise, returning the comments and the model.
func benchModel(b *testing.B) ([]Example, *Model) {
	ex := readSample(b)
	if f, err := os.Open(nhsTrainPath); err == nil {
		f.Close()
		ex = readNHS(b)
	}
	m, err := Train(ex, DefaultConfig())
	if err != nil {
		b.Fatal(err)
	}
	return ex, m
}

// BenchmarkPredict codes comments one at a time on one goroutine (see
// benchModel).
func BenchmarkPredict(b *testing.B) {
	ex, m := benchModel(b)
	b.ResetTimer()
	i := 0
	for b.Loop() {
		m.Predict(ex[i%len(ex)].Text)
		i++
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkClassifyCSV codes a CSV file of the NHS comments (or the
// sample) using every CPU, as the command line does.
func BenchmarkClassifyCSV(b *testing.B) {
	ex, m := benchModel(b)
	var in bytes.Buffer
	w := csv.NewWriter(&in)
	w.Write([]string{"id", "text"})
	for _, e := range ex {
		w.Write([]string{e.ID, e.Text})
	}
	w.Flush()
	b.ResetTimer()
	for b.Loop() {
		if err := m.ClassifyCSV(bytes.NewReader(in.Bytes()), io.Discard); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N*len(ex))/b.Elapsed().Seconds(), "comments/s")
}

// BenchmarkTrainSmall trains on the few hundred comments kept with the
// tests, the size of a survey's set of staff corrections.
func BenchmarkTrainSmall(b *testing.B) {
	ex := readSample(b)
	for b.Loop() {
		if _, err := Train(ex, DefaultConfig()); err != nil {
			b.Fatal(err)
		}
	}
}
