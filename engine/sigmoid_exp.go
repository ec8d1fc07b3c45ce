package engine

import "math"

// sigmoidExp returns eˣ exactly as math.Exp does. Under GOARCH=wasm, where
// math.Exp is the portable Go routine and its final Ldexp dominates the cost
// of Sigmoid, it runs the same reduction and polynomial (Cody & Waite
// reduction, Remez polynomial: FreeBSD's e_exp.c, as math/exp.go) and scales
// by 2ᵏ with one exact multiplication, which gives the same bits wherever
// the result is a normal number (|x| < 700); elsewhere, and on other
// architectures (whose math.Exp may be an assembly routine with different
// last bits), it calls math.Exp.
func sigmoidExp(x float64) float64 {
	const nearZero = 1.0 / (1 << 28)
	if !portableExp || !(x > -700 && x < 700) || (-nearZero < x && x < nearZero) {
		return math.Exp(x)
	}
	y, k := expReduced(x)
	return y * math.Float64frombits(uint64(1023+k)<<52) // y·2ᵏ, exact: 2ᵏ and the result are normal
}

// expReduced returns y and k with eˣ = y·2ᵏ, computed as math/exp.go does
// (before its final Ldexp), for |x| < 700 and not within 2⁻²⁸ of 0.
func expReduced(x float64) (y float64, k int) {
	const (
		ln2Hi = 6.93147180369123816490e-01
		ln2Lo = 1.90821492927058770002e-10
		log2e = 1.44269504088896338700e+00
		p1    = 1.66666666666666657415e-01
		p2    = -2.77777777770155933842e-03
		p3    = 6.61375632143793436117e-05
		p4    = -1.65339022054652515390e-06
		p5    = 4.13813679705723846039e-08
	)
	if x < 0 {
		k = int(log2e*x - 0.5)
	} else {
		k = int(log2e*x + 0.5)
	}
	hi := x - float64(k)*ln2Hi
	lo := float64(k) * ln2Lo
	r := hi - lo
	t := r * r
	c := r - t*(p1+t*(p2+t*(p3+t*(p4+t*p5))))
	return 1 - ((lo - (r*c)/(2-c)) - hi), k
}
