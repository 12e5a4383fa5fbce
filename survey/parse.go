package survey

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
)

// MaxDefinitionBytes bounds the size of a definition file, so an upload
// cannot exhaust memory. The largest real surveys are well under 200 KB.
const MaxDefinitionBytes = 1 << 20

// ParseDefinition reads a definition strictly: unknown fields and values of
// the wrong JSON type are reported with their path, then the definition is
// validated. On any problem it returns an EInvalid *Error listing every one.
func ParseDefinition(r io.Reader) (*Definition, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxDefinitionBytes+1))
	if err != nil {
		return nil, fmt.Errorf("read definition: %w", err)
	}
	if len(data) > MaxDefinitionBytes {
		return nil, Invalid("the definition is too large", []FieldError{{Field: "(file)", Message: fmt.Sprintf("must be at most %d bytes", MaxDefinitionBytes)}})
	}
	var raw any
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	if err := dec.Decode(&raw); err != nil {
		return nil, Invalid("the definition is not valid JSON", []FieldError{{Field: "(file)", Message: jsonSyntaxMessage(data, err)}})
	}
	// dec.More is not enough here: it says nothing of a stray '}' or ']'.
	if rest := bytes.TrimLeft(data[dec.InputOffset():], " \t\r\n"); len(rest) > 0 {
		line, col := lineCol(data, int64(len(data)-len(rest)))
		return nil, Invalid("the definition is not valid JSON", []FieldError{{Field: "(file)", Message: fmt.Sprintf("line %d, column %d: has extra text after the JSON ends", line, col)}})
	}
	shapeErrs := append(duplicateKeys(data), checkShape(raw, definitionShape, "")...)
	for _, e := range shapeErrs {
		if e.Message != unknownField {
			// With a value of the wrong type the definition cannot be
			// read, so its other rules cannot be checked yet.
			return nil, Invalid("the definition is not valid", shapeErrs)
		}
	}
	var d Definition
	if err := json.Unmarshal(data, &d); err != nil {
		// checkShape has already matched every field to its type and every
		// number to its range, so this should not happen.
		return nil, Invalid("the definition is not valid", []FieldError{{Field: "(file)", Message: err.Error()}})
	}
	// Unknown fields are reported together with every other problem, so
	// one run of import lists everything to fix.
	if err := d.Validate(); err != nil || len(shapeErrs) > 0 {
		var errs []FieldError
		var se *Error
		if errors.As(err, &se) {
			errs = se.Fields
		}
		return nil, Invalid("the survey definition is not valid", append(shapeErrs, errs...))
	}
	return &d, nil
}

// jsonSyntaxMessage turns a decoding error into a message with a line and
// column, which is what a person editing the file needs.
func jsonSyntaxMessage(data []byte, err error) string {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		// Offset counts the bad character itself, so step back onto it.
		line, col := lineCol(data, max(se.Offset-1, 0))
		return fmt.Sprintf("line %d, column %d: %s", line, col, se.Error())
	}
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return "ends before the JSON is complete"
	}
	return err.Error()
}

func lineCol(data []byte, offset int64) (line, col int) {
	line, col = 1, 1
	for i := int64(0); i < offset && i < int64(len(data)); i++ {
		if data[i] == '\n' {
			line++
			col = 1
		} else if data[i]&0xC0 != 0x80 {
			col++ // count characters, not the bytes inside them
		}
	}
	return line, col
}

// shape describes the JSON a definition may contain: for an object the
// allowed keys and their shapes, for an array its element shape.
type shape struct {
	kind   jsonKind
	fields map[string]*shape // kind == object
	elem   *shape            // kind == array
}

type jsonKind int

const (
	kString jsonKind = iota
	kBool
	kNumber
	kInteger
	kStringOrNumber
	kObject
	kArray
)

func (k jsonKind) String() string {
	return [...]string{"a string", "true or false", "a number", "a whole number", "a string or a number", "an object", "a list"}[k]
}

var (
	str           = &shape{kind: kString}
	boolean       = &shape{kind: kBool}
	number        = &shape{kind: kNumber}
	integer       = &shape{kind: kInteger}
	optionShape   = &shape{kind: kObject, fields: map[string]*shape{"value": str, "label": str}}
	scaleShape    = &shape{kind: kObject, fields: map[string]*shape{"min": integer, "max": integer, "min_label": str, "max_label": str}}
	condValue     = &shape{kind: kStringOrNumber}
	showIfShape   = &shape{kind: kObject, fields: map[string]*shape{"question": str, "equals": condValue, "any_of": {kind: kArray, elem: condValue}}}
	questionShape = &shape{kind: kObject, fields: map[string]*shape{
		"id": str, "type": str, "text": str, "hint": str, "required": boolean,
		"area": str, "profile": boolean, "options": {kind: kArray, elem: optionShape},
		"max_length": integer, "min": number, "max": number, "scale": scaleShape, "show_if": showIfShape,
	}}
	sectionShape = &shape{kind: kObject, fields: map[string]*shape{
		"id": str, "title": str, "description": str, "questions": {kind: kArray, elem: questionShape},
	}}
	definitionShape = &shape{kind: kObject, fields: map[string]*shape{
		"slug": str, "title": str, "description": str, "privacy_notice": str,
		"sections": {kind: kArray, elem: sectionShape},
		// version is what the API adds on export; it is accepted and
		// ignored so that what the API serves can be imported as it is.
		"version": number,
	}}
)

