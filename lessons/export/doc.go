// Package export turns a lesson's networks and training settings into
// runnable PyTorch and Keras code for that exact configuration: layers
// (from the engine's own PyTorch-style print of each model), initial
// weights, optimiser, learning rate, batch size, dropout p, BN's eps and
// momentum (translated to Keras's convention), train and eval mode where
// they belong, MNIST loading and a training loop.
//
// It depends on the engine only; lessons fill a Setup (train.Base does it
// for the lessons that train side by side) and the page shows the code.
package export
