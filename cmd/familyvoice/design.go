package main

import (
	"github.com/familyvoice/familyvoice/survey/staff"
	"github.com/labstack/echo/v4"
)

// designRoutes registers the questionnaire designer's routes.
func (a *App) designRoutes(e *echo.Echo, only func(...staff.Role) []echo.MiddlewareFunc) {
}
