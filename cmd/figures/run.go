package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"bnlab/engine/data"
	"bnlab/lessons"
	"bnlab/lessons/charts"
	"bnlab/lessons/charts/chartpng"
	"bnlab/lessons/course"
	"bnlab/lessons/train"
)

// options are the command's flags.
type options struct {
	Out     string
	Lessons string
	Steps   int
	Width   int
}

// The page's MNIST subset (cmd/serve's mnist.bin).
const (
	mnistTrain = 10000
	mnistTest  = 2000
)

// run writes the figures and returns how many charts it wrote.
func run(o options, progress io.Writer) (int, error) {
	if o.Steps < 0 || o.Width < 100 || o.Width > 20000 {
		return 0, fmt.Errorf("-steps %d and -width %d: want -steps ≥ 0 and -width between 100 and 20000", o.Steps, o.Width)
	}
	entries, err := pick(o.Lessons)
	if err != nil {
		return 0, err
	}
	if err := makeDir(o.Out); err != nil {
		return 0, err
	}
	var jobs []job
	for _, e := range entries {
		jobs = append(jobs, jobsOf(e)...)
	}
	var ds *train.Dataset
	n := 0
	for i, j := range jobs {
		fmt.Fprintf(progress, "[%d/%d] %s, %s\n", i+1, len(jobs), j.entry.ID, j.name)
		l, err := open(j)
		if err != nil {
			return n, err
		}
		if nd, ok := l.(train.NeedsData); ok {
			if ds == nil {
				fmt.Fprintf(progress, "  loading MNIST (the first %d training and %d test images)…\n", mnistTrain, mnistTest)
				if ds, err = loadMNIST(); err != nil {
					return n, err
				}
			}
			if err := nd.SetData(ds); err != nil {
				return n, fmt.Errorf("%s, %s: %w", j.entry.ID, j.name, err)
			}
			if err := trainFor(l, o.Steps, progress); err != nil {
				return n, fmt.Errorf("%s, %s: %w", j.entry.ID, j.name, err)
			}
		}
		ds, err := charts.Record(func() error { _, err := l.Frame(); return err })
		if err != nil {
			return n, fmt.Errorf("%s, %s: drawing: %w", j.entry.ID, j.name, err)
		}
		k, err := write(o, j, ds)
		n += k
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

// pick returns the course entries named in list (all when it is empty).
func pick(list string) ([]course.Entry, error) {
	all := course.Lessons()
	if strings.TrimSpace(list) == "" {
		return all, nil
	}
	var out []course.Entry
	for _, id := range strings.Split(list, ",") {
		id = strings.TrimSpace(id)
		i := slices.IndexFunc(all, func(e course.Entry) bool { return e.ID == id })
		if i < 0 {
			var ids []string
			for _, e := range all {
				ids = append(ids, e.ID)
			}
			return nil, fmt.Errorf("-lessons: no lesson %q (the lessons: %s)", id, strings.Join(ids, ", "))
		}
		out = append(out, all[i])
	}
	return out, nil
}

// makeDir makes the output folder, with an error that says what is wrong.
func makeDir(dir string) error {
	if dir == "" {
		return errors.New("-out is empty: give the folder to write into")
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		return fmt.Errorf("-out %s is a file, not a folder", dir)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("-out %s: cannot make the folder: %w", dir, err)
	}
	probe, err := os.CreateTemp(dir, ".figures-probe-*")
	if err != nil {
		return fmt.Errorf("-out %s: cannot write into the folder: %w", dir, err)
	}
	probe.Close()
	return os.Remove(probe.Name())
}

// loadMNIST loads the page's subset of MNIST from the GoMNIST module.
func loadMNIST() (*train.Dataset, error) {
	m, err := data.LoadModuleMNIST()
	if err != nil {
		return nil, fmt.Errorf("loading MNIST: %w", err)
	}
	return train.DatasetFromMNIST(m, mnistTrain, mnistTest)
}

// open builds a job's lesson in its state.
func open(j job) (lessons.Lesson, error) {
	st, notes := course.ParseHash(j.hash)
	if len(notes) > 0 {
		return nil, fmt.Errorf("%s, %s: the address %s: %s", j.entry.ID, j.name, j.hash, notes[0].Text)
	}
	l := j.entry.New()
	if err := l.Configure(st.Values, st.Seed); err != nil {
		return nil, fmt.Errorf("%s, %s: %w", j.entry.ID, j.name, err)
	}
	return l, nil
}

// trainFor steps l up to steps times, reporting progress every tenth of
// the way, where it also stops once a lesson's budget is spent.
func trainFor(l lessons.Lesson, steps int, progress io.Writer) error {
	every := max(1, steps/10)
	for i := 1; i <= steps; i++ {
		if f, ok := l.(lessons.Finite); ok && f.Done() {
			fmt.Fprintf(progress, "  finished: the lesson ends after %d steps\n", i-1)
			return nil
		}
		if err := l.Step(); err != nil {
			return err
		}
		if i%every != 0 && i != steps {
			continue
		}
		f, err := l.Frame()
		if err != nil {
			return err
		}
		if f.Progress.Done {
			fmt.Fprintf(progress, "  finished: the lesson ends after %d steps\n", i)
			return nil
		}
		fmt.Fprintf(progress, "  step %d/%d\n", i, steps)
	}
	return nil
}

// write writes each drawing as PNG, SVG and CSV and returns how many it
// wrote.
func write(o options, j job, ds []charts.Drawing) (int, error) {
	dir := filepath.Join(o.Out, j.entry.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return 0, fmt.Errorf("-out: %w", err)
	}
	used := map[string]int{}
	for i, d := range ds {
		base := j.name + "_" + slug(d.Title)
		if used[base]++; used[base] > 1 {
			base += fmt.Sprintf("-%d", used[base])
		}
		png, err := chartpng.Encode(d, o.Width)
		if err != nil {
			return i, err
		}
		for _, f := range []struct {
			ext string
			b   []byte
		}{{"png", png}, {"svg", d.SVG}, {"csv", []byte(d.CSV)}} {
			if err := os.WriteFile(filepath.Join(dir, base+"."+f.ext), f.b, 0o644); err != nil {
				return i, fmt.Errorf("-out: %w", err)
			}
		}
	}
	return len(ds), nil
}
