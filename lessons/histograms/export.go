package histograms

import (
	"bnlab/lessons/export"
	"bnlab/lessons/pages"
)

// exportSteps is how long the exported code trains.
const exportSteps = 1000

// Export describes the lesson's networks for export as PyTorch and Keras
// code, trained for exportSteps steps (the lab trains until it is paused) (export.Exporter).
func (l *Lesson) Export() (export.Setup, error) { return l.ExportSetup(exportSteps) }

// exportPanel is the "Your networks as code" panel.
func (l *Lesson) exportPanel() string {
	s, err := l.Export()
	return pages.ExportPanel("histograms-export", s, err)
}
