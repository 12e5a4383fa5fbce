package main

import "github.com/familyvoice/familyvoice/survey/staff"

// codingRouteAccess says who may use each route that corrects codings.
var codingRouteAccess = map[string][]staff.Role{
	"GET /admin/surveys/:slug/comments/:response/:question":  {staff.Leader},
	"POST /admin/surveys/:slug/comments/:response/:question": {staff.Leader},
	"GET /admin/surveys/:slug/coded":                         {staff.Leader},
	"GET /admin/surveys/:slug/export/coded.csv":              {staff.Leader},
	"POST /admin/surveys/:slug/coded/import":                 {staff.Leader},
}
