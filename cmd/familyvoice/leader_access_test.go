package main

import "github.com/familyvoice/familyvoice/survey/staff"

// leaderRouteAccess says who may use the pages leaders read: leaders (and
// admins, who may use every staff route). Designers build surveys but do
// not read what families said.
var leaderRouteAccess = map[string][]staff.Role{
	"GET /admin/surveys/:slug/summary":       {staff.Leader},
	"GET /admin/surveys/:slug/areas/:area":   {staff.Leader},
	"GET /admin/surveys/:slug/themes/:theme": {staff.Leader},
	"GET /admin/surveys/:slug/compare":       {staff.Leader},
}
