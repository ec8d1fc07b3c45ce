// Package worker is the training worker's protocol and its host, in pure Go
// so that it is tested natively: the stage (wasm/remote.go) sends the
// worker typed messages, the Host applies them to the lesson it hosts,
// trains it in short time slices and answers with frames. wasm/worker.go
// is only the syscall/js glue that turns JavaScript objects into In and
// Out values into JavaScript objects.
//
// Stage → worker (In):
//
//	{type:"configure", lesson, values:{key:value}, seed:"decimal", fresh?, gen}
//	  (fresh: build a new lesson even if only the settings changed: Reset)
//	{type:"action", key, gen}   {type:"step", gen}   {type:"reset", gen}
//	{type:"play", on, speed, interval (ms per step at speed 1; 0: as fast as possible), gen}
//	{type:"ping", id}   (answered at once by the glue, outside the Host)
//
// The MNIST download answers with a "data" In of its own (bytes or an
// error), not from the stage.
//
// Worker → stage (Out):
//
//	{type:"ready"}   {type:"pong", id, at}
//	{type:"frame", lesson, gen, panels:{elementId: html}, stage: JSON string,
//	 text, steps, stepsPerSec, renderMs, playing, hash?, error?}
//	{type:"progress", what, loaded, total}   (total 0: unknown; done: true ends it)
//	{type:"error", message}   (the worker itself failed; frames report lesson errors)
//
// gen is the stage's counter of state-changing messages; every frame carries
// the gen of the last message the worker applied, so the stage drops frames
// that an earlier state produced (Frame.Stale).
package worker
