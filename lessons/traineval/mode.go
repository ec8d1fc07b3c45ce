package traineval

import (
	"bnlab/lessons"
	"bnlab/lessons/train"
)

// viewKeys are the train-eval controls that change how the network is
// shown or paced, not the experiment: the inspected mode (model.train() or
// model.eval()) and the steps per tick. Configure with values that differ
// from the current ones only in these keys keeps the trained network, its
// running statistics, the optimiser, the step count and the history; any
// other change (dataset, width, p, momentum, batch, ...) restarts training.
var viewKeys = map[string]bool{train.KeyMode: true, train.KeySpeed: true}

// sameExperiment reports whether normalized values norm and seed describe
// the experiment the lesson is already running, differing at most in
// viewKeys. A lesson that has not built its network yet (not configured,
// or waiting for MNIST) is never the same experiment.
func (l *Lesson) sameExperiment(norm lessons.Values, seed uint64) bool {
	if l.Model == nil || l.waiting || seed != l.seed {
		return false
	}
	for _, c := range trainEvalControls {
		if !viewKeys[c.Key] && norm[c.Key] != l.values[c.Key] {
			return false
		}
	}
	return true
}

// switchView takes the view-only values of p (mode, speed) and norm: the
// network and everything it has learnt stay; the view is recomputed in the
// new mode on the next View.
func (l *Lesson) switchView(norm lessons.Values, p params) {
	l.values, l.p.mode, l.p.speed, l.cache = norm, p.mode, p.speed, nil
}
