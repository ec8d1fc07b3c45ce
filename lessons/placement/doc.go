// Package placement is the lesson "BN before or after the activation"
// (id placement): Linear → BN → activation and Linear → activation → BN
// train side by side with a network without BN, and the lesson measures
// each layer's input distribution, the loss and the accuracy.
package placement
