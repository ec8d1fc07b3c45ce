package data_test

import (
	"bytes"
	"fmt"
	"math/rand/v2"

	"bnlab/engine/data"
)

func ExampleNewBatches() {
	m, err := data.LoadMNIST("testdata/mini")
	if err != nil {
		fmt.Println(err)
		return
	}
	b, _ := data.NewBatches(m.Train, 5, rand.New(rand.NewPCG(1, 2)))
	b.DropLast = true
	for range 3 {
		x, y := b.Next()
		fmt.Println(x.ShapeString(), len(y), "epoch", b.Epoch())
	}
	// Output:
	// (5, 1, 28, 28) 5 epoch 1
	// (5, 1, 28, 28) 5 epoch 1
	// (5, 1, 28, 28) 5 epoch 2
}

func ExampleWriteCompact() {
	m, _ := data.LoadMNIST("testdata/mini")
	var buf bytes.Buffer
	if err := data.WriteCompact(&buf, m.Train.Head(4)); err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(buf.Len(), "bytes") // 12-byte header + 4 × (784 pixels + 1 label)
	s, err := data.ReadCompact(&buf)
	fmt.Println(s.N, s.Rows, s.Cols, s.Labels, err)
	// Output:
	// 3152 bytes
	// 4 28 28 [0 7 4 1] <nil>
}

func ExampleSpirals() {
	p, err := data.Spirals(300, 3, 0.05, rand.New(rand.NewPCG(7, 7)))
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println(p.N, p.Classes, p.Counts())
	// Output: 300 3 [100 100 100]
}
