//go:build linux

package engine

import "syscall"

// processCPUSeconds returns the user+system CPU time used by this process,
// so that benchmarks on a shared, overloaded machine can report CPU time
// per step next to wall time.
func processCPUSeconds() float64 {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return -1
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(ru.Utime) + tv(ru.Stime)
}
