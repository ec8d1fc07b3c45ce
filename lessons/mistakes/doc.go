// Package mistakes is the lesson "Common mistakes, made on purpose" (id
// mistakes): forgetting eval(), dropout placed before BN (the variance
// shift, measured against a network without dropout), training BN with
// tiny batches, and dropout left on at inference; each is run beside its
// fix, and the student predicts what the fix wins back and what a batch of
// one does in train mode before the engine answers (check.go).
package mistakes
