package data

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/binary"
	"fmt"
	"io"
)

// IDX is one array read from an IDX file (LeCun's MNIST format): a 4-byte
// magic number, one big-endian uint32 size per dimension, then the values in
// row-major order. Only the unsigned-byte type (0x08), the one MNIST uses,
// is supported.
//
//	magic = 0x00 0x00 <type> <number of dimensions>
type IDX struct {
	Dims []int
	Data []uint8
}

// IDX limits: MNIST's largest file has 3 dimensions and 47 M values.
const (
	idxTypeUint8   = 0x08
	maxIDXDims     = 8
	maxIDXElements = 1 << 30
)

// ReadIDX reads one IDX array from r, gzip-compressed or raw (detected from
// the first two bytes). It checks the magic number, the type, the
// dimensions and that the data is exactly as long as the dimensions say;
// errors name what was wrong and what was found.
func ReadIDX(r io.Reader) (*IDX, error) {
	br := bufio.NewReader(r)
	head, err := br.Peek(2)
	if err != nil {
		return nil, fmt.Errorf("data: idx: file too short for a header (%d bytes)", len(head))
	}
	var src io.Reader = br
	if head[0] == 0x1f && head[1] == 0x8b {
		zr, err := gzip.NewReader(br)
		if err != nil {
			return nil, fmt.Errorf("data: idx: bad gzip stream: %w", err)
		}
		defer zr.Close()
		src = zr
	}
	return readIDXRaw(src)
}

// ParseIDX is ReadIDX on an in-memory file.
func ParseIDX(b []byte) (*IDX, error) { return ReadIDX(bytes.NewReader(b)) }

func readIDXRaw(r io.Reader) (*IDX, error) {
	var magic [4]byte
	if n, err := io.ReadFull(r, magic[:]); err != nil {
		return nil, fmt.Errorf("data: idx: truncated magic number (%d of 4 bytes): %w", n, err)
	}
	if magic[0] != 0 || magic[1] != 0 {
		return nil, fmt.Errorf("data: idx: not an IDX file: magic % x does not start with 00 00", magic)
	}
	if magic[2] != idxTypeUint8 {
		return nil, fmt.Errorf("data: idx: value type 0x%02x not supported (only 0x08, unsigned byte)", magic[2])
	}
	nd := int(magic[3])
	if nd < 1 || nd > maxIDXDims {
		return nil, fmt.Errorf("data: idx: %d dimensions (want 1 to %d)", nd, maxIDXDims)
	}
	raw := make([]byte, 4*nd)
	if n, err := io.ReadFull(r, raw); err != nil {
		return nil, fmt.Errorf("data: idx: truncated header: %d of %d dimension bytes: %w", n, 4*nd, err)
	}
	dims := make([]int, nd)
	total := 1
	for i := range dims {
		d := binary.BigEndian.Uint32(raw[4*i:])
		if d > maxIDXElements {
			return nil, fmt.Errorf("data: idx: dimension %d is %d (limit %d)", i, d, maxIDXElements)
		}
		dims[i] = int(d)
		total *= dims[i]
		if total > maxIDXElements {
			return nil, fmt.Errorf("data: idx: dimensions %v hold more than %d values", dims[:i+1], maxIDXElements)
		}
	}
	// Read at most one byte more than declared: memory grows with the data
	// actually present, not with what a corrupt header claims.
	body, err := io.ReadAll(io.LimitReader(r, int64(total)+1))
	if err != nil {
		return nil, fmt.Errorf("data: idx: reading %d values of shape %v: %w", total, dims, err)
	}
	if len(body) < total {
		return nil, fmt.Errorf("data: idx: truncated: shape %v needs %d values, file has %d", dims, total, len(body))
	}
	if len(body) > total {
		return nil, fmt.Errorf("data: idx: trailing data after the %d values of shape %v", total, dims)
	}
	return &IDX{Dims: dims, Data: body}, nil
}

// WriteIDX writes a uint8 IDX array (raw, uncompressed) to w. It fails when
// len(data) does not match dims.
func WriteIDX(w io.Writer, dims []int, data []uint8) error {
	if len(dims) < 1 || len(dims) > maxIDXDims {
		return fmt.Errorf("data: idx: %d dimensions (want 1 to %d)", len(dims), maxIDXDims)
	}
	total := 1
	for _, d := range dims {
		if d < 0 || d > maxIDXElements {
			return fmt.Errorf("data: idx: bad dimension %d in %v", d, dims)
		}
		total *= d
		if total > maxIDXElements {
			return fmt.Errorf("data: idx: dimensions %v hold more than %d values", dims, maxIDXElements)
		}
	}
	if total != len(data) {
		return fmt.Errorf("data: idx: %d values cannot have shape %v (%d values)", len(data), dims, total)
	}
	head := make([]byte, 4+4*len(dims))
	head[2], head[3] = idxTypeUint8, byte(len(dims))
	for i, d := range dims {
		binary.BigEndian.PutUint32(head[4+4*i:], uint32(d))
	}
	if _, err := w.Write(head); err != nil {
		return err
	}
	_, err := w.Write(data)
	return err
}
