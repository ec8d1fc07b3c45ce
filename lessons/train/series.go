package train

import "math"

// Thin keeps the odd-indexed entries (steps that are multiples of the
// doubled stride).
func Thin(s []float64) []float64 {
	out := s[:0]
	for i := 1; i < len(s); i += 2 {
		out = append(out, s[i])
	}
	return out
}

func ThinInts(s []int) []int {
	out := s[:0]
	for i := 1; i < len(s); i += 2 {
		out = append(out, s[i])
	}
	return out
}

// f64s converts float32s to float64s.
func Float64s(v []float32) []float64 {
	out := make([]float64, len(v))
	for i, x := range v {
		out[i] = float64(x)
	}
	return out
}

// MaxAbsDiff is max |a − b| over two equally long slices.
func MaxAbsDiff(a, b []float32) float64 {
	d := 0.0
	for i := range a {
		if e := math.Abs(float64(a[i]) - float64(b[i])); e > d {
			d = e
		}
	}
	return d
}
