package data

import (
	"os"
	"strings"
	"testing"
)

// miniPixel is the formula testdata/README.md gives for the mini files.
func miniPixel(i, r, c, seed int) uint8 { return uint8((31*i + 7*r + 3*c + seed) % 256) }

func TestLoadMNISTMini(t *testing.T) {
	m, err := LoadMNIST("testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		name string
		s    *Set
		n    int
		seed int
	}{{"train (gzip)", m.Train, 12, 0}, {"test (raw)", m.Test, 5, 3}} {
		if c.s.N != c.n || c.s.Rows != 28 || c.s.Cols != 28 || len(c.s.Pixels) != c.n*784 || len(c.s.Labels) != c.n {
			t.Fatalf("%s: got %d images of %d×%d", c.name, c.s.N, c.s.Rows, c.s.Cols)
		}
		for i := 0; i < c.n; i++ {
			if want := uint8((7*i + c.seed) % 10); c.s.Labels[i] != want {
				t.Errorf("%s: label %d = %d, want %d", c.name, i, c.s.Labels[i], want)
			}
			for _, rc := range [][2]int{{0, 0}, {5, 17}, {27, 27}} {
				if got, want := c.s.Pixels[i*784+rc[0]*28+rc[1]], miniPixel(i, rc[0], rc[1], c.seed); got != want {
					t.Errorf("%s: image %d pixel %v = %d, want %d", c.name, i, rc, got, want)
				}
			}
		}
	}
	dst := make([]float32, 784)
	label := m.Train.Sample(1, dst)
	if label != 7 {
		t.Errorf("Sample(1) label = %d, want 7", label)
	}
	// pixel (0, 1) of image 1 is 34: (34/255 − 0.1307) / 0.3081.
	if got, want := dst[1], float32((34.0/255-0.1307)/0.3081); abs32(got-want) > 1e-6 {
		t.Errorf("normalised pixel = %v, want %v", got, want)
	}
}

func abs32(x float32) float32 {
	if x < 0 {
		return -x
	}
	return x
}

func TestNormalize(t *testing.T) {
	for _, c := range []struct {
		p    uint8
		want float32
	}{{0, -0.4242129}, {255, 2.8214867}} {
		if got := Normalize(c.p); abs32(got-c.want) > 1e-6 {
			t.Errorf("Normalize(%d) = %v, want %v", c.p, got, c.want)
		}
	}
}

func TestLoadMNISTBad(t *testing.T) {
	cases := []struct {
		name, images, labels, want string
	}{
		{"missing", "testdata/nope", "testdata/nope", "neither testdata/nope nor testdata/nope.gz exists"},
		{"truncated labels", "testdata/mini/t10k-images-idx3-ubyte", "testdata/bad/truncated-labels-idx1-ubyte", "truncated"},
		{"truncated gzip", "testdata/bad/truncated-images.gz", "testdata/mini/t10k-labels-idx1-ubyte", "truncated-images.gz"},
		{"count mismatch", "testdata/mini/t10k-images-idx3-ubyte", "testdata/mini/train-labels-idx1-ubyte", "5 images but 12 labels"},
		{"labels as images", "testdata/mini/t10k-labels-idx1-ubyte", "testdata/mini/t10k-labels-idx1-ubyte", "must have 3 dimensions"},
		{"images as labels", "testdata/mini/t10k-images-idx3-ubyte", "testdata/mini/t10k-images-idx3-ubyte", "must have 1 dimension"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := LoadSet(c.images, c.labels)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Fatalf("LoadSet error = %v, want one containing %q", err, c.want)
			}
		})
	}
	if _, err := NewSet(&IDX{Dims: []int{1, 1, 1}, Data: []uint8{0}}, &IDX{Dims: []int{1}, Data: []uint8{10}}); err == nil || !strings.Contains(err.Error(), "label 10") {
		t.Errorf("NewSet with label 10: error = %v", err)
	}
}

func TestHead(t *testing.T) {
	m, err := LoadMNIST("testdata/mini")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ k, want int }{{3, 3}, {0, 0}, {-1, 0}, {99, 12}} {
		h := m.Train.Head(c.k)
		if h.N != c.want || len(h.Pixels) != c.want*784 || len(h.Labels) != c.want {
			t.Errorf("Head(%d) has %d images", c.k, h.N)
		}
	}
}

// TestModuleMNIST loads the real files from the GoMNIST module and checks
// their sizes and well-known facts (the first training label is 5, the
// first test label 7).
func TestModuleMNIST(t *testing.T) {
	if testing.Short() {
		t.Skip("-short: skipping the 60,000-image load")
	}
	m, err := LoadModuleMNIST()
	if err != nil {
		if os.Getenv("BNLAB_REQUIRE_MNIST") != "" {
			t.Fatal(err)
		}
		t.Skipf("MNIST module files unavailable: %v", err)
	}
	if m.Train.N != 60000 || m.Test.N != 10000 || m.Train.Rows != 28 || m.Train.Cols != 28 {
		t.Fatalf("got %d train and %d test images of %d×%d", m.Train.N, m.Test.N, m.Train.Rows, m.Train.Cols)
	}
	if m.Train.Labels[0] != 5 || m.Test.Labels[0] != 7 {
		t.Errorf("first labels %d, %d; want 5, 7", m.Train.Labels[0], m.Test.Labels[0])
	}
	var sum, sq float64
	for _, p := range m.Train.Pixels {
		v := float64(p) / 255
		sum += v
		sq += v * v
	}
	n := float64(len(m.Train.Pixels))
	mean := sum / n
	std := sq/n - mean*mean
	if d := mean - Mean; d > 1e-4 || d < -1e-4 {
		t.Errorf("training pixel mean %.5f, want %.4f", mean, Mean)
	}
	if d := std - Std*Std; d > 1e-3 || d < -1e-3 {
		t.Errorf("training pixel variance %.5f, want %.4f²", std, Std)
	}
}
