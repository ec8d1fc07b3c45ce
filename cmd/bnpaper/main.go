package main

import (
	"flag"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"strings"
	"time"

	"bnlab/engine/data"
)

// options are the command-line flags.
type options struct {
	steps, evalEvery, batch, progress int
	seed                              uint64
	mnist, only                       string
	markdown                          bool
}

func main() {
	var o options
	flag.IntVar(&o.steps, "steps", 5000, "training steps (mini-batches)")
	flag.IntVar(&o.evalEvery, "eval-every", 500, "evaluate on the test set every this many steps")
	flag.IntVar(&o.batch, "batch", 60, "mini-batch size (the paper's is 60)")
	flag.IntVar(&o.progress, "progress", 100, "print progress to stderr every this many steps (0: never)")
	flag.Uint64Var(&o.seed, "seed", 1, "seed for weights and batches")
	flag.StringVar(&o.mnist, "mnist", "", "directory with the four MNIST IDX files (default: the GoMNIST module)")
	flag.StringVar(&o.only, "only", "", "comma-separated network names to train (default all: "+specNames()+")")
	flag.BoolVar(&o.markdown, "markdown", false, "print the result table as Markdown")
	flag.Parse()
	if err := run(o, os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "bnpaper:", err)
		os.Exit(1)
	}
}

func specNames() string {
	var n []string
	for _, s := range specs {
		n = append(n, s.Name)
	}
	return strings.Join(n, ",")
}

// result is one evaluation point: the step and each network's test
// accuracy (NaN after divergence) and mean training loss since the last
// point.
type result struct {
	step      int
	acc, loss []float64
}

func run(o options, out, progress io.Writer) error {
	if o.steps < 1 || o.evalEvery < 1 || o.batch < 2 || o.progress < 0 {
		return fmt.Errorf("need -steps ≥ 1, -eval-every ≥ 1, -batch ≥ 2, -progress ≥ 0 (got %d, %d, %d, %d)", o.steps, o.evalEvery, o.batch, o.progress)
	}
	chosen, err := choose(o.only)
	if err != nil {
		return err
	}
	start := time.Now()
	var m *data.MNIST
	if o.mnist != "" {
		m, err = data.LoadMNIST(o.mnist)
	} else {
		m, err = data.LoadModuleMNIST()
	}
	if err != nil {
		return err
	}
	testX, testY := data.All(m.Test, true)
	batches, err := data.NewBatches(m.Train, o.batch, rand.New(rand.NewPCG(o.seed, 2)))
	if err != nil {
		return err
	}
	batches.Flat, batches.DropLast = true, true
	ts := make([]*trainer, len(chosen))
	for i, s := range chosen {
		if ts[i], err = newTrainer(s, o.seed); err != nil {
			return err
		}
	}
	fmt.Fprintf(progress, "MNIST loaded in %v; training %d networks for %d steps of %d\n", time.Since(start).Round(time.Millisecond), len(ts), o.steps, o.batch)
	var results []result
	dead := make([]error, len(ts))
	sum := make([]float64, len(ts))
	cnt := 0
	evaluate := func(step int) error {
		r := result{step: step, acc: make([]float64, len(ts)), loss: make([]float64, len(ts))}
		for i, t := range ts {
			r.acc[i], r.loss[i] = nan(), nan()
			if cnt > 0 {
				r.loss[i] = sum[i] / float64(cnt)
			}
			if dead[i] != nil {
				continue
			}
			a, err := t.accuracy(testX, testY)
			if err != nil {
				return err
			}
			r.acc[i] = a
			sum[i] = 0
		}
		cnt = 0
		results = append(results, r)
		fmt.Fprintf(progress, "step %5d  test accuracy  %s  (%v)\n", step, formatRow(ts, r.acc), time.Since(start).Round(time.Second))
		return nil
	}
	if err := evaluate(0); err != nil {
		return err
	}
	trainStart := time.Now()
	for step := 1; step <= o.steps; step++ {
		x, y := batches.Next()
		for i, t := range ts {
			if dead[i] != nil {
				continue
			}
			loss, err := t.step(x, y)
			if err != nil {
				dead[i] = err
				fmt.Fprintf(progress, "step %d: %v\n", step, err)
				continue
			}
			sum[i] += loss
		}
		cnt++
		if o.progress > 0 && step%o.progress == 0 && step%o.evalEvery != 0 {
			per := time.Since(trainStart) / time.Duration(step)
			fmt.Fprintf(progress, "step %5d/%d  %.2f ms/step for all networks, epoch %d\n", step, o.steps, float64(per.Microseconds())/1000, batches.Epoch())
		}
		if step%o.evalEvery == 0 || step == o.steps {
			if err := evaluate(step); err != nil {
				return err
			}
		}
	}
	printTable(out, ts, results, o.markdown)
	fmt.Fprintf(out, "\n%d steps of batch %d, seed %d, in %v (%v training)\n", o.steps, o.batch, o.seed,
		time.Since(start).Round(time.Second), time.Since(trainStart).Round(time.Second))
	return nil
}

func choose(only string) ([]spec, error) {
	if only == "" {
		return specs, nil
	}
	var out []spec
	for _, name := range strings.Split(only, ",") {
		found := false
		for _, s := range specs {
			if s.Name == strings.TrimSpace(name) {
				out, found = append(out, s), true
			}
		}
		if !found {
			return nil, fmt.Errorf("unknown network %q in -only (known: %s)", name, specNames())
		}
	}
	return out, nil
}
