package learn

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/gob"
	"errors"
	"fmt"
	"io"
)

// fileMagic starts every model file, so that Load can say plainly when it
// is given something else.
const fileMagic = "FVMODEL\n"

// FileVersion is the model file format that Save writes. A change to the
// features or the file's fields needs a new version, so that a program
// that does not know the change refuses the file rather than misreads it.
// Version 2 added FeatureConfig.Boundaries and SentenceWeight; Load still
// reads version 1, whose files lack both and so decode with both off, as
// they were trained.
const FileVersion = 2

// fileV2 is what a model file holds, gob-encoded and gzipped after the
// magic and the version line.
type fileV2 struct {
	Labels     []string
	Sentiments []string
	Features   FeatureConfig
	Terms      []string  // vocabulary: word n-grams, then character n-grams
	WordTerms  int       // Terms[:WordTerms] are word n-grams
	IDF        []float32 // per term
	Weights    []float32 // per term, per output (labels then sentiments)
	Bias       []float32 // per output
	Thresholds []float32 // per label
	MinLabels  int
	Trained    int
}

// ErrNotModel is returned by Load for data that is not a model file.
var ErrNotModel = errors.New("learn: not a FamilyVoice model file")

// Save writes the model in the versioned file format.
func (m *Model) Save(w io.Writer) error {
	if _, err := fmt.Fprintf(w, "%sversion %d\n", fileMagic, FileVersion); err != nil {
		return err
	}
	zw, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return err
	}
	f := fileV2{
		Labels:     m.Labels,
		Sentiments: m.Sentiments,
		Features:   m.vocab.cfg,
		Terms:      m.vocab.terms,
		WordTerms:  m.vocab.words,
		IDF:        m.vocab.idf,
		Weights:    m.weights,
		Bias:       m.bias,
		Thresholds: m.thresholds,
		MinLabels:  m.minLabels,
		Trained:    m.trained,
	}
	if err := gob.NewEncoder(zw).Encode(&f); err != nil {
		return fmt.Errorf("learn: writing model: %w", err)
	}
	return zw.Close()
}

// Load reads a model written by Save.
func Load(r io.Reader) (*Model, error) {
	br := bufio.NewReader(r)
	head := make([]byte, len(fileMagic))
	if _, err := io.ReadFull(br, head); err != nil || !bytes.Equal(head, []byte(fileMagic)) {
		return nil, ErrNotModel
	}
	var version int
	if _, err := fmt.Fscanf(br, "version %d\n", &version); err != nil {
		return nil, ErrNotModel
	}
	if version < 1 || version > FileVersion {
		return nil, fmt.Errorf("learn: model file version %d is not supported (this program reads versions 1 to %d): train the model again", version, FileVersion)
	}
	zr, err := gzip.NewReader(br)
	if err != nil {
		return nil, fmt.Errorf("learn: reading model: %w", err)
	}
	var f fileV2
	if err := gob.NewDecoder(zr).Decode(&f); err != nil {
		return nil, fmt.Errorf("learn: reading model: %w", err)
	}
	if err := f.check(); err != nil {
		return nil, fmt.Errorf("learn: model file is damaged: %w", err)
	}
	m := &Model{
		Labels:     f.Labels,
		Sentiments: f.Sentiments,
		vocab:      &vocabulary{cfg: f.Features, terms: f.Terms, idf: f.IDF, words: f.WordTerms},
		weights:    f.Weights,
		bias:       f.Bias,
		thresholds: f.Thresholds,
		minLabels:  f.MinLabels,
		trained:    f.Trained,
	}
	m.init()
	return m, nil
}

// check makes sure the lengths agree, so that a damaged file fails here
// rather than panicking while classifying.
func (f *fileV2) check() error {
	outputs := len(f.Labels) + len(f.Sentiments)
	switch {
	case outputs == 0:
		return errors.New("no labels and no sentiments")
	case len(f.IDF) != len(f.Terms):
		return fmt.Errorf("%d idf values for %d terms", len(f.IDF), len(f.Terms))
	case f.WordTerms < 0 || f.WordTerms > len(f.Terms):
		return fmt.Errorf("%d word terms out of %d", f.WordTerms, len(f.Terms))
	case len(f.Weights) != len(f.Terms)*outputs:
		return fmt.Errorf("%d weights for %d terms and %d outputs", len(f.Weights), len(f.Terms), outputs)
	case len(f.Bias) != outputs:
		return fmt.Errorf("%d biases for %d outputs", len(f.Bias), outputs)
	case len(f.Thresholds) != len(f.Labels):
		return fmt.Errorf("%d thresholds for %d labels", len(f.Thresholds), len(f.Labels))
	case f.MinLabels < 0 || f.MinLabels > len(f.Labels):
		return fmt.Errorf("minimum of %d labels out of %d", f.MinLabels, len(f.Labels))
	}
	return (Config{Features: f.Features, C: 1, SentimentC: 1, MaxEpochs: 1, Tolerance: 1}).Validate()
}
