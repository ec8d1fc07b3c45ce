// Package example is the smallest complete lesson, kept out of the course:
// a coin with probability p of heads is flipped one step at a time, and the
// share of heads settles towards p. It shows everything a lesson needs
// (controls as data, Configure, Do, Step, a typed view, its page panels,
// its stage payload, its prose, its tests) and is the model that the
// README's "How to add a lesson" follows; the tests run it through the
// worker's frame route (worker.Host) as the page does.
package example
