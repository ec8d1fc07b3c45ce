// Package histograms is the lesson "Activations before and after BN"
// (id histograms): a deep MLP trains with and without batch normalisation
// on MNIST, and the lesson shows each layer's activation histograms, the
// 15th, 50th and 85th percentiles of a sigmoid's input over training, the
// gradients and the loss, side by side. The BN network can instead take
// noise after each BN layer, one random shift and scale per unit shared by
// the batch: a variant of the experiment of Santurkar et al. 2018, §2.1.
//
// Sources: Ioffe & Szegedy 2015, Figure 1; Santurkar et al. 2018.
package histograms
