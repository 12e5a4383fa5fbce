package main

import "github.com/familyvoice/familyvoice/survey/staff"

// reportRouteAccess says who may use the report, actions, results and
// export routes: leaders (and admins); designers never see what families
// said. The public results page is open to everyone, and is not found
// until a leader turns it on.
var reportRouteAccess = map[string][]staff.Role{
	"GET /admin/surveys/:slug/report":              {staff.Leader},
	"GET /admin/surveys/:slug/actions":             {staff.Leader},
	"POST /admin/surveys/:slug/actions":            {staff.Leader},
	"GET /admin/surveys/:slug/actions/new":         {staff.Leader},
	"GET /admin/surveys/:slug/actions/:id":         {staff.Leader},
	"POST /admin/surveys/:slug/actions/:id":        {staff.Leader},
	"GET /admin/surveys/:slug/actions/:id/delete":  {staff.Leader},
	"POST /admin/surveys/:slug/actions/:id/delete": {staff.Leader},
	"GET /admin/surveys/:slug/results":             {staff.Leader},
	"POST /admin/surveys/:slug/results":            {staff.Leader},
	"POST /admin/surveys/:slug/results/quotes":     {staff.Leader},
	"GET /s/:slug/results":                         public,
	"GET /admin/surveys/:slug/export/comments.csv": {staff.Leader},
	"GET /admin/surveys/:slug/export/summary.xlsx": {staff.Leader},
	"GET /admin/surveys/:slug/export/summary.json": {staff.Leader},
}
