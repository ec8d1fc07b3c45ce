// Package bnsteps is the lesson "The four steps of batch normalisation"
// (id bn-steps): on a live mini-batch, or one the student types, it shows
// the batch mean, the biased variance, the normalised values x̂ and the
// scaled and shifted output y = γx̂ + β, each with its formula filled in,
// and how the running statistics that eval mode uses are updated.
//
// Sources: Ioffe & Szegedy 2015, Algorithm 1; PyTorch's BatchNorm1d
// (the unbiased variance in running_var, momentum 0.1).
package bnsteps
