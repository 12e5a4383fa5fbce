package main

import "github.com/familyvoice/familyvoice/survey/staff"

// designRouteAccess says who may use each designer route. Leaders see
// the list of surveys (with counts, never answers); everything else is
// for designers (and admins, who may use every staff route).
var designRouteAccess = map[string][]staff.Role{
	"GET /admin/surveys":                                        {staff.Designer, staff.Leader},
	"GET /admin/surveys/new":                                    designerOnly,
	"POST /admin/surveys/new":                                   designerOnly,
	"GET /admin/surveys/import":                                 designerOnly,
	"POST /admin/surveys/import":                                designerOnly,
	"GET /admin/surveys/:slug":                                  designerOnly,
	"GET /admin/surveys/:slug/details":                          designerOnly,
	"POST /admin/surveys/:slug/details":                         designerOnly,
	"GET /admin/surveys/:slug/sections/new":                     designerOnly,
	"POST /admin/surveys/:slug/sections/new":                    designerOnly,
	"GET /admin/surveys/:slug/sections/:section":                designerOnly,
	"POST /admin/surveys/:slug/sections/:section":               designerOnly,
	"POST /admin/surveys/:slug/sections/:section/move":          designerOnly,
	"GET /admin/surveys/:slug/sections/:section/delete":         designerOnly,
	"POST /admin/surveys/:slug/sections/:section/delete":        designerOnly,
	"GET /admin/surveys/:slug/sections/:section/questions/new":  designerOnly,
	"POST /admin/surveys/:slug/sections/:section/questions/new": designerOnly,
	"GET /admin/surveys/:slug/questions/:question":              designerOnly,
	"POST /admin/surveys/:slug/questions/:question":             designerOnly,
	"POST /admin/surveys/:slug/questions/:question/move":        designerOnly,
	"GET /admin/surveys/:slug/questions/:question/delete":       designerOnly,
	"POST /admin/surveys/:slug/questions/:question/delete":      designerOnly,
	"GET /admin/surveys/:slug/publish":                          designerOnly,
	"POST /admin/surveys/:slug/publish":                         designerOnly,
	"GET /admin/surveys/:slug/close":                            designerOnly,
	"POST /admin/surveys/:slug/close":                           designerOnly,
	"GET /admin/surveys/:slug/reopen":                           designerOnly,
	"POST /admin/surveys/:slug/reopen":                          designerOnly,
	"GET /admin/surveys/:slug/delete":                           designerOnly,
	"POST /admin/surveys/:slug/delete":                          designerOnly,
	"GET /admin/surveys/:slug/duplicate":                        designerOnly,
	"POST /admin/surveys/:slug/duplicate":                       designerOnly,
	"GET /admin/surveys/:slug/export":                           designerOnly,
	"GET /admin/surveys/:slug/preview":                          designerOnly,
	"POST /admin/surveys/:slug/preview/start":                   designerOnly,
	"GET /admin/surveys/:slug/preview/page/:n":                  designerOnly,
	"POST /admin/surveys/:slug/preview/page/:n":                 designerOnly,
	"GET /admin/surveys/:slug/preview/check":                    designerOnly,
	"POST /admin/surveys/:slug/preview/send":                    designerOnly,
	"GET /admin/surveys/:slug/preview/saved":                    designerOnly,
	"GET /admin/surveys/:slug/preview/done":                     designerOnly,
	"GET /admin/jargon":                                         designerOnly,
	"POST /admin/jargon":                                        designerOnly,
	"GET /admin/jargon/download":                                designerOnly,
}

var designerOnly = []staff.Role{staff.Designer}
