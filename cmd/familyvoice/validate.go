package main

import (
	"fmt"
	"sort"
	"strings"

	"github.com/go-playground/validator/v10"
)

// formValidator checks staff form structs by their `validate` tags.
var formValidator = validator.New(validator.WithRequiredStructEnabled())

// validateStruct returns a plain-English message per invalid form field,
// keyed by the field's form name.
func validateStruct(v any) map[string]string {
	err := formValidator.Struct(v)
	if err == nil {
		return nil
	}
	ves, ok := err.(validator.ValidationErrors)
	if !ok {
		return map[string]string{"form": "The form could not be checked"}
	}
	out := map[string]string{}
	for _, fe := range ves {
		name := strings.ToLower(fe.StructField())
		if _, seen := out[name]; seen {
			continue
		}
		out[name] = fieldMessage(fe)
	}
	return out
}

func fieldMessage(fe validator.FieldError) string {
	label := strings.ToLower(fe.StructField())
	switch fe.Tag() {
	case "required":
		return fmt.Sprintf("Enter the %s", label)
	case "email":
		return "Enter an email address like name@example.org"
	case "max":
		return fmt.Sprintf("The %s must be %s characters or fewer", label, fe.Param())
	case "min":
		if fe.Kind().String() == "slice" {
			return fmt.Sprintf("Choose at least %s %s", fe.Param(), strings.TrimSuffix(label, "s"))
		}
		return fmt.Sprintf("The %s must be at least %s characters", label, fe.Param())
	case "oneof":
		return fmt.Sprintf("Choose a %s from the list", strings.TrimSuffix(label, "s"))
	default:
		return fmt.Sprintf("Check the %s", label)
	}
}

// sortErrorLinks orders an error summary by field, so it is stable.
func sortErrorLinks(errs []errorLink) {
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Href < errs[j].Href })
}
