//go:build js && wasm

package main

import (
	"fmt"

	"bnlab/lessons/bnsteps"
	"bnlab/lessons/charts"
)

// runningChart caches the running-statistics SVG by the data it shows:
// rendering it is the costliest part of a refresh.
var runningChart struct {
	key, svg string
}

// runningSVG renders (or reuses) the chart of the running statistics.
func runningSVG(r charts.BNRunning) string {
	if len(r.Points) == 0 {
		return ""
	}
	last := r.Points[len(r.Points)-1]
	key := fmt.Sprint(len(r.Points), r.Momentum, r.KerasMomentum, r.Points[min(1, len(r.Points)-1)], last)
	if key == runningChart.key {
		return runningChart.svg
	}
	b, err := charts.BNRunningStats(r, charts.Size{})
	if err != nil {
		return ""
	}
	runningChart.key, runningChart.svg = key, string(b)
	return runningChart.svg
}

// bnViewOf converts the bn-steps lesson's view model into bnView; ok is
// false for a view of another type (or none).
func bnViewOf(view any) (bnView, bool) {
	v, ok := view.(*bnsteps.View)
	if !ok || v == nil {
		return bnView{}, false
	}
	out := bnView{
		Phase: v.Step, Phases: 4,
		Mean: v.Mean, Var: v.Var, Eps: v.Eps, Gamma: v.Gamma, Beta: v.Beta,
		Sum: v.Mean * float64(v.M), SumSq: v.Var * float64(v.M),
		Before: v.Heat.Before, After: v.Heat.After,
		ColMean: v.Heat.MeanBefore, ColVar: v.Heat.VarBefore,
		AfterMean: v.Heat.MeanAfter, AfterVar: v.Heat.VarAfter,
		Notes: v.Notes, Constant: v.Constant,
		TorchMomentum: v.Running.Momentum, KerasMomentum: v.Running.KerasMomentum,
	}
	out.RunningSVG = runningSVG(v.Running)
	for _, f := range v.Formulas {
		if f.Step == v.Step {
			out.Live = f.Live
		}
	}
	for _, s := range v.Samples {
		out.X = append(out.X, s.X)
		out.Centered = append(out.Centered, s.Centered)
		out.XHat = append(out.XHat, s.XHat)
		out.Y = append(out.Y, s.Y)
	}
	for _, p := range v.Running.Points {
		out.Running = append(out.Running, bnRunRow{
			Batch: p.Batch, Mean: p.BatchMean, Var: p.BatchVar,
			TorchMean: p.TorchMean, TorchVar: p.TorchVar, KerasMean: p.KerasMean, KerasVar: p.KerasVar,
		})
	}
	return out, true
}
