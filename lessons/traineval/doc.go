// Package traineval is the lesson "What model.train() and model.eval()
// change" (id train-eval): in training mode BN normalises with the batch's
// statistics and dropout draws masks; in eval mode BN uses its running
// statistics and dropout is off, so one input gets the same output in any
// batch. It shows the running statistics converging and the batch of one
// that training-mode BN refuses.
package traineval
