// Command figures writes every lesson's charts to a folder, for slides and
// handouts: a PNG at print resolution, the SVG and a CSV of the numbers
// behind each chart, from the lesson's default state and from each of its
// guided tasks' states, drawn natively by the same code as the page.
//
//	go run ./cmd/figures -out figures [-lessons histograms,cnn] [-steps 300] [-width 1600]
//
// Lessons that train on MNIST use the page's subset (the first 10,000
// training and 2,000 test images) and are trained for -steps steps (a
// lesson with a fixed budget stops at its end); the others are drawn as
// they open. Progress goes to standard error.
package main

import (
	"flag"
	"fmt"
	"os"
	"strings"
)

func main() {
	var o options
	flag.StringVar(&o.Out, "out", "figures", "the folder to write into (made if missing)")
	flag.StringVar(&o.Lessons, "lessons", "", "comma-separated lesson ids (default: every lesson)")
	flag.IntVar(&o.Steps, "steps", 300, "training steps for the lessons that train")
	flag.IntVar(&o.Width, "width", 1600, "the PNGs' minimum width in pixels")
	flag.Parse()
	if flag.NArg() > 0 {
		fmt.Fprintf(os.Stderr, "figures: unexpected arguments %s (flags only; see -h)\n", strings.Join(flag.Args(), " "))
		os.Exit(2)
	}
	n, err := run(o, os.Stderr)
	if err != nil {
		fmt.Fprintln(os.Stderr, "figures:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "figures: wrote %d charts (PNG, SVG and CSV each) to %s\n", n, o.Out)
}
