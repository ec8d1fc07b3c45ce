// Package cnn is the lesson "Per-channel statistics in a CNN" (id cnn):
// BatchNorm2d keeps one mean and one variance per channel, reduced over the
// batch and both spatial axes (N × H × W), and in eval mode it can be
// folded into the preceding convolution's weights and bias.
package cnn
