package engine

import (
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func TestGroupNormGradient(t *testing.T) {
	cases := []struct {
		name          string
		groups, ch    int
		shape         []int
		affine, train bool
	}{
		{"2groups_train", 2, 4, []int{3, 4, 2, 3}, true, true},
		{"2groups_eval", 2, 4, []int{3, 4, 2, 3}, true, false},
		{"instance_norm", 3, 3, []int{2, 3, 5}, true, true},
		{"one_group_no_affine", 1, 4, []int{2, 4, 3}, false, true},
		{"NC_only", 2, 6, []int{4, 6}, true, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			r := rand.New(rand.NewPCG(21, 22))
			g, err := NewGroupNorm(tc.groups, tc.ch, 1e-5, tc.affine)
			if err != nil {
				t.Fatal(err)
			}
			randomiseAffine(r, g.Params())
			g.SetTraining(tc.train)
			gradCheck(t, g, randTensor(r, tc.shape...), 1e-2, 5e-3)
		})
	}
}

// TestGroupNormStatistics checks each (sample, group) block directly: mean 0
// and variance ≈ 1 before the affine map, and γ, β applied per channel.
func TestGroupNormStatistics(t *testing.T) {
	r := rand.New(rand.NewPCG(23, 24))
	g, _ := NewGroupNorm(2, 4, 1e-5, true)
	gamma, beta := g.Params()[0].Value.Data, g.Params()[1].Value.Data
	for c := range 4 {
		gamma[c], beta[c] = float32(c+1), float32(-c)
	}
	x := randTensor(r, 2, 4, 3)
	for i := range x.Data {
		x.Data[i] = 3*x.Data[i] + float32(i%5)
	}
	y, err := g.Forward(x)
	if err != nil {
		t.Fatal(err)
	}
	gm, gv := g.Stats()
	for n := range 2 {
		for grp := range 2 {
			var block []float64
			for c := grp * 2; c < grp*2+2; c++ {
				for s := range 3 {
					block = append(block, float64(x.Data[(n*4+c)*3+s]))
				}
			}
			bm, bv := meanVar(block)
			if q := n*2 + grp; math.Abs(gm[q]-bm) > 1e-9 || math.Abs(gv[q]-bv) > 1e-9 {
				t.Errorf("Stats()[%d] = %v, %v; want %v, %v", q, gm[q], gv[q], bm, bv)
			}
			var vals []float64
			for c := grp * 2; c < grp*2+2; c++ {
				for s := range 3 {
					i := (n*4+c)*3 + s
					vals = append(vals, (float64(y.Data[i])-float64(beta[c]))/float64(gamma[c]))
				}
			}
			if m, v := meanVar(vals); math.Abs(m) > 1e-5 || math.Abs(v-1) > 1e-3 {
				t.Errorf("sample %d group %d: mean %v, variance %v", n, grp, m, v)
			}
		}
	}
}

func TestGroupNormRefusesBadInput(t *testing.T) {
	for _, tc := range []struct {
		g, c int
		eps  float64
		want string
	}{
		{3, 4, 1e-5, "num_channels must be divisible by num_groups, got num_channels=4, num_groups=3"},
		{0, 4, 1e-5, "must be positive"},
		{2, 4, -1, "eps must be positive"},
	} {
		if _, err := NewGroupNorm(tc.g, tc.c, tc.eps, true); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("NewGroupNorm(%d, %d, %v): %v, want %q", tc.g, tc.c, tc.eps, err, tc.want)
		}
	}
	g, _ := NewGroupNorm(2, 4, 1e-5, true)
	for _, shape := range [][]int{{2, 3, 5}, {4}, {0, 4}} {
		if _, err := g.Forward(New(shape...)); err == nil || !strings.Contains(err.Error(), "GroupNorm") {
			t.Errorf("Forward %s: %v, want an error", ShapeString(shape), err)
		}
	}
	if got, want := g.String(), "GroupNorm(2, 4, eps=1e-05, affine=True)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
}
