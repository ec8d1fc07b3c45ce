package course

import (
	"regexp"
	"strings"
	"testing"

	"bnlab/lessons"
	"bnlab/lessons/glossary"
	"bnlab/lessons/lessontest"
	"bnlab/lessons/pages"
	"bnlab/lessons/train"
)

// listItems counts the <li> of the element that carries attr.
func listItems(prose, attr string) (int, bool) {
	i := strings.Index(prose, attr)
	if i < 0 {
		return 0, false
	}
	rest := prose[i:]
	end := strings.Index(rest, "</ul>")
	if end < 0 {
		return 0, false
	}
	return strings.Count(rest[:end], "<li>"), true
}

var checkForm = regexp.MustCompile(`<form class="check" data-check="([^"]+)"`)

// TestEveryLessonTeaches: every lesson states 2–4 objectives and 3–5
// takeaways, poses at least two predict-then-check questions (declared by
// the lesson, drawn into its prose, with an answer for the default
// state), and gives at least two guided tasks whose addresses open that
// lesson without a notice.
func TestEveryLessonTeaches(t *testing.T) {
	for _, e := range Lessons() {
		t.Run(e.ID, func(t *testing.T) {
			if n, ok := listItems(e.Prose, "data-objectives"); !ok || n < 2 || n > 4 {
				t.Errorf("objectives: %d items (present %v), want 2–4", n, ok)
			}
			if n, ok := listItems(e.Prose, "data-takeaways"); !ok || n < 3 || n > 5 {
				t.Errorf("takeaways: %d items (present %v), want 3–5", n, ok)
			}
			if strings.Contains(e.Prose, "<!-- check ") {
				t.Errorf("a check placeholder has no check declared")
			}
			l := e.New()
			ch, ok := l.(lessons.Checker)
			if !ok {
				t.Fatalf("%T poses no checks (lessons.Checker)", l)
			}
			forms := checkForm.FindAllStringSubmatch(e.Prose, -1)
			if len(forms) < 2 || len(forms) != len(ch.Checks()) {
				t.Errorf("%d check forms in the prose for %d checks, want at least 2 and the same number", len(forms), len(ch.Checks()))
			}
			if err := l.Configure(lessons.Defaults(l.Controls()), lessons.DefaultSeed); err != nil {
				t.Fatal(err)
			}
			// A lesson that trains on MNIST answers once its data is in (it
			// may refuse with an error while it waits); the synthetic set
			// stands in for MNIST here.
			if nd, ok := l.(train.NeedsData); ok {
				if err := nd.SetData(lessontest.Synthetic(t)); err != nil {
					t.Fatal(err)
				}
			}
			for _, c := range ch.Checks() {
				if !strings.HasPrefix(c.ID, e.ID+"-") || !strings.Contains(e.Prose, `data-check="`+c.ID+`"`) {
					t.Errorf("check %q: not drawn in the prose, or its id does not start with the lesson's", c.ID)
				}
				a, err := ch.Answer(c.ID)
				if err != nil {
					t.Errorf("check %q at the defaults: %v", c.ID, err)
					continue
				}
				pred := "0"
				if c.Kind == lessons.ChoiceCheck {
					pred = c.Options[0].Value
				}
				if _, err := pages.Judge(c, a, pred); err != nil {
					t.Errorf("check %q: judging %q: %v", c.ID, pred, err)
				}
			}
			links := lessontest.TryLinks(e.Prose)
			if len(links) < 2 {
				t.Errorf("%d guided tasks, want at least 2", len(links))
			}
			for _, h := range links {
				st, notes := ParseHash(h)
				if st.Lesson != e.ID || len(notes) > 0 {
					t.Errorf("task %q opens %q with notices %v", h, st.Lesson, notes)
				}
			}
		})
	}
}

var termUse = regexp.MustCompile(`data-term="([^"]*)"`)

// TestGlossaryTerms: every term a lesson marks is in the glossary, and the
// lessons mark at least a third of the glossary's terms.
func TestGlossaryTerms(t *testing.T) {
	used := map[string]bool{}
	for _, e := range Lessons() {
		for _, m := range termUse.FindAllStringSubmatch(e.Prose, -1) {
			if _, ok := glossary.Lookup(m[1]); !ok {
				t.Errorf("%s marks data-term=%q, which the glossary does not define", e.ID, m[1])
			}
			used[m[1]] = true
		}
	}
	if len(used)*3 < len(glossary.Terms) {
		t.Errorf("the lessons mark %d of the glossary's %d terms", len(used), len(glossary.Terms))
	}
}

var formulaTag = regexp.MustCompile(`<[a-z]+ [^>]*class="formula[^"]*"[^>]*>`)

// TestFormulasFocusable: a formula box scrolls sideways on a narrow
// screen (overflow-x: auto), so a keyboard must reach it: every one in
// the prose has tabindex="0" (axe's scrollable-region-focusable).
func TestFormulasFocusable(t *testing.T) {
	for _, e := range Lessons() {
		for _, tag := range formulaTag.FindAllString(e.Prose, -1) {
			if !strings.Contains(tag, `tabindex="0"`) {
				t.Errorf("%s: %s has no tabindex=\"0\"", e.ID, tag)
			}
		}
	}
}
