package data

import (
	"encoding/binary"
	"fmt"
	"io"
)

// The compact format is what the browser downloads instead of the IDX
// files: one Set as raw uint8 pixels and labels behind a 12-byte header.
//
//	offset  size         field
//	0       4            magic "BNMC" (bnlab MNIST compact)
//	4       1            version, 1
//	5       1            rows (28 for MNIST)
//	6       1            cols (28 for MNIST)
//	7       1            reserved, 0
//	8       4            count N, uint32 little-endian
//	12      N·rows·cols  pixels 0–255, image after image, row-major
//	…       N            labels 0–9
//
// Sets can be concatenated in one stream: ReadCompact reads exactly one set
// and nothing after it. WriteCompactMNIST writes a training set followed by
// a test set, which ReadCompactMNIST reads back. Pixels are stored raw (not
// normalised) so the files compress well with gzip or brotli; Sample
// normalises them on the fly.
const (
	CompactMagic      = "BNMC"
	CompactVersion    = 1
	compactHeaderSize = 12
	maxCompactCount   = 1 << 24
)

// WriteCompact writes s to w in the compact format. Use s.Head(k) for the
// first k images.
func WriteCompact(w io.Writer, s *Set) error {
	if s == nil {
		return fmt.Errorf("data: compact: nil set")
	}
	if s.Rows < 1 || s.Rows > 255 || s.Cols < 1 || s.Cols > 255 {
		return fmt.Errorf("data: compact: image size %d×%d out of range (1 to 255 each)", s.Rows, s.Cols)
	}
	if s.N < 0 || s.N > maxCompactCount {
		return fmt.Errorf("data: compact: %d images (limit %d)", s.N, maxCompactCount)
	}
	if len(s.Pixels) != s.N*s.Rows*s.Cols || len(s.Labels) != s.N {
		return fmt.Errorf("data: compact: set of %d images of %d×%d has %d pixels and %d labels",
			s.N, s.Rows, s.Cols, len(s.Pixels), len(s.Labels))
	}
	var h [compactHeaderSize]byte
	copy(h[:4], CompactMagic)
	h[4], h[5], h[6] = CompactVersion, byte(s.Rows), byte(s.Cols)
	binary.LittleEndian.PutUint32(h[8:], uint32(s.N))
	for _, b := range [][]byte{h[:], s.Pixels, s.Labels} {
		if _, err := w.Write(b); err != nil {
			return fmt.Errorf("data: compact: %w", err)
		}
	}
	return nil
}

// ReadCompact reads one set in the compact format from r, checking the
// header, the length and the labels.
func ReadCompact(r io.Reader) (*Set, error) {
	var h [compactHeaderSize]byte
	if n, err := io.ReadFull(r, h[:]); err != nil {
		return nil, fmt.Errorf("data: compact: truncated header (%d of %d bytes): %w", n, compactHeaderSize, err)
	}
	if string(h[:4]) != CompactMagic {
		return nil, fmt.Errorf("data: compact: magic %q is not %q", h[:4], CompactMagic)
	}
	if h[4] != CompactVersion {
		return nil, fmt.Errorf("data: compact: version %d not supported (want %d)", h[4], CompactVersion)
	}
	if h[7] != 0 {
		return nil, fmt.Errorf("data: compact: reserved header byte is %d, want 0", h[7])
	}
	rows, cols, n := int(h[5]), int(h[6]), int(binary.LittleEndian.Uint32(h[8:]))
	if rows == 0 || cols == 0 {
		return nil, fmt.Errorf("data: compact: image size %d×%d", rows, cols)
	}
	if n > maxCompactCount {
		return nil, fmt.Errorf("data: compact: count %d exceeds the limit %d", n, maxCompactCount)
	}
	need := int64(n) * int64(rows*cols+1)
	body, err := io.ReadAll(io.LimitReader(r, need))
	if err != nil {
		return nil, fmt.Errorf("data: compact: %w", err)
	}
	if int64(len(body)) < need {
		return nil, fmt.Errorf("data: compact: truncated: %d images of %d×%d need %d bytes, got %d", n, rows, cols, need, len(body))
	}
	p := n * rows * cols
	s := &Set{N: n, Rows: rows, Cols: cols, Pixels: body[:p:p], Labels: body[p:]}
	for i, l := range s.Labels {
		if l > 9 {
			return nil, fmt.Errorf("data: compact: label %d of image %d is not a digit 0-9", l, i)
		}
	}
	return s, nil
}

// WriteCompactMNIST writes the first nTrain training and nTest test images
// of m as two concatenated compact sets.
func WriteCompactMNIST(w io.Writer, m *MNIST, nTrain, nTest int) error {
	if m == nil || m.Train == nil || m.Test == nil {
		return fmt.Errorf("data: compact: MNIST not loaded")
	}
	if err := WriteCompact(w, m.Train.Head(nTrain)); err != nil {
		return err
	}
	return WriteCompact(w, m.Test.Head(nTest))
}

// ReadCompactMNIST reads what WriteCompactMNIST wrote.
func ReadCompactMNIST(r io.Reader) (*MNIST, error) {
	train, err := ReadCompact(r)
	if err != nil {
		return nil, fmt.Errorf("%w (training set)", err)
	}
	test, err := ReadCompact(r)
	if err != nil {
		return nil, fmt.Errorf("%w (test set)", err)
	}
	return &MNIST{Train: train, Test: test}, nil
}
