package charts_test

import (
	"fmt"
	"strings"

	"bnlab/lessons/charts"
)

func ExampleLines() {
	svg, err := charts.Lines(charts.LineSpec{
		Title: "Training loss", XLabel: "step", YLabel: "cross-entropy",
		Series: []charts.Series{{Name: "with BN", X: []float64{0, 1, 2}, Y: []float64{2.3, 1.1, 0.6}}},
	})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(strings.Contains(string(svg), "<title>Training loss</title>"))
	// Output: true
}
