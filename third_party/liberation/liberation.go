// Copyright ©2020 The go-fonts Authors. All rights reserved.
// Use of this source code is governed by a BSD-style
// license that can be found in the LICENSE file.

// Package liberation is bnlab's subset of codeberg.org/go-fonts/liberation
// v0.5.0: it ships only Liberation Sans Regular, the one face bnlab's charts
// and stage draw with, and every other face's package returns that same
// data. gonum.org/v1/plot links all twelve faces (4.2 MB of TTF, 1.46 MB
// after brotli) into any program that imports it; this subset keeps them out
// of the browser bundle. The go.mod of bnlab points the module here with a
// replace directive; see README.md ("Dependencies").
package liberation // import "codeberg.org/go-fonts/liberation"
