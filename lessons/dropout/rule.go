package dropout

import (
	"bnlab/engine"
	"bnlab/lessons/train"
)

// Score is the network's eval-mode result on the validation set under one
// test rule: the share of points whose largest logit is the right class,
// and the mean probability softmax gives the predicted class (how
// confident it is).
type Score struct {
	Accuracy   float64
	Confidence float64
}

// RuleScores compares the test rule of the chosen Scaling mode with the
// right rule (dropout as the identity at test, after inverted training).
// For the two right modes they are the same network and Chosen = Right.
type RuleScores struct {
	Right, Chosen Score
	// Changed counts the validation points whose predicted class differs
	// between the two rules, of Points.
	Changed, Points int
}

// scoreRules measures both rules on the validation set (at most
// train.MNISTValCap points), as the accuracy is measured.
func (l *Lesson) scoreRules() (RuleScores, error) {
	x, y := l.Toy.ValX, l.Toy.ValY
	if n := len(y); n > train.MNISTValCap {
		w := x.Shape[1]
		x = &engine.Tensor{Shape: []int{train.MNISTValCap, w}, Data: x.Data[:train.MNISTValCap*w]}
		y = y[:train.MNISTValCap]
	}
	right, err := l.evalLogits(x, false)
	if err != nil {
		return RuleScores{}, err
	}
	right = right.Clone() // the next pass reuses the layers' buffers
	chosen := right
	if !modeCorrect(l.p.mode) {
		if chosen, err = l.evalLogits(x, true); err != nil {
			return RuleScores{}, err
		}
	}
	var rs RuleScores
	rs.Points = len(y)
	ra, rc, rp := score(right, y)
	ca, cc, cp := score(chosen, y)
	rs.Right, rs.Chosen = Score{ra, rc}, Score{ca, cc}
	for i := range rp {
		if rp[i] != cp[i] {
			rs.Changed++
		}
	}
	return rs, nil
}

// score returns the accuracy, the mean top probability and the predicted
// class of every row of logits.
func score(logits *engine.Tensor, y []int) (acc, conf float64, pred []int) {
	c := logits.Shape[1]
	pred = make([]int, len(y))
	right := 0
	for i := range y {
		row := logits.Data[i*c : (i+1)*c]
		probs := train.Softmax(row)
		for j := range row {
			if row[j] > row[pred[i]] {
				pred[i] = j
			}
		}
		conf += probs[pred[i]]
		if pred[i] == y[i] {
			right++
		}
	}
	n := float64(max(len(y), 1))
	return float64(right) / n, conf / n, pred
}
