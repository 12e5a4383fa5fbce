package main

import "github.com/familyvoice/familyvoice/survey/staff"

// designRouteAccess says who may use each designer route.
var designRouteAccess = map[string][]staff.Role{}
