package main

import (
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/familyvoice/familyvoice/survey"
	"github.com/familyvoice/familyvoice/survey/sqlite"
	"github.com/labstack/echo/v4"
)

// The family journey: start page, one step per page, check answers,
// send, confirmation; with save and come back later. Everything works
// without JavaScript: skip logic is applied on the server.

const draftCookie = "fv_draft"

func surveyPath(slug string) string { return "/s/" + slug }

func pageURL(slug string, n int) string { return fmt.Sprintf("/s/%s/page/%d", slug, n) }

// fieldName is the form name of a question's input. The prefix keeps
// question ids (which may be "action" or "_csrf") apart from the form's
// own fields.
func fieldName(id string) string { return "a-" + id }

// fieldID is the HTML id of a question's (first) input, the target of the
// error summary's links.
func fieldID(id string) string { return "q-" + id }

// currentDraft returns the draft in the person's cookie for survey v, or
// a not-found error.
func (a *App) currentDraft(c echo.Context, v *sqlite.Version) (*sqlite.Draft, error) {
	ck, err := c.Cookie(draftCookie)
	if err != nil {
		return nil, survey.Errorf(survey.ENotFound, "no saved answers")
	}
	d, err := a.db.FindDraft(c.Request().Context(), ck.Value)
	if err != nil {
		return nil, err
	}
	if d.Version.SurveyID != v.SurveyID {
		return nil, survey.Errorf(survey.ENotFound, "no saved answers")
	}
	return d, nil
}

func (a *App) setDraftCookie(c echo.Context, slug, token string) {
	c.SetCookie(&http.Cookie{
		Name: draftCookie, Value: token, Path: surveyPath(slug),
		MaxAge: int(a.cfg.DraftTTL.Seconds()), HttpOnly: true, Secure: a.isHTTPS(c), SameSite: http.SameSiteLaxMode,
	})
}

func (a *App) clearDraftCookie(c echo.Context, slug string) {
	c.SetCookie(&http.Cookie{Name: draftCookie, Value: "", Path: surveyPath(slug), MaxAge: -1, HttpOnly: true, Secure: a.isHTTPS(c), SameSite: http.SameSiteLaxMode})
}

// journey is the state every step handler works from.
type journey struct {
	v     *sqlite.Version // the open survey
	d     *sqlite.Draft
	def   *survey.Definition // of the version the draft answers
	pages []survey.Page
}

// withJourney runs h with the open survey and the person's draft. People
// with no saved answers (a new device, an expired draft) are sent to the
// start page rather than shown an error.
func (a *App) withJourney(h func(echo.Context, *journey) error) echo.HandlerFunc {
	return func(c echo.Context) error {
		v, err := a.openSurvey(c)
		if err != nil {
			return err
		}
		d, err := a.currentDraft(c, v)
		if survey.ErrorCode(err) == survey.ENotFound {
			return c.Redirect(http.StatusSeeOther, surveyPath(v.Slug))
		}
		if err != nil {
			return err
		}
		return h(c, newJourney(v, d))
	}
}

func newJourney(v *sqlite.Version, d *sqlite.Draft) *journey {
	def := d.Version.Definition
	return &journey{v: v, d: d, def: def, pages: def.Pages()}
}

// nextPage returns the first step from n on with a visible question, or
// len(pages) when only "check your answers" is left.
func (j *journey) nextPage(n int) int {
	for ; n < len(j.pages); n++ {
		if len(j.def.VisibleQuestions(j.pages[n], j.d.Answers)) > 0 {
			return n
		}
	}
	return len(j.pages)
}

// prevPage returns the last step before n with a visible question, or -1.
func (j *journey) prevPage(n int) int {
	for n--; n >= 0; n-- {
		if len(j.def.VisibleQuestions(j.pages[n], j.d.Answers)) > 0 {
			return n
		}
	}
	return -1
}

func (j *journey) stepURL(n int) string {
	if n >= len(j.pages) {
		return "/s/" + j.v.Slug + "/check"
	}
	return pageURL(j.v.Slug, n)
}