// checkShape reports every unknown field and every value of the wrong JSON
// type below v, with its path.
func checkShape(v any, s *shape, path string) []FieldError {
	name := path
	if name == "" {
		name = "(file)"
	}
	wrong := func() []FieldError {
		return []FieldError{{Field: name, Message: "must be " + s.kind.String()}}
	}
	switch s.kind {
	case kString:
		if _, ok := v.(string); !ok {
			return wrong()
		}
	case kBool:
		if _, ok := v.(bool); !ok {
			return wrong()
		}
	case kNumber, kInteger:
		n, ok := v.(json.Number)
		if !ok {
			return wrong()
		}
		return checkNumber(n, s.kind, name)
	case kStringOrNumber:
		switch v := v.(type) {
		case string:
		case json.Number:
			return checkNumber(v, kNumber, name)
		default:
			return wrong()
		}
	case kArray:
		arr, ok := v.([]any)
		if !ok {
			return wrong()
		}
		var errs []FieldError
		for i, e := range arr {
			errs = append(errs, checkShape(e, s.elem, fmt.Sprintf("%s[%d]", path, i))...)
		}
		return errs
	case kObject:
		obj, ok := v.(map[string]any)
		if !ok {
			return wrong()
		}
		keys := make([]string, 0, len(obj))
		for k := range obj {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var errs []FieldError
		for _, k := range keys {
			p := k
			if k == "" {
				p = `""` // so that the path is never empty
			}
			if path != "" {
				p = path + "." + p
			}
			fs, ok := s.fields[k]
			if !ok {
				errs = append(errs, FieldError{Field: p, Message: unknownField})
				continue
			}
			if obj[k] == nil {
				// null is read as "not given", like an absent field.
				continue
			}
			errs = append(errs, checkShape(obj[k], fs, p)...)
		}
		return errs
	}
	return nil
}

// checkNumber reports a number that the struct decoding would refuse, so
// that the problem is named by its path rather than left to json.Unmarshal.
func checkNumber(n json.Number, kind jsonKind, name string) []FieldError {
	if kind == kInteger {
		if _, err := n.Int64(); err != nil {
			return []FieldError{{Field: name, Message: "must be a whole number"}}
		}
		return nil
	}
	if _, err := n.Float64(); err != nil {
		return []FieldError{{Field: name, Message: "must be a number of a sensible size"}}
	}
	return nil
}

// MarshalIndent returns the definition as indented JSON, the form that
// export writes and import reads.
func (d *Definition) MarshalIndent() []byte {
	b, err := json.MarshalIndent(d, "", "  ")
	if err != nil {
		// A Definition holds only strings, numbers and bools.
		panic(fmt.Sprintf("survey: marshal definition: %v", err))
	}
	return append(b, '\n')
}

const unknownField = "is not a known field"

// duplicateKeys reports every key that appears twice in one JSON object.
// Decoding keeps only the last copy, so a repeated key would otherwise
// hide a mistake in the first. data is already known to be valid JSON.
func duplicateKeys(data []byte) []FieldError {
	type frame struct {
		object bool
		keys   map[string]bool
		path   string
		index  int    // next element index, for arrays
		key    string // the key whose value comes next, for objects
		hasKey bool   // key has been read and its value not yet
	}
	var errs []FieldError
	var stack []*frame
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	// childPath is the path of the value about to be read.
	childPath := func() string {
		if len(stack) == 0 {
			return ""
		}
		f := stack[len(stack)-1]
		if f.object {
			key := f.key
			if key == "" {
				key = `""`
			}
			if f.path == "" {
				return key
			}
			return f.path + "." + key
		}
		return fmt.Sprintf("%s[%d]", f.path, f.index)
	}
	// valueDone moves the enclosing container past one value.
	valueDone := func() {
		if len(stack) > 0 {
			f := stack[len(stack)-1]
			if f.object {
				f.key, f.hasKey = "", false
			} else {
				f.index++
			}
		}
	}
	for {
		tok, err := dec.Token()
		if err != nil {
			return errs
		}
		top := (*frame)(nil)
		if len(stack) > 0 {
			top = stack[len(stack)-1]
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{', '[':
				stack = append(stack, &frame{object: t == '{', keys: map[string]bool{}, path: childPath()})
			default:
				stack = stack[:len(stack)-1]
				valueDone()
			}
		case string:
			if top != nil && top.object && !top.hasKey {
				top.key, top.hasKey = t, true
				if top.keys[t] {
					p := t
					if t == "" {
						p = `""` // so that the path is never empty
					}
					if top.path != "" {
						p = top.path + "." + p
					}
					errs = append(errs, FieldError{Field: p, Message: "appears more than once"})
				}
				top.keys[t] = true
				continue
			}
			valueDone()
		default:
			valueDone()
		}
	}
}
