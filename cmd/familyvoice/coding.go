package main

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"slices"
	"strconv"
	"sync"
	"time"

	"github.com/familyvoice/familyvoice/analysis"
	"github.com/familyvoice/familyvoice/analysis/learn"
	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
)

// Where a comment's coding came from, shown beside every comment.
const (
	codedByPerson = "person"
	codedByModel  = "model"
	codedByRules  = "rules"
)

// minTrainingExamples is how many staff-coded comments a survey needs
// before a model is learned from them: fewer teach it little.
const minTrainingExamples = 20

// coder decides how each comment is coded: a member of staff's
// correction first, then the model learned from the survey's corrections
// and imported coded comments, then the SEND taxonomy rules. Models are
// retrained in the background whenever corrections change.
type coder struct {
	db    *sqlite.DB
	rules *analysis.Classifier
	log   *slog.Logger
	// onChange is told when a survey's codings change, so cached
	// summaries are made again.
	onChange func(surveyID int64)

	mu      sync.Mutex
	surveys map[int64]*surveyCoding
	retrain chan int64
}

// surveyCoding is what the coder knows of one survey.
type surveyCoding struct {
	corrections map[string]sqlite.Correction // by commentKey
	model       *learn.Model
	examples    int // the model was learned from
	trainedAt   time.Time
}

func commentKey(reference, questionID string) string { return reference + "\x00" + questionID }

func newCoder(db *sqlite.DB, rules *analysis.Classifier, log *slog.Logger, onChange func(int64)) *coder {
	return &coder{db: db, rules: rules, log: log, onChange: onChange,
		surveys: map[int64]*surveyCoding{}, retrain: make(chan int64, 64)}
}