// continueURL is where someone coming back picks up.
func (j *journey) continueURL() string {
	return j.stepURL(j.nextPage(min(j.d.Page, len(j.pages))))
}

type startData struct {
	Title, Description, PrivacyNotice string
	Minutes, Sections                 int
	HasDraft                          bool
	StartURL, ContinueURL, ResumeURL  string
}

// newStartData describes a survey on its start page, the real one and
// the preview's alike; the caller adds the addresses.
func newStartData(def *survey.Definition) startData {
	return startData{
		Title: def.Title, Description: def.Description, PrivacyNotice: def.PrivacyNotice,
		Minutes:  max(2, (len(def.Questions())+2)/3),
		Sections: len(def.Sections),
	}
}

func (a *App) respondStart(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	data := newStartData(v.Definition)
	data.StartURL, data.ResumeURL = surveyPath(v.Slug)+"/start", surveyPath(v.Slug)+"/resume"
	if d, err := a.currentDraft(c, v); err == nil {
		data.HasDraft = true
		j := newJourney(v, d)
		data.ContinueURL = j.continueURL()
	}
	return a.page(c, http.StatusOK, "start", &view{HomeURL: surveyPath(v.Slug), Data: data})
}

// respondStartPost begins a fresh set of answers, replacing any draft
// this device had for the survey.
func (a *App) respondStartPost(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	ctx := c.Request().Context()
	if old, err := a.currentDraft(c, v); err == nil {
		if err := a.db.DeleteDraft(ctx, old.ID); err != nil {
			return err
		}
	}
	_, keys, err := a.db.CreateDraft(ctx, v, a.cfg.DraftTTL)
	if err != nil {
		return err
	}
	a.setDraftCookie(c, v.Slug, keys.Token)
	return c.Redirect(http.StatusSeeOther, pageURL(v.Slug, 0))
}

// questionView is one question as a template renders it.
type questionView struct {
	Q       *survey.Question
	ID      string
	Name    string
	Value   string
	Error   string
	Grouped bool
	Choices []choiceView
}

type choiceView struct {
	ID, Value, Label string
	Checked          bool
}

// newQuestionView builds the view of q showing the given raw input.
func newQuestionView(q *survey.Question, input []string, problem string) questionView {
	qv := questionView{Q: q, ID: fieldID(q.ID), Name: fieldName(q.ID), Error: problem}
	if len(input) > 0 {
		qv.Value = input[0]
	}
	checked := map[string]bool{}
	for _, s := range input {
		checked[s] = true
	}
	add := func(value, label string) {
		id := qv.ID
		if len(qv.Choices) > 0 {
			id = fmt.Sprintf("%s-%d", qv.ID, len(qv.Choices))
		}
		qv.Choices = append(qv.Choices, choiceView{ID: id, Value: value, Label: label, Checked: checked[value]})
	}
	switch q.Type {
	case survey.SingleChoice, survey.MultiChoice:
		qv.Grouped = true
		for _, o := range q.Options {
			add(o.Value, o.Label)
		}
	case survey.YesNo:
		qv.Grouped = true
		add("yes", "Yes")
		add("no", "No")
	case survey.Scale:
		qv.Grouped = true
		for n := q.Scale.Min; n <= q.Scale.Max; n++ {
			add(strconv.Itoa(n), strconv.Itoa(n))
		}
	}
	return qv
}

// inputOf renders a stored answer back into form input.
func inputOf(v survey.Value, ok bool) []string {
	if !ok {
		return nil
	}
	if v.Type == survey.MultiChoice {
		return v.Choices
	}
	return []string{v.String()}
}

type pageData struct {
	SectionNumber, SectionCount      int
	SectionTitle, SectionDescription string
	Questions                        []questionView
	Action, BackURL                  string
	Change                           bool
}

// stepNumber is the step named in the address, or not found.
func stepNumber(c echo.Context, j *journey) (int, error) {
	n, err := strconv.Atoi(c.Param("n"))
	if err != nil || n < 0 || n >= len(j.pages) {
		return 0, echo.ErrNotFound
	}
	return n, nil
}

