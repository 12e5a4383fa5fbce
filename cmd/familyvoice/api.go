package main

import (
	"bytes"
	"errors"
	"mime"
	"net/http"
	"strconv"
	"sync"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// apiError is one entry of every API error body: {"errors": [...]}.
type apiError struct {
	Field   string `json:"field,omitempty"`
	Message string `json:"message"`
}

type apiErrors []apiError

func (a *App) apiError(c echo.Context, status int, errs apiErrors) error {
	return c.JSON(status, map[string]apiErrors{"errors": errs})
}

func fieldErrorsToAPI(fe []survey.FieldError) apiErrors {
	out := make(apiErrors, len(fe))
	for i, f := range fe {
		out[i] = apiError{Field: f.Field, Message: f.Message}
	}
	return out
}

// publishedSurvey finds the version families answer, or a domain error:
// not found for unknown or never-published surveys.
func (a *App) publishedSurvey(c echo.Context) (*sqlite.Version, error) {
	slug := c.Param("slug")
	if !survey.ValidSlug(slug) {
		return nil, survey.Errorf(survey.ENotFound, "survey %s was not found", slug)
	}
	return a.db.PublishedVersion(c.Request().Context(), slug)
}

// openSurvey is publishedSurvey for answering: a closed survey is gone.
func (a *App) openSurvey(c echo.Context) (*sqlite.Version, error) {
	v, err := a.publishedSurvey(c)
	if err != nil {
		return nil, err
	}
	if v.Status == sqlite.StatusClosed {
		return nil, survey.Errorf(survey.EClosed, "survey %s is closed", v.Slug)
	}
	return v, nil
}

// apiGetSurvey serves the published definition with its version number.
func (a *App) apiGetSurvey(c echo.Context) error {
	v, err := a.publishedSurvey(c)
	if err != nil {
		return err
	}
	return c.JSON(http.StatusOK, struct {
		*survey.Definition
		Version int `json:"version"`
	}{v.Definition, v.Number})
}

// bodyBuffers hold submission bodies while they are decoded, so each
// request does not grow a new one; decoding copies every string it keeps.
var bodyBuffers = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// apiCreateResponse stores a family's answers. Any error stores nothing.
func (a *App) apiCreateResponse(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	req := c.Request()
	mt, _, err := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if err != nil || mt != "application/json" {
		return a.apiError(c, http.StatusBadRequest, apiErrors{{Field: "Content-Type", Message: "must be application/json"}})
	}
	key := req.Header.Get("Idempotency-Key")
	if msg := checkIdempotencyKey(key); msg != "" {
		return a.apiError(c, http.StatusBadRequest, apiErrors{{Field: "Idempotency-Key", Message: msg}})
	}
	buf := bodyBuffers.Get().(*bytes.Buffer)
	buf.Reset()
	defer bodyBuffers.Put(buf)
	if _, err := buf.ReadFrom(req.Body); err != nil {
		var tooLarge *http.MaxBytesError
		if errors.As(err, &tooLarge) {
			return a.apiError(c, http.StatusRequestEntityTooLarge, apiErrors{{Message: "the request body must be at most 64 KiB"}})
		}
		return a.apiError(c, http.StatusBadRequest, apiErrors{{Message: "the request body could not be read"}})
	}
	answers, errs, status := decodeResponseBody(v.Definition, buf.Bytes())
	if len(errs) > 0 {
		return a.apiError(c, status, errs)
	}
	rc, err := a.db.Submit(req.Context(), sqlite.NewResponse{
		SurveyID: v.SurveyID, VersionID: v.ID, Answers: answers, IdempotencyKey: key,
	})
	if err != nil {
		return err
	}
	if rc.Replayed {
		c.Response().Header().Set("Idempotent-Replayed", "true")
	}
	return c.JSONBlob(http.StatusCreated, receiptJSON(rc))
}

// receiptJSON is the body of 201 Created, {"id":"…","reference":"…"},
// written out directly: on the busiest route encoding/json's reflection
// cost a thirtieth of the server's work. Neither value needs escaping:
// the id is digits, and references are drawn from referenceAlphabet.
func receiptJSON(rc sqlite.Receipt) []byte {
	b := make([]byte, 0, 64)
	b = append(b, `{"id":"`...)
	b = strconv.AppendInt(b, rc.ID, 10)
	b = append(b, `","reference":"`...)
	b = append(b, rc.Reference...)
	return append(b, "\"}\n"...) // the newline encoding/json ends with
}

// decodeResponseBody parses and validates a submission body, returning
// the answers, or the errors with 400 for a body that is not the right
// JSON shape and 422 for answers that break the definition.
func decodeResponseBody(def *survey.Definition, body []byte) (survey.Answers, apiErrors, int) {
	answers, errs, err := def.ParseJSONSubmission(body)
	var shape *survey.BodyError
	switch {
	case errors.As(err, &shape):
		return nil, apiErrors{{Field: shape.Field, Message: shape.Message}}, http.StatusBadRequest
	case err != nil:
		return nil, apiErrors{{Message: "the body must be a JSON object like {\"answers\": {...}}"}}, http.StatusBadRequest
	}
	bad := map[string]bool{} // answers dropped for their JSON type
	for _, e := range errs {
		bad[e.Field] = true
	}
	for _, e := range def.ValidateAnswers(answers) {
		// An answer of the wrong type was dropped, so questions that
		// depend on it look hidden; one mistake gives one error.
		if q := def.Question(e.Field); bad[e.Field] || q != nil && q.ShowIf != nil && bad[q.ShowIf.Question] {
			continue
		}
		errs = append(errs, e)
	}
	if len(errs) > 0 {
		return nil, fieldErrorsToAPI(errs), http.StatusUnprocessableEntity
	}
	return def.Prune(answers), nil, 0
}

// checkIdempotencyKey says what is wrong with a client's key, or "".
func checkIdempotencyKey(k string) string {
	if len(k) > sqlite.MaxIdempotencyKeyLen {
		return "must be at most 255 characters"
	}
	for i := 0; i < len(k); i++ {
		if k[i] < 0x21 || k[i] > 0x7e {
			return "must be printable ASCII with no spaces"
		}
	}
	return ""
}
