package overfitting

import (
	"bnlab/lessons/export"
	"bnlab/lessons/pages"
)

// Export describes the lesson's networks for export as PyTorch and Keras
// code, trained for its step budget (export.Exporter).
func (l *Lesson) Export() (export.Setup, error) { return l.ExportSetup(l.steps) }

// exportPanel is the "Your networks as code" panel.
func (l *Lesson) exportPanel() string {
	s, err := l.Export()
	return pages.ExportPanel("overfitting-export", s, err)
}