func (a *App) respondPage(c echo.Context) error {
	return a.withJourney(func(c echo.Context, j *journey) error {
		n, err := stepNumber(c, j)
		if err != nil {
			return err
		}
		views := j.savedViews(n)
		if len(views) == 0 {
			return c.Redirect(http.StatusSeeOther, j.stepURL(j.nextPage(n)))
		}
		return a.renderPage(c, j, n, views, nil, http.StatusOK)
	})(c)
}

// savedViews shows step n's visible questions with the answers kept so
// far: none when skip logic hides the whole step.
func (j *journey) savedViews(n int) []questionView {
	qs := j.def.VisibleQuestions(j.pages[n], j.d.Answers)
	views := make([]questionView, len(qs))
	for i, q := range qs {
		v, ok := j.d.Answers[q.ID]
		views[i] = newQuestionView(q, inputOf(v, ok), "")
	}
	return views
}

// pageData is step n as the page template shows it.
func (j *journey) pageData(n int, views []questionView, action, back string, change bool) pageData {
	sec := j.def.Sections[j.pages[n].Section]
	return pageData{
		SectionNumber: j.pages[n].Section + 1, SectionCount: len(j.def.Sections),
		SectionTitle: sec.Title, SectionDescription: sec.Description,
		Questions: views, Action: action, BackURL: back, Change: change,
	}
}

func (a *App) renderPage(c echo.Context, j *journey, n int, views []questionView, errs []errorLink, status int) error {
	change := c.QueryParam("change") != "" || c.FormValue("change") != ""
	back := surveyPath(j.v.Slug)
	if change {
		back = j.stepURL(len(j.pages))
	} else if p := j.prevPage(n); p >= 0 {
		back = pageURL(j.v.Slug, p)
	}
	action := pageURL(j.v.Slug, n)
	if change {
		action += "?change=1"
	}
	return a.page(c, status, "page", &view{HomeURL: surveyPath(j.v.Slug), Errors: errs, Data: j.pageData(n, views, action, back, change)})
}

// respondPagePost takes one step's answers. "Continue" needs every
// required question answered; "Save and come back later" keeps whatever
// valid answers were given.
func (a *App) respondPagePost(c echo.Context) error {
	return a.withJourney(func(c echo.Context, j *journey) error {
		n, err := stepNumber(c, j)
		if err != nil {
			return err
		}
		form, err := c.FormParams()
		if err != nil {
			return echo.NewHTTPError(http.StatusBadRequest, "the form could not be read").SetInternal(err)
		}
		saving := form.Get("action") == "save"
		given, views, errs := j.readStep(n, form, saving)
		if len(errs) > 0 && !saving {
			return a.renderPage(c, j, n, views, errs, http.StatusUnprocessableEntity)
		}
		j.keepStep(n, given)
		next := j.nextPage(n + 1)
		if !saving {
			j.d.Page = max(j.d.Page, next)
		}
		if err := a.db.SaveDraftAnswers(c.Request().Context(), j.d, a.cfg.DraftTTL); err != nil {
			return err
		}
		if saving {
			return c.Redirect(http.StatusSeeOther, surveyPath(j.v.Slug)+"/saved")
		}
		if c.QueryParam("change") != "" {
			// A changed answer may show questions not yet answered: go to
			// the first step that still needs something, else back to check.
			return c.Redirect(http.StatusSeeOther, j.firstIncomplete())
		}
		return c.Redirect(http.StatusSeeOther, j.stepURL(next))
	})(c)
}

