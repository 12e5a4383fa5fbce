package survey

// Page is one step of the web journey: a whole section, or the part of a
// section up to a question whose show_if depends on an answer on the same
// page. Splitting there lets the server apply skip logic without
// JavaScript: the dependent question is shown, or skipped, on the next
// step once the answer it depends on is known.
type Page struct {
	Section   int // index into Definition.Sections
	Part      int // 0 for the first page of a section, then 1, 2, ...
	Questions []*Question
}

// Pages splits the definition into the steps of the web journey.
func (d *Definition) Pages() []Page {
	var pages []Page
	for si := range d.Sections {
		cur := Page{Section: si}
		onPage := map[string]bool{}
		for qi := range d.Sections[si].Questions {
			q := &d.Sections[si].Questions[qi]
			if q.ShowIf != nil && onPage[q.ShowIf.Question] {
				pages = append(pages, cur)
				cur = Page{Section: si, Part: cur.Part + 1}
				onPage = map[string]bool{}
			}
			cur.Questions = append(cur.Questions, q)
			onPage[q.ID] = true
		}
		if len(cur.Questions) > 0 {
			pages = append(pages, cur)
		}
	}
	return pages
}

// VisibleQuestions returns the questions of p that the answers so far show.
func (d *Definition) VisibleQuestions(p Page, a Answers) []*Question {
	var qs []*Question
	for _, q := range p.Questions {
		if d.Visible(q, a) {
			qs = append(qs, q)
		}
	}
	return qs
}
