// Package train is what bnlab's training lessons share: the Harness that
// trains several networks side by side on the same seeded batches and
// records their losses, accuracies, histograms, percentile bands and
// gradient norms; Base, which a lesson embeds to get a Harness from its
// values; the data sets (MNIST from the compact file, synthetic digits,
// the 2-D toy sets) and the sources built on them; the ShiftNoise layer of
// Santurkar et al.'s experiment; the URL keys the lessons share; and small
// series helpers.
//
// It imports the lesson contract (bnlab/lessons), the engine and the
// standard library only.
package train
