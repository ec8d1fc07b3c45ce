package charts

import (
	"bytes"
	"encoding/csv"
	"encoding/xml"
	"html"
	"io"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

// sample returns n normal values with the given mean and sd, seeded.
func sample(seed uint64, n int, mean, sd float64) []float64 {
	r := rand.New(rand.NewPCG(seed, 1))
	out := make([]float64, n)
	for i := range out {
		out[i] = mean + sd*r.NormFloat64()
	}
	return out
}

func steps(n int) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = float64(i * 100)
	}
	return out
}

func curve(n int, f func(float64) float64) []float64 {
	out := make([]float64, n)
	for i := range out {
		out[i] = f(float64(i))
	}
	return out
}

// runningStats is a running-statistics history of 40 batches, updated
// by PyTorch's rule (momentum 0.1, unbiased variance) and Keras's (0.99),
// from batches whose statistics wander around mean 2 and variance 3.
func runningStats(t testing.TB) BNRunning {
	r := BNRunning{Momentum: 0.1, KerasMomentum: 0.99}
	p := BNRunningPoint{TorchVar: 1, KerasVar: 1}
	r.Points = append(r.Points, p)
	for b := 1; b <= 40; b++ {
		m, v := 2+math.Sin(float64(b)), 3+math.Cos(float64(b)/3)
		p = BNRunningPoint{Batch: b, BatchMean: m, BatchVar: v * 15 / 16, BatchVarUnbiased: v,
			TorchMean: 0.9*p.TorchMean + 0.1*m, TorchVar: 0.9*p.TorchVar + 0.1*v,
			KerasMean: 0.99*p.KerasMean + 0.01*m, KerasVar: 0.99*p.KerasVar + 0.01*v}
		r.Points = append(r.Points, p)
	}
	return r
}

// charts returns one example of every chart, by name.
func examples(t testing.TB) map[string]func() ([]byte, error) {
	run := runningStats(t)
	return map[string]func() ([]byte, error){
		"histogram": func() ([]byte, error) {
			return Histogram(HistSpec{Title: "Layer 3 pre-activations", XLabel: "value",
				Sets: []HistSet{{"before BN", sample(1, 600, 4, 3)}, {"after BN", sample(2, 600, 0, 1)}}})
		},
		"lines": func() ([]byte, error) {
			return Lines(LineSpec{Title: "Test accuracy", XLabel: "step", YLabel: "accuracy", YMin: 0, YMax: 1,
				Series: []Series{
					{"with BN", steps(50), curve(50, func(i float64) float64 { return 1 - 0.9*math.Exp(-i/5) })},
					{"without BN", steps(50), curve(50, func(i float64) float64 { return 1 - 0.9*math.Exp(-i/20) })}}})
		},
		"bands": func() ([]byte, error) {
			b := func(name string, drift float64) Band {
				return Band{Name: name, Steps: steps(40),
					P15: curve(40, func(i float64) float64 { return -1 + drift*i }),
					P50: curve(40, func(i float64) float64 { return drift * 1.5 * i }),
					P85: curve(40, func(i float64) float64 { return 1 + drift*2*i })}
			}
			return PercentileBands(BandSpec{Title: "Sigmoid input, last hidden layer", XLabel: "step", YLabel: "input",
				Bands: []Band{b("without BN", 0.05), b("with BN", 0)}})
		},
		"bars": func() ([]byte, error) {
			return Bars(BarSpec{Title: "Best validation accuracy", YLabel: "accuracy",
				Categories: []string{"plain", "BN", "dropout", "BN + dropout"},
				Groups:     []BarGroup{{"train", []float64{1, 0.99, 0.97, 0.98}}, {"validation", []float64{0.88, 0.9, 0.91, 0.92}}}})
		},
		"running": func() ([]byte, error) { return BNRunningStats(run, Size{}) },
	}
}

// TestChartsSVG: every chart is well-formed XML with the title, role="img"
// and no embedded font, and the same input gives the same bytes.
func TestChartsSVG(t *testing.T) {
	titles := map[string]string{"histogram": "Layer 3 pre-activations", "lines": "Test accuracy",
		"bands": "Sigmoid input, last hidden layer", "bars": "Best validation accuracy", "running": "Running statistics of feature 1"}
	for name, f := range examples(t) {
		a, err := f()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		b, _ := f()
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two renders of the same input differ", name)
		}
		dec := xml.NewDecoder(bytes.NewReader(a))
		var texts []string
		for {
			tok, err := dec.Token()
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatalf("%s: not well-formed XML: %v", name, err)
			}
			if cd, ok := tok.(xml.CharData); ok {
				texts = append(texts, string(cd))
			}
		}
		s := string(a)
		if !strings.Contains(strings.Join(texts, " "), titles[name]) {
			t.Errorf("%s: the title %q is not in the SVG text", name, titles[name])
		}
		for _, want := range []string{`role="img"`, "<title>" + titles[name] + "</title>", "Arial"} {
			if !strings.Contains(s, want) {
				t.Errorf("%s: SVG lacks %s", name, want)
			}
		}
		if strings.Contains(s, "@font-face") || strings.Contains(s, "base64") {
			t.Errorf("%s: SVG embeds font or image data", name)
		}
		t.Logf("%s: %d bytes", name, len(a))
	}
}