// readStep checks the answers a step's form gives for its visible
// questions. A person saving for later may leave required questions
// out; answers that break a rule are never kept.
func (j *journey) readStep(n int, form url.Values, saving bool) (given survey.Answers, views []questionView, errs []errorLink) {
	qs := j.def.VisibleQuestions(j.pages[n], j.d.Answers)
	given = survey.Answers{}
	views = make([]questionView, len(qs))
	for i, q := range qs {
		input := form[fieldName(q.ID)]
		problem := ""
		v, ok, parseProblem := survey.ParseFormValue(q, input)
		switch {
		case parseProblem != "":
			problem = parseProblem
		case ok && survey.CheckAnswer(q, v) != "":
			problem = webProblem(q, v)
		case ok:
			given[q.ID] = v
		case q.Required && !saving:
			problem = requiredProblem(q)
		}
		views[i] = newQuestionView(q, input, problem)
		if problem != "" {
			errs = append(errs, errorLink{Href: "#" + fieldID(q.ID), Message: problem})
		}
	}
	return given, views, errs
}

// keepStep replaces step n's answers with given, then drops answers to
// questions the new answers hide.
func (j *journey) keepStep(n int, given survey.Answers) {
	for _, q := range j.pages[n].Questions {
		delete(j.d.Answers, q.ID)
	}
	for id, v := range given {
		j.d.Answers[id] = v
	}
	j.d.Answers = j.def.Prune(j.d.Answers)
}

// firstIncompleteStep is the first step with a required visible
// question still unanswered, or len(j.pages) when none is.
func (j *journey) firstIncompleteStep() int {
	for n := range j.pages {
		if len(j.def.ValidateQuestions(j.def.VisibleQuestions(j.pages[n], j.d.Answers), j.d.Answers)) > 0 {
			return n
		}
	}
	return len(j.pages)
}

// firstIncomplete is the first step with a required visible question
// still unanswered (as a change link), or the check page.
func (j *journey) firstIncomplete() string {
	if n := j.firstIncompleteStep(); n < len(j.pages) {
		return pageURL(j.v.Slug, n) + "?change=1"
	}
	return j.stepURL(len(j.pages))
}

// changeURL links from "check your answers" to question q on step n.
func (j *journey) changeURL(n int, q *survey.Question) string {
	return pageURL(j.v.Slug, n) + "?change=1#" + fieldID(q.ID)
}

// requiredProblem is the GOV.UK-style message for an unanswered question.
func requiredProblem(q *survey.Question) string {
	switch q.Type {
	case survey.SingleChoice, survey.YesNo:
		return "Select an answer to: " + q.Text
	case survey.MultiChoice:
		return "Select at least one option for: " + q.Text
	case survey.Scale:
		return "Choose a point on the scale for: " + q.Text
	case survey.Number:
		return "Enter a number for: " + q.Text
	default:
		return "Enter an answer to: " + q.Text
	}
}

// webProblem words a broken rule for a person filling in the form.
func webProblem(q *survey.Question, v survey.Value) string {
	switch q.Type {
	case survey.ShortText, survey.LongText:
		if n := utf8.RuneCountInString(v.Text); n > q.TextLimit() {
			return fmt.Sprintf("Your answer must be %d characters or fewer. It has %d.", q.TextLimit(), n)
		}
		return "Your answer contains characters we cannot accept. Remove them and try again."
	case survey.Number:
		switch {
		case q.Min != nil && q.Max != nil:
			return fmt.Sprintf("Enter a number from %s to %s", fmtNum(*q.Min), fmtNum(*q.Max))
		case q.Min != nil:
			return fmt.Sprintf("Enter a number of %s or more", fmtNum(*q.Min))
		default:
			return fmt.Sprintf("Enter a number of %s or less", fmtNum(*q.Max))
		}
	case survey.Scale:
		return fmt.Sprintf("Choose a point from %d to %d", q.Scale.Min, q.Scale.Max)
	default:
		return "Select one of the options shown"
	}
}

func fmtNum(f float64) string { return strconv.FormatFloat(f, 'f', -1, 64) }

type checkRow struct{ Question, Answer, ChangeURL string }

type checkSection struct {
	Title string
	Rows  []checkRow
}

type checkData struct {
	Sections         []checkSection
	BackURL, SendURL string
}

