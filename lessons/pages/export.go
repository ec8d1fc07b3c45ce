package pages

import (
	"fmt"
	"html"
	"strings"

	"bnlab/lessons/export"
)

// ExportPanel is the body of a lesson's "Your networks as code" panel: the
// PyTorch and the Keras script for the state on screen (export.PyTorch and
// export.Keras), each in a focusable <pre> with a copy button (the page's
// data-copy) and a download link (data-save, named after the lesson). A
// setup that cannot be exported gives a note saying why.
func ExportPanel(id string, s export.Setup, err error) string {
	var torch, keras string
	if err == nil {
		torch, err = export.PyTorch(s)
	}
	if err == nil {
		keras, err = export.Keras(s)
	}
	if err != nil {
		return `<p class="aside">This state cannot be exported as code: ` + html.EscapeString(err.Error()) + `</p>`
	}
	var b strings.Builder
	nets := make([]string, len(s.Nets))
	for i, n := range s.Nets {
		nets[i] = html.EscapeString(n.Name)
	}
	fmt.Fprintf(&b, `<p>Runnable code for the %s on screen: the same layers, initial weights, optimiser (SGD, learning rate %s, batch %d) and data (the first %d MNIST training images), trained for %d steps, with <code>model.train()</code> and <code>model.eval()</code> where they belong. It changes as you change the controls.</p>`,
		plural(len(nets), "network "+nets[0], "networks "+strings.Join(nets, ", ")), html.EscapeString(fmt.Sprint(s.LR)), s.Batch, s.TrainImages, s.Steps)
	for _, c := range []struct{ name, key, code string }{{"PyTorch", "pytorch", torch}, {"Keras 3", "keras", keras}} {
		pid := id + "-" + c.key
		fmt.Fprintf(&b, `<div class="export-code"><p class="export-head"><strong>%s</strong> <button type="button" data-copy="%s">Copy</button> <a href="#" data-save="%s" data-save-name="bnlab_%s_%s.py">Download .py</a></p><pre id="%s" tabindex="0" aria-label="%s code"><code>%s</code></pre></div>`,
			c.name, pid, pid, html.EscapeString(s.Lesson), c.key, pid, c.name, html.EscapeString(c.code))
	}
	return b.String()
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
