// Package overfitting is the lesson "BN versus dropout against
// overfitting" (id overfitting): four networks (plain, BN, dropout, both)
// train on a small MNIST subset, and the lesson plots training and
// validation accuracy and the gap between them.
package overfitting