func (a *App) respondCheck(c echo.Context) error {
	return a.withJourney(func(c echo.Context, j *journey) error {
		return a.renderCheck(c, j, nil, http.StatusOK)
	})(c)
}

// checkSections lists the visible answers section by section for
// "check your answers", each row linked by changeURL to its question.
func (j *journey) checkSections(changeURL func(n int, q *survey.Question) string) []checkSection {
	var secs []checkSection
	for n, p := range j.pages {
		qs := j.def.VisibleQuestions(p, j.d.Answers)
		if len(qs) == 0 {
			continue
		}
		title := j.def.Sections[p.Section].Title
		if len(secs) == 0 || secs[len(secs)-1].Title != title || p.Part == 0 {
			secs = append(secs, checkSection{Title: title})
		}
		cur := &secs[len(secs)-1]
		for _, q := range qs {
			cur.Rows = append(cur.Rows, checkRow{
				Question:  q.Text,
				Answer:    answerText(q, j.d.Answers[q.ID]),
				ChangeURL: changeURL(n, q),
			})
		}
	}
	return secs
}

func (a *App) renderCheck(c echo.Context, j *journey, errs []errorLink, status int) error {
	secs := j.checkSections(j.changeURL)
	back := surveyPath(j.v.Slug)
	if p := j.prevPage(len(j.pages)); p >= 0 {
		back = pageURL(j.v.Slug, p)
	}
	return a.page(c, status, "check", &view{HomeURL: surveyPath(j.v.Slug), Errors: errs, Data: checkData{
		Sections: secs, BackURL: back, SendURL: surveyPath(j.v.Slug) + "/send",
	}})
}

// answerText shows an answer as the person chose it: option labels, not
// values.
func answerText(q *survey.Question, v survey.Value) string {
	switch q.Type {
	case survey.MultiChoice:
		labels := make([]string, len(v.Choices))
		for i, c := range v.Choices {
			labels[i] = q.OptionLabel(c)
		}
		return strings.Join(labels, ", ")
	case survey.SingleChoice, survey.YesNo:
		if v.Text == "" {
			return ""
		}
		return q.OptionLabel(v.Text)
	case survey.Scale, survey.Number:
		if v.Type == "" {
			return ""
		}
		return v.String()
	default:
		return v.Text
	}
}

// problemLinks words what stops the answers being sent, each linked by
// changeURL to its question, or to checkURL if no step shows it.
func (j *journey) problemLinks(problems []survey.FieldError, checkURL string, changeURL func(n int, q *survey.Question) string) []errorLink {
	var errs []errorLink
	for _, p := range problems {
		q := j.def.Question(p.Field)
		if q == nil {
			continue
		}
		href := checkURL
		for n, pg := range j.pages {
			for _, pq := range pg.Questions {
				if pq.ID == q.ID {
					href = changeURL(n, q)
				}
			}
		}
		msg := requiredProblem(q)
		if p.Message != "is required" {
			msg = q.Text + ": " + p.Message
		}
		errs = append(errs, errorLink{Href: href, Message: msg})
	}
	return errs
}

// respondSend stores the response. The draft's id is the idempotency key,
// so pressing Send twice (or retrying after a lost reply) stores it once.
func (a *App) respondSend(c echo.Context) error {
	return a.withJourney(func(c echo.Context, j *journey) error {
		if problems := j.def.ValidateAnswers(j.d.Answers); len(problems) > 0 {
			errs := j.problemLinks(problems, j.stepURL(len(j.pages)), j.changeURL)
			return a.renderCheck(c, j, errs, http.StatusUnprocessableEntity)
		}
		ctx := c.Request().Context()
		rc, err := a.db.Submit(ctx, sqlite.NewResponse{
			SurveyID: j.v.SurveyID, VersionID: j.d.Version.ID, Answers: j.d.Answers,
			IdempotencyKey: "web-draft-" + strconv.FormatInt(j.d.ID, 10),
		})
		if err != nil {
			return err
		}
		if err := a.db.DeleteDraft(ctx, j.d.ID); err != nil {
			a.log.Error("delete sent draft", "err", err)
		}
		a.clearDraftCookie(c, j.v.Slug)
		return c.Redirect(http.StatusSeeOther, surveyPath(j.v.Slug)+"/done/"+url.PathEscape(rc.Reference))
	})(c)
}

