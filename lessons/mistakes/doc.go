// Package mistakes is the lesson "Common mistakes, made on purpose" (id
// mistakes): forgetting eval(), dropout placed before BN (the variance
// shift), training BN with tiny batches, and dropout left on at inference;
// each is run beside its fix, and the student is asked what they expect
// before the answer is shown.
package mistakes
