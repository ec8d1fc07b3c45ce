package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// kerasNames maps engine layer kinds to Keras's class name and the base of
// its automatic layer name.
var kerasNames = map[string][2]string{
	"Conv2d":      {"Conv2D", "conv2d"},
	"BatchNorm1d": {"BatchNormalization", "batch_normalization"},
	"BatchNorm2d": {"BatchNormalization", "batch_normalization"},
	"ReLU":        {"Activation", "activation"},
	"Sigmoid":     {"Activation", "activation"},
	"Tanh":        {"Activation", "activation"},
	"MaxPool2d":   {"MaxPooling2D", "max_pooling2d"},
	"Flatten":     {"Flatten", "flatten"},
	"Linear":      {"Dense", "dense"},
	"Dropout":     {"Dropout", "dropout"},
	"LayerNorm":   {"LayerNormalization", "layer_normalization"},
	"GroupNorm":   {"GroupNormalization", "group_normalization"},
}

// KerasRow is one line of a Keras summary.
type KerasRow struct {
	Name        string // "conv2d", "batch_normalization_1", ...
	Class       string // "Conv2D", "BatchNormalization", ...
	OutputShape string // Keras's channels-last shape, e.g. "(None, 28, 28, 32)"
	Params      int    // trainable + non-trainable
	// NonTrainable counts the moving statistics (running_mean, running_var);
	// PyTorch's num_batches_tracked has no Keras counterpart and is omitted.
	NonTrainable int
}

// KerasRows describes m layer by layer as Keras's model.summary() would
// for the equivalent keras.Sequential: automatic names (conv2d, conv2d_1,
// ...), channels-last output shapes with None for the batch, and parameter
// counts where batch normalisation has 4·C (γ, β trainable; moving mean and
// variance not). input is one sample's shape in the engine's layout, e.g.
// (1, 28, 28) for MNIST.
func KerasRows(m Layer, input []int) ([]KerasRow, error) {
	shape := append([]int{1}, input...)
	seen := map[string]int{}
	var rows []KerasRow
	for _, l := range leafLayers(m) {
		kn, ok := kerasNames[l.Kind()]
		if !ok {
			return nil, fmt.Errorf("engine: KerasRows: no Keras equivalent for %s", l.Kind())
		}
		var err error
		if shape, err = OutputShape(l, shape); err != nil {
			return nil, err
		}
		name := kn[1]
		if k := seen[kn[1]]; k > 0 {
			name += "_" + strconv.Itoa(k)
		}
		seen[kn[1]]++
		non := 0
		for _, b := range l.Buffers() {
			if b.Name == "running_mean" || b.Name == "running_var" {
				non += b.Value.Len()
			}
		}
		rows = append(rows, KerasRow{Name: name, Class: kn[0], OutputShape: kerasShape(shape),
			Params: ParamCount(l) + non, NonTrainable: non})
	}
	return rows, nil
}

// kerasShape formats an engine shape (N, C, *spatial) channels-last with a
// None batch: (N, C, H, W) → "(None, H, W, C)", (N, F) → "(None, F)".
func kerasShape(s []int) string {
	parts := []string{"None"}
	if len(s) > 2 {
		for _, d := range s[2:] {
			parts = append(parts, strconv.Itoa(d))
		}
	}
	if len(s) > 1 {
		parts = append(parts, strconv.Itoa(s[1]))
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// KerasSummary returns the text of Keras 2's model.summary() (TF 2.9 to
// 2.12 layout: 65 columns, column stops at 29 and 55, long cells wrapped,
// a blank line after each layer) for the keras.Sequential equivalent of m,
// named name ("sequential" when empty), on one-sample input shape input in
// the engine's layout. For NewKerasSyllabusModel on (1, 28, 28) it ends
//
//	Total params: 825,866
//	Trainable params: 825,162
//	Non-trainable params: 704
func KerasSummary(m Layer, name string, input []int) (string, error) {
	rows, err := KerasRows(m, input)
	if err != nil {
		return "", err
	}
	if name == "" {
		name = "sequential"
	}
	const width = 65
	pos := []int{29, 55, 65}
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(fmt.Sprintf("Model: %q", name))
	line(strings.Repeat("_", width))
	kerasRow(&b, pos, "Layer (type)", "Output Shape", "Param #")
	line(strings.Repeat("=", width))
	total, non := 0, 0
	for _, r := range rows {
		kerasRow(&b, pos, r.Name+" ("+r.Class+")", r.OutputShape, strconv.Itoa(r.Params))
		line(strings.Repeat(" ", width))
		total += r.Params
		non += r.NonTrainable
	}
	line(strings.Repeat("=", width))
	line("Total params: " + FormatThousands(total))
	line("Trainable params: " + FormatThousands(total-non))
	line("Non-trainable params: " + FormatThousands(non))
	line(strings.Repeat("_", width))
	return b.String(), nil
}

// kerasRow is Keras's print_row: each field is cut to its column width
// (minus two spaces of separation, except the last), continuing on further
// lines until every field is printed; the first column starts with a space.
func kerasRow(b *strings.Builder, pos []int, fields ...string) {
	left := append([]string(nil), fields...)
	for anyNonEmpty(left) {
		line := ""
		for col := range left {
			start := 0
			if col > 0 {
				start = pos[col-1]
			}
			space := 2
			if col == len(pos)-1 {
				space = 0
			}
			cut := min(pos[col]-start-space, len(left[col]))
			fit := left[col][:cut]
			for _, brk := range []string{"),", "},", "],", "',"} {
				if i := strings.Index(fit, brk); i >= 0 && i+len(brk) < cut {
					cut = i + len(brk)
				}
			}
			fit = left[col][:cut]
			if col == 0 {
				line += " "
			}
			line += fit + strings.Repeat(" ", space)
			left[col] = left[col][cut:]
			if pad := pos[col] - len(line); pad > 0 {
				line += strings.Repeat(" ", pad)
			}
		}
		b.WriteString(line + "\n")
	}
}

func anyNonEmpty(s []string) bool {
	for _, v := range s {
		if v != "" {
			return true
		}
	}
	return false
}