// TestChartsRefuseBadInput: errors name the problem, nothing panics.
func TestChartsRefuseBadInput(t *testing.T) {
	for _, tc := range []struct {
		name, want string
		f          func() ([]byte, error)
	}{
		{"no sets", "no sets", func() ([]byte, error) { return Histogram(HistSpec{Title: "h"}) }},
		{"NaN", "is NaN", func() ([]byte, error) {
			return Histogram(HistSpec{Title: "h", Sets: []HistSet{{"a", []float64{1, math.NaN()}}}})
		}},
		{"bins", "bins", func() ([]byte, error) {
			return Histogram(HistSpec{Title: "h", Bins: -1, Sets: []HistSet{{"a", []float64{1}}}})
		}},
		{"lengths", "has 2 values but", func() ([]byte, error) {
			return Lines(LineSpec{Title: "l", Series: []Series{{"s", []float64{1, 2}, []float64{1}}}})
		}},
		{"order", "out of order", func() ([]byte, error) {
			return PercentileBands(BandSpec{Title: "b", Bands: []Band{{"x", []float64{0}, []float64{2}, []float64{1}, []float64{3}}}})
		}},
		{"bars", "categories has 2", func() ([]byte, error) {
			return Bars(BarSpec{Title: "b", Categories: []string{"a", "b"}, Groups: []BarGroup{{"g", []float64{1}}}})
		}},
		{"running", "no points", func() ([]byte, error) { return BNRunningStats(BNRunning{}, Size{}) }},
	} {
		_, err := tc.f()
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%s: err = %v, want one containing %q", tc.name, err, tc.want)
		}
	}
}

// TestHistogramConstant: a set with a single repeated value still draws.
func TestHistogramConstant(t *testing.T) {
	if _, err := Histogram(HistSpec{Title: "x̂ of a constant batch", Sets: []HistSet{{"x̂", []float64{0, 0, 0}}}}); err != nil {
		t.Fatal(err)
	}
}

func benchChart(b *testing.B, name string) {
	f := examples(b)[name]
	for b.Loop() {
		if _, err := f(); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkHistogramSVG(b *testing.B)       { benchChart(b, "histogram") }
func BenchmarkLinesSVG(b *testing.B)           { benchChart(b, "lines") }
func BenchmarkPercentileBandsSVG(b *testing.B) { benchChart(b, "bands") }
func BenchmarkBarsSVG(b *testing.B)            { benchChart(b, "bars") }
func BenchmarkBNRunningStatsSVG(b *testing.B)  { benchChart(b, "running") }

// TestBNRunningTargets: the variance panel names each framework's target,
// the unbiased batch variance for PyTorch and the biased one for Keras.
func TestBNRunningTargets(t *testing.T) {
	svg, err := examples(t)["running"]()
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"PyTorch&#39;s target", "Keras&#39;s target"} {
		if !bytes.Contains(svg, []byte(w)) && !bytes.Contains(svg, []byte(strings.ReplaceAll(w, "&#39;", "'"))) {
			t.Errorf("the running chart lacks the legend %q", w)
		}
	}
}

// TestChartData: every chart carries the numbers it draws as CSV in its
// <metadata class="chart-data">, with a header row and one row per point,
// bin, step or bar.
func TestChartData(t *testing.T) {
	rows := map[string]int{"histogram": 2 * 30, "lines": 2 * 50, "bands": 2 * 40, "bars": 4 * 2, "running": len(runningStats(t).Points)}
	for name, f := range examples(t) {
		svg, err := f()
		if err != nil {
			t.Fatal(err)
		}
		s := string(svg)
		i := strings.Index(s, `<metadata class="`+DataClass+`">`)
		j := strings.Index(s, "</metadata>")
		if i < 0 || j < i {
			t.Errorf("%s: no chart data", name)
			continue
		}
		text := html.UnescapeString(s[i+len(`<metadata class="`+DataClass+`">`) : j])
		recs, err := csv.NewReader(strings.NewReader(text)).ReadAll()
		if err != nil {
			t.Errorf("%s: the data is not CSV: %v", name, err)
			continue
		}
		if want, ok := rows[name]; ok && len(recs)-1 != want {
			t.Errorf("%s: %d data rows, want %d; header %v", name, len(recs)-1, want, recs[0])
		}
	}
}
