package survey

import (
	"errors"
	"fmt"
	"strings"
)

// Code classifies a domain error so that callers (the HTTP layer, the CLI)
// can map it to a status or exit code without inspecting messages.
type Code string

// Error codes. The HTTP layer maps each to one status in a single table.
const (
	ENotFound Code = "not_found" // no such survey, version, response or draft
	EInvalid  Code = "invalid"   // input breaks a rule; FieldErrors say which
	EClosed   Code = "closed"    // the survey is closed to new responses
	EConflict Code = "conflict"  // the change clashes with what is stored
	EInternal Code = "internal"  // anything else; never shown to users
)

// Error is a domain error with a code and a message that is safe to show
// to the person who caused it.
type Error struct {
	Code    Code
	Message string
	Fields  []FieldError
}

func (e *Error) Error() string {
	if len(e.Fields) == 0 {
		return e.Message
	}
	return e.Message + ": " + FieldErrors(e.Fields).Error()
}

// Errorf returns an *Error with the given code and a formatted message.
func Errorf(code Code, format string, args ...any) *Error {
	return &Error{Code: code, Message: fmt.Sprintf(format, args...)}
}

// ErrorCode returns the code of err if it is (or wraps) an *Error, and
// EInternal otherwise, so unexpected failures are never shown as user errors.
func ErrorCode(err error) Code {
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return EInternal
}

// FieldError names one problem with one field. Field is a path such as
// "sections[1].questions[2].show_if.question" for definitions, or a
// question id for answers.
type FieldError struct {
	Field   string `json:"field"`
	Message string `json:"message"`
}

// FieldErrors is a list of problems reported together, so that a person
// can fix everything in one go.
type FieldErrors []FieldError

func (fe FieldErrors) Error() string {
	lines := make([]string, len(fe))
	for i, f := range fe {
		lines[i] = f.Field + ": " + f.Message
	}
	return strings.Join(lines, "\n")
}

// Invalid wraps field errors into an EInvalid *Error.
func Invalid(message string, fields []FieldError) *Error {
	return &Error{Code: EInvalid, Message: message, Fields: fields}
}
