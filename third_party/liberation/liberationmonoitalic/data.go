// Package liberationmonoitalic stands in for the face of the same name in
// codeberg.org/go-fonts/liberation: bnlab's subset substitutes Liberation
// Sans Regular, the only face it draws with (see the liberation package).
package liberationmonoitalic // import "codeberg.org/go-fonts/liberation/liberationmonoitalic"

import "codeberg.org/go-fonts/liberation/liberationsansregular"

// TTF is Liberation Sans Regular, substituted for this face.
var TTF = liberationsansregular.TTF
