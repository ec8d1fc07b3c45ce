// Package code is the lesson "The same layers in PyTorch and Keras" (id
// code): the syllabus's CNN written in both frameworks, with the
// defaults that differ between them (BN's momentum convention and
// epsilon, the variance in the moving statistics) computed on the same
// batches.
package code