// state loads what is stored for a survey on first use.
func (c *coder) state(ctx context.Context, surveyID int64) (*surveyCoding, error) {
	c.mu.Lock()
	s, ok := c.surveys[surveyID]
	c.mu.Unlock()
	if ok {
		return s, nil
	}
	s = &surveyCoding{corrections: map[string]sqlite.Correction{}}
	cs, err := c.db.Corrections(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	for _, cr := range cs {
		s.corrections[commentKey(cr.Reference, cr.QuestionID)] = cr
	}
	stored, err := c.db.Model(ctx, surveyID)
	switch {
	case err == nil:
		m, err := learn.Load(bytes.NewReader(stored.Model))
		if err != nil {
			// A model this build cannot read is retrained, not fatal.
			c.log.Error("load learned model", "survey", surveyID, "err", err)
			c.queueRetrain(surveyID)
		} else {
			s.model, s.examples, s.trainedAt = m, stored.Examples, stored.TrainedAt
		}
	case survey.ErrorCode(err) != survey.ENotFound:
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if existing, ok := c.surveys[surveyID]; ok {
		return existing, nil // loaded meanwhile by another request
	}
	c.surveys[surveyID] = s
	return s, nil
}

// Code codes one comment and says where the coding came from.
func (c *coder) Code(ctx context.Context, surveyID int64, reference, questionID, text, questionArea string) (analysis.Coding, string, error) {
	s, err := c.state(ctx, surveyID)
	if err != nil {
		return analysis.Coding{}, "", err
	}
	rules := c.rules.Classify(text, questionArea)
	c.mu.Lock()
	cr, corrected := s.corrections[commentKey(reference, questionID)]
	model := s.model
	c.mu.Unlock()
	if corrected {
		return correctionCoding(cr, rules.Safeguarding), codedByPerson, nil
	}
	if model != nil {
		if cd, ok := modelCoding(model, text, func() analysis.Coding { return rules }); ok {
			cd.Safeguarding = rules.Safeguarding
			return cd, codedByModel, nil
		}
	}
	return rules, codedByRules, nil
}

// Override returns the function a summary uses to take corrections and
// the learned model in place of the rules.
func (c *coder) Override(ctx context.Context, surveyID int64) (func(reference, questionID, text string) (analysis.Coding, bool), error) {
	s, err := c.state(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	corrections, model := s.corrections, s.model
	c.mu.Unlock()
	if len(corrections) == 0 && model == nil {
		return nil, nil
	}
	return func(reference, questionID, text string) (analysis.Coding, bool) {
		if cr, ok := corrections[commentKey(reference, questionID)]; ok {
			return correctionCoding(cr, false), true
		}
		if model != nil {
			// The summary keeps the rules' safeguarding flag itself; the
			// rules are asked only for a sentiment the model lacks.
			return modelCoding(model, text, func() analysis.Coding { return c.rules.Classify(text, "") })
		}
		return analysis.Coding{}, false
	}, nil
}

func correctionCoding(cr sqlite.Correction, safeguarding bool) analysis.Coding {
	cd := analysis.Coding{Areas: cr.Areas, Themes: cr.Themes, Sentiment: analysis.Sentiment(cr.Sentiment), Safeguarding: safeguarding}
	for _, id := range append(slices.Clone(cr.Areas), cr.Themes...) {
		cd.Reasons = append(cd.Reasons, analysis.Reason{Code: id, Terms: []string{"coded by " + cr.CodedBy}})
	}
	return cd
}

// modelCoding codes text with a learned model. A model that finds no
// label leaves the comment to the rules. The rules give the safeguarding
// flag, and the sentiment when the model learned none; they are asked
// only when needed, since coding with reasons costs more.
func modelCoding(m *learn.Model, text string, rules func() analysis.Coding) (analysis.Coding, bool) {
	p := m.Predict(text)
	if len(p.Labels) == 0 {
		return analysis.Coding{}, false
	}
	cd := analysis.Coding{Sentiment: analysis.Sentiment(p.Sentiment)}
	if p.Sentiment == "" {
		r := rules()
		cd.Sentiment, cd.Safeguarding = r.Sentiment, r.Safeguarding
	}
	for _, l := range p.Labels {
		if slices.Contains(analysis.AreaIDs, l.Label) {
			cd.Areas = append(cd.Areas, l.Label)
		} else {
			cd.Themes = append(cd.Themes, l.Label)
		}
		cd.Reasons = append(cd.Reasons, analysis.Reason{Code: l.Label, Terms: []string{"learned from staff coding"}})
	}
	slices.SortFunc(cd.Areas, func(a, b string) int {
		return slices.Index(analysis.AreaIDs, a) - slices.Index(analysis.AreaIDs, b)
	})
	return cd, true
}

// Correct stores a member of staff's coding of one comment and queues the
// survey's model to be learned again.
func (c *coder) Correct(ctx context.Context, surveyID int64, cr sqlite.Correction) error {
	if err := c.db.SaveCorrection(ctx, surveyID, cr); err != nil {
		return err
	}
	s, err := c.state(ctx, surveyID)
	if err != nil {
		return err
	}
	cr.CodedAt = c.db.Now()
	c.mu.Lock()
	// Copy on write: summaries hold the old map while they run.
	next := make(map[string]sqlite.Correction, len(s.corrections)+1)
	for k, v := range s.corrections {
		next[k] = v
	}
	next[commentKey(cr.Reference, cr.QuestionID)] = cr
	s.corrections = next
	c.mu.Unlock()
	c.changed(surveyID)
	c.queueRetrain(surveyID)
	return nil
}

func (c *coder) changed(surveyID int64) {
	if c.onChange != nil {
		c.onChange(surveyID)
	}
}

func (c *coder) queueRetrain(surveyID int64) {
	select {
	case c.retrain <- surveyID:
	default: // a retrain is already queued; it will see this change too
	}
}

// run retrains queued surveys' models until ctx ends. Requests that come
// close together are gathered, so a burst of corrections trains once.
func (c *coder) run(ctx context.Context) {
	for {
		var id int64
		select {
		case <-ctx.Done():
			return
		case id = <-c.retrain:
		}
		pending := map[int64]bool{id: true}
		gather := time.After(500 * time.Millisecond)
	wait:
		for {
			select {
			case id := <-c.retrain:
				pending[id] = true
			case <-gather:
				break wait
			case <-ctx.Done():
				return
			}
		}
		for id := range pending {
			if err := c.Retrain(ctx, id); err != nil {
				c.log.Error("retrain model", "survey", id, "err", err)
			}
		}
	}
}

// Retrain learns a survey's model from its corrections and imported coded
// comments, if there are enough, stores it and starts using it.
func (c *coder) Retrain(ctx context.Context, surveyID int64) error {
	ex, err := c.trainingExamples(ctx, surveyID)
	if err != nil || len(ex) < minTrainingExamples {
		return err
	}
	cfg := learn.DefaultConfig()
	cfg.Workers = 1 // leave a core for families submitting answers
	m, err := learn.Train(ex, cfg)
	if err != nil {
		return fmt.Errorf("train: %w", err)
	}
	var buf bytes.Buffer
	if err := m.Save(&buf); err != nil {
		return err
	}
	if err := c.db.SaveModel(ctx, surveyID, len(ex), buf.Bytes()); err != nil {
		return err
	}
	s, err := c.state(ctx, surveyID)
	if err != nil {
		return err
	}
	c.mu.Lock()
	s.model, s.examples, s.trainedAt = m, len(ex), c.db.Now()
	c.mu.Unlock()
	c.changed(surveyID)
	return nil
}

func (c *coder) trainingExamples(ctx context.Context, surveyID int64) ([]learn.Example, error) {
	cs, err := c.db.Corrections(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	var ex []learn.Example
	for _, cr := range cs {
		if cr.Text == "" {
			continue
		}
		ex = append(ex, learn.Example{ID: strconv.FormatInt(cr.ResponseID, 10) + ":" + cr.QuestionID, Text: cr.Text,
			Labels: append(slices.Clone(cr.Areas), cr.Themes...), Sentiment: cr.Sentiment})
	}
	imported, err := c.db.CodedExamples(ctx, surveyID)
	if err != nil {
		return nil, err
	}
	for _, e := range imported {
		ex = append(ex, learn.Example{ID: e.ExternalID, Text: e.Text, Labels: e.Labels, Sentiment: e.Sentiment})
	}
	return ex, nil
}

// ModelInfo says whether a survey has a learned model and from how many
// staff-coded comments.
func (c *coder) ModelInfo(ctx context.Context, surveyID int64) (examples int, trainedAt time.Time, corrections int, err error) {
	s, err := c.state(ctx, surveyID)
	if err != nil {
		return 0, time.Time{}, 0, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if s.model == nil {
		return 0, time.Time{}, len(s.corrections), nil
	}
	return s.examples, s.trainedAt, len(s.corrections), nil
}

// summaryOptions returns the options every leader's view of a survey
// starts from: the rules, with staff corrections and the learned model in
// front of them.
func (a *App) summaryOptions(ctx context.Context, surveyID int64) (analysis.SummaryOptions, error) {
	override, err := a.coder.Override(ctx, surveyID)
	if err != nil {
		return analysis.SummaryOptions{}, err
	}
	return analysis.SummaryOptions{Classifier: a.rules, Override: override}, nil
}
