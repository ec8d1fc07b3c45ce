package export

import (
	"fmt"
	"strconv"
	"strings"

	"bnlab/engine/data"
)

// py formats a float as a Python literal.
func py(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

// header is the comment that opens both scripts.
func header(s Setup, framework, run string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "# bnlab, lesson %s, exported as %s code.\n", s.Lesson, framework)
	fmt.Fprintf(&b, "# The lab's state: %s\n", s.Address)
	fmt.Fprintf(&b, "# Run: %s\n", run)
	for _, n := range s.Nets {
		if n.Omitted != "" {
			fmt.Fprintf(&b, "# Note (%s): %s\n", n.Name, n.Omitted)
		}
	}
	return b.String()
}

// constants are the settings both scripts share, as Python assignments.
func constants(s Setup, epochs bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "SEED = %d\n", s.Seed%(1<<31))
	fmt.Fprintf(&b, "BATCH = %d\n", s.Batch)
	fmt.Fprintf(&b, "LR = %s\n", py(s.LR))
	fmt.Fprintf(&b, "MOMENTUM = %s  # SGD momentum (0: plain SGD)\n", py(s.Momentum))
	fmt.Fprintf(&b, "STEPS = %d\n", s.Steps)
	fmt.Fprintf(&b, "VAL_EVERY = %d\n", max(1, s.ValEvery))
	fmt.Fprintf(&b, "TRAIN_IMAGES, VAL_IMAGES = %d, %d  # the first MNIST training and test images\n", s.TrainImages, s.ValImages)
	fmt.Fprintf(&b, "MEAN, STD = %s, %s  # pixel/255 normalised as (x - MEAN) / STD\n", py(float64(data.Mean)), py(float64(data.Std)))
	if epochs {
		fmt.Fprintf(&b, "EPOCHS = %d  # about STEPS mini-batches: Keras trains in whole passes\n", (s.Steps*s.Batch+s.TrainImages-1)/s.TrainImages)
	}
	return b.String()
}
