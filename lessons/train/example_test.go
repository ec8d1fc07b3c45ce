package train

import "fmt"

// ExampleHarness trains a plain and a BN network side by side on the same
// batches and reads their records.
func ExampleHarness() {
	ds, err := SyntheticDataset(200, 50, 0.5, 1)
	if err != nil {
		fmt.Println(err)
		return
	}
	h, err := NewHarness(smallConfig(1), ds)
	if err != nil {
		fmt.Println(err)
		return
	}
	for i := 0; i < 6; i++ {
		if err := h.Step(); err != nil {
			fmt.Println(err)
			return
		}
	}
	s := h.Snapshot()
	for _, n := range s.Nets {
		fmt.Printf("%s: %d steps, %d loss points, %d hidden layers, BN histogram: %v\n",
			n.Name, n.Steps, len(n.Loss.Values), len(n.Layers), n.Layers[0].Norm != nil)
	}
	// Output:
	// plain: 6 steps, 7 loss points, 3 hidden layers, BN histogram: false
	// bn: 6 steps, 7 loss points, 3 hidden layers, BN histogram: true
}