func (a *App) respondDone(c echo.Context) error {
	v, err := a.publishedSurvey(c)
	if err != nil {
		return err
	}
	ref := c.Param("ref")
	ok, err := a.db.ResponseExists(c.Request().Context(), v.SurveyID, ref)
	if err != nil {
		return err
	}
	if !ok {
		return echo.ErrNotFound
	}
	return a.page(c, http.StatusOK, "confirmation", &view{HomeURL: surveyPath(v.Slug), Data: struct{ Reference string }{ref}})
}

type savedData struct {
	ResumeLink, Code, Expires, ContinueURL string
}

func (a *App) respondSaved(c echo.Context) error {
	return a.withJourney(func(c echo.Context, j *journey) error {
		ck, _ := c.Cookie(draftCookie) // present: withJourney found the draft by it
		link := c.Scheme() + "://" + c.Request().Host + surveyPath(j.v.Slug) + "/resume/" + ck.Value
		return a.page(c, http.StatusOK, "saved", &view{HomeURL: surveyPath(j.v.Slug), Data: savedData{
			ResumeLink: link, Code: j.d.Code, Expires: j.d.ExpiresAt.Format("2 January 2006"), ContinueURL: j.continueURL(),
		}})
	})(c)
}

type resumeData struct{ Code, Action, StartURL string }

func (a *App) respondResumeForm(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	return a.page(c, http.StatusOK, "resume", &view{HomeURL: surveyPath(v.Slug), Data: resumeData{
		Action: surveyPath(v.Slug) + "/resume", StartURL: surveyPath(v.Slug),
	}})
}

// respondResumeCode opens saved answers by the short code. Attempts are
// limited per address so codes cannot be guessed online.
func (a *App) respondResumeCode(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	code := strings.TrimSpace(c.FormValue("code"))
	data := resumeData{Code: code, Action: surveyPath(v.Slug) + "/resume", StartURL: surveyPath(v.Slug)}
	fail := func(status int, msg string) error {
		return a.page(c, status, "resume", &view{HomeURL: surveyPath(v.Slug), Data: data,
			Errors: []errorLink{{Href: "#code", Message: msg}}})
	}
	if !a.limits.Allow("resume:"+c.RealIP(), 10, 30*time.Second) {
		return fail(http.StatusTooManyRequests, "You have tried too many codes. Wait a few minutes, then try again.")
	}
	if code == "" {
		return fail(http.StatusUnprocessableEntity, "Enter your code")
	}
	d, token, err := a.db.ResumeDraftByCode(c.Request().Context(), v.SurveyID, code)
	if survey.ErrorCode(err) == survey.ENotFound {
		return fail(http.StatusUnprocessableEntity, "We could not find saved answers with that code. Check the code and try again. Saved answers are kept for 30 days.")
	}
	if err != nil {
		return err
	}
	a.setDraftCookie(c, v.Slug, token)
	j := newJourney(v, d)
	return c.Redirect(http.StatusSeeOther, j.continueURL())
}

// respondResumeLink opens saved answers from the link shown when saving.
func (a *App) respondResumeLink(c echo.Context) error {
	v, err := a.openSurvey(c)
	if err != nil {
		return err
	}
	token := c.Param("token")
	d, err := a.db.FindDraft(c.Request().Context(), token)
	if err != nil || d.Version.SurveyID != v.SurveyID {
		return a.errorPage(c, http.StatusNotFound, "We could not find your saved answers",
			"The link may be wrong, or the answers may have expired: saved answers are kept for 30 days.",
			"You can start the survey again from its first page.")
	}
	a.setDraftCookie(c, v.Slug, token)
	j := newJourney(v, d)
	return c.Redirect(http.StatusSeeOther, j.continueURL())
}
