// Package dropout is the lesson "Dropout masks, step by step" (id
// dropout): a small MLP trains while each step's masks are drawn, the
// survivors are scaled by 1/(1 − p) (inverted dropout), and eval mode
// drops nothing and scales nothing. It also averages many masked passes
// (Monte Carlo dropout) against the single eval-mode pass.
//
// Sources: Srivastava et al. 2014.
package dropout
