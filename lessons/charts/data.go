package charts

import (
	"encoding/csv"
	"strconv"
	"strings"
)

// DataClass is the class of the <metadata> element in which every chart
// carries the numbers it draws, as CSV with a header row: the page's CSV
// download reads it, and screen readers and the picture ignore it.
const DataClass = "chart-data"

// table is a chart's numbers: a header and rows of text.
type table struct {
	head []string
	rows [][]string
}

// num writes a number for the CSV: the shortest text that reads back as
// the same float64.
func num(f float64) string { return strconv.FormatFloat(f, 'g', -1, 64) }

func (t *table) add(cells ...string) { t.rows = append(t.rows, cells) }

// csv returns the table as CSV text.
func (t table) csv() string {
	var b strings.Builder
	w := csv.NewWriter(&b)
	w.Write(t.head)
	w.WriteAll(t.rows)
	return b.String()
}

// seriesTable: one row per point, "series,x,y".
func seriesTable(xName, yName string, ss []Series) table {
	t := table{head: []string{"series", label(xName, "x"), label(yName, "y")}}
	for _, s := range ss {
		for i := range min(len(s.X), len(s.Y)) {
			t.add(s.Name, num(s.X[i]), num(s.Y[i]))
		}
	}
	return t
}

func label(s, def string) string {
	if s == "" {
		return def
	}
	return s
}

// binnedTable: one row per bin, "set,from,to,count", with the counts
// below and above the range as open-ended bins.
func binnedTable(sets []Binned) table {
	t := table{head: []string{"set", "from", "to", "count"}}
	for _, s := range sets {
		t.add(s.Name, "-inf", num(s.Lo), strconv.Itoa(s.Under))
		w := (s.Hi - s.Lo) / float64(max(len(s.Counts), 1))
		for i, c := range s.Counts {
			t.add(s.Name, num(s.Lo+float64(i)*w), num(s.Lo+float64(i+1)*w), strconv.Itoa(c))
		}
		t.add(s.Name, num(s.Hi), "inf", strconv.Itoa(s.Over))
	}
	return t
}

// bandTable: one row per step, "band,step,p15,p50,p85".
func bandTable(xName string, bands []Band) table {
	t := table{head: []string{"band", label(xName, "step"), "p15", "p50", "p85"}}
	for _, b := range bands {
		for i := range b.Steps {
			t.add(b.Name, num(b.Steps[i]), num(b.P15[i]), num(b.P50[i]), num(b.P85[i]))
		}
	}
	return t
}

// barTable: one row per bar, "category,group,value".
func barTable(yName string, cats []string, groups []BarGroup) table {
	t := table{head: []string{"category", "group", label(yName, "value")}}
	for _, g := range groups {
		for i, v := range g.Values {
			if i < len(cats) {
				t.add(cats[i], g.Name, num(v))
			}
		}
	}
	return t
}

// gapTable: one row per step, "network,x,train,validation".
func gapTable(s GapSpec) table {
	t := table{head: []string{"network", label(s.XLabel, "x"), s.TrainName, s.ValName}}
	for _, p := range s.Panels {
		for i := range p.X {
			t.add(p.Title, num(p.X[i]), num(p.Train[i]), num(p.Val[i]))
		}
	}
	return t
}

// withData puts t into svg as CSV in a <metadata class="chart-data">
// element just inside the root.
func withData(svg []byte, t table) []byte {
	s := string(svg)
	i := strings.Index(s, "<svg ")
	if i < 0 {
		return svg
	}
	j := strings.Index(s[i:], ">\n")
	if j < 0 {
		return svg
	}
	k := i + j + 2
	return []byte(s[:k] + `<metadata class="` + DataClass + `">` + xmlEscape(t.csv()) + "</metadata>\n" + s[k:])
}
