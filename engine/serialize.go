package engine

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
)

// The bnlab model file format, version 1. All integers are little-endian.
//
//	offset  size  field
//	0       5     magic "BNLAB"
//	5       2     version (uint16) = 1
//	7       4     tensor count T (uint32)
//	then T entries, in the model's StateDict order:
//	        2     name length L (uint16), then L bytes of UTF-8 name ("features.0.weight")
//	        1     kind: 0 parameter, 1 buffer
//	        1     rank R (uint8), then R dimensions (uint32 each)
//	        4·n   the n = Π dimensions values, float32 little-endian, row-major
//	end     4     CRC-32 (IEEE) of every preceding byte, magic included (uint32)
//
// A file holds parameters AND buffers (running_mean, running_var and
// num_batches_tracked as a float32 count), like PyTorch's state_dict.
const (
	fileMagic   = "BNLAB"
	fileVersion = 1
)

// Save writes m's parameters and buffers to w in the bnlab format above.
func Save(w io.Writer, m Model) error {
	if m == nil {
		return errors.New("engine: Save: nil model")
	}
	crc := crc32.NewIEEE()
	bw := bufio.NewWriter(io.MultiWriter(w, crc))
	sd := m.StateDict()
	var hdr []byte
	hdr = append(hdr, fileMagic...)
	hdr = binary.LittleEndian.AppendUint16(hdr, fileVersion)
	hdr = binary.LittleEndian.AppendUint32(hdr, uint32(len(sd)))
	bw.Write(hdr)
	for _, e := range sd {
		if len(e.Name) > math.MaxUint16 || e.Tensor.Dims() > math.MaxUint8 {
			return fmt.Errorf("engine: Save: entry %q (shape %s) cannot be stored", e.Name, e.Tensor.ShapeString())
		}
		var b []byte
		b = binary.LittleEndian.AppendUint16(b, uint16(len(e.Name)))
		b = append(b, e.Name...)
		kind := byte(0)
		if e.Buffer {
			kind = 1
		}
		b = append(b, kind, byte(e.Tensor.Dims()))
		for _, d := range e.Tensor.Shape {
			b = binary.LittleEndian.AppendUint32(b, uint32(d))
		}
		for _, v := range e.Tensor.Data {
			b = binary.LittleEndian.AppendUint32(b, math.Float32bits(v))
		}
		if _, err := bw.Write(b); err != nil {
			return fmt.Errorf("engine: Save: %w", err)
		}
	}
	if err := bw.Flush(); err != nil {
		return fmt.Errorf("engine: Save: %w", err)
	}
	var sum [4]byte
	binary.LittleEndian.PutUint32(sum[:], crc.Sum32())
	if _, err := w.Write(sum[:]); err != nil {
		return fmt.Errorf("engine: Save: %w", err)
	}
	return nil
}

// Load reads a file written by Save into m. The file must hold exactly m's
// state_dict names with the same shapes (as PyTorch's strict
// load_state_dict). Everything is read and checked (magic, version, names,
// shapes, checksum) into temporaries first and copied into the model only
// when all is well: on any error m is unchanged. Errors name the problem:
// not a bnlab file, unsupported version, truncated file, unknown or missing
// entry, shape mismatch, checksum mismatch.
func Load(r io.Reader, m Model) error {
	if m == nil {
		return errors.New("engine: Load: nil model")
	}
	crc := crc32.NewIEEE()
	rd := &loadReader{r: io.TeeReader(bufio.NewReader(r), crc)}
	var magic [5]byte
	if err := rd.full(magic[:], "magic"); err != nil {
		return fmt.Errorf("engine: Load: not a bnlab model file (shorter than the 5-byte magic %q)", fileMagic)
	}
	if string(magic[:]) != fileMagic {
		return fmt.Errorf("engine: Load: not a bnlab model file (magic %q, want %q)", magic[:], fileMagic)
	}
	ver, err := rd.u16("version")
	if err != nil {
		return err
	}
	if ver != fileVersion {
		return fmt.Errorf("engine: Load: unsupported file version %d (this engine reads version %d)", ver, fileVersion)
	}
	count, err := rd.u32("tensor count")
	if err != nil {
		return err
	}
	sd := m.StateDict()
	want := make(map[string]NamedTensor, len(sd))
	for _, e := range sd {
		want[e.Name] = e
	}
	got := make(map[string][]float32, len(sd))
	for i := uint32(0); i < count; i++ {
		name, data, err := readEntry(rd, want, got, i)
		if err != nil {
			return err
		}
		got[name] = data
	}
	if err := checkSum(rd, crc); err != nil {
		return err
	}
	for _, e := range sd {
		if _, ok := got[e.Name]; !ok {
			return fmt.Errorf("engine: Load: file has no entry %q (shape %s) that the model needs", e.Name, e.Tensor.ShapeString())
		}
	}
	for _, e := range sd {
		copy(e.Tensor.Data, got[e.Name])
	}
	return nil
}

// readEntry reads entry i and checks it against the model.
func readEntry(rd *loadReader, want map[string]NamedTensor, got map[string][]float32, i uint32) (string, []float32, error) {
	nl, err := rd.u16(fmt.Sprintf("name length of entry %d", i))
	if err != nil {
		return "", nil, err
	}
	nb := make([]byte, nl)
	if err := rd.full(nb, fmt.Sprintf("name of entry %d", i)); err != nil {
		return "", nil, err
	}
	name := string(nb)
	var kr [2]byte
	if err := rd.full(kr[:], "header of "+name); err != nil {
		return "", nil, err
	}
	e, ok := want[name]
	switch {
	case !ok:
		return "", nil, fmt.Errorf("engine: Load: file has entry %q that the model does not have", name)
	case got[name] != nil:
		return "", nil, fmt.Errorf("engine: Load: entry %q appears twice in the file", name)
	case (kr[0] == 1) != e.Buffer || kr[0] > 1:
		return "", nil, fmt.Errorf("engine: Load: entry %q has kind %d in the file, the model's is a %s", name, kr[0], map[bool]string{true: "buffer", false: "parameter"}[e.Buffer])
	}
	shape := make([]int, kr[1])
	for j := range shape {
		d, err := rd.u32("shape of " + name)
		if err != nil {
			return "", nil, err
		}
		shape[j] = int(d)
	}
	if !sameShapeInts(shape, e.Tensor.Shape) {
		return "", nil, fmt.Errorf("engine: Load: shape mismatch for %q: file has %s, model has %s", name, ShapeString(shape), e.Tensor.ShapeString())
	}
	raw := make([]byte, 4*e.Tensor.Len())
	if err := rd.full(raw, "values of "+name); err != nil {
		return "", nil, err
	}
	data := make([]float32, e.Tensor.Len())
	for j := range data {
		data[j] = math.Float32frombits(binary.LittleEndian.Uint32(raw[4*j:]))
	}
	return name, data, nil
}

// checkSum reads the trailing CRC (excluded from the running sum) and
// compares it, then requires the end of the input.
func checkSum(rd *loadReader, crc hash.Hash32) error {
	want := crc.Sum32()
	var sum [4]byte
	if err := rd.full(sum[:], "checksum"); err != nil {
		return err
	}
	if got := binary.LittleEndian.Uint32(sum[:]); got != want {
		return fmt.Errorf("engine: Load: checksum mismatch (file says %08x, contents give %08x): the file is corrupted", got, want)
	}
	var extra [1]byte
	if n, _ := rd.r.Read(extra[:]); n > 0 {
		return errors.New("engine: Load: unexpected data after the checksum")
	}
	return nil
}

// loadReader reads fixed-size fields and names the field in errors.
type loadReader struct{ r io.Reader }

func (l *loadReader) full(b []byte, what string) error {
	if _, err := io.ReadFull(l.r, b); err != nil {
		if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
			return fmt.Errorf("engine: Load: file is truncated (while reading the %s)", what)
		}
		return fmt.Errorf("engine: Load: reading the %s: %w", what, err)
	}
	return nil
}

func (l *loadReader) u16(what string) (uint16, error) {
	var b [2]byte
	if err := l.full(b[:], what); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint16(b[:]), nil
}

func (l *loadReader) u32(what string) (uint32, error) {
	var b [4]byte
	if err := l.full(b[:], what); err != nil {
		return 0, err
	}
	return binary.LittleEndian.Uint32(b[:]), nil
}

// SaveBytes returns m saved in the bnlab format.
func SaveBytes(m Model) ([]byte, error) {
	var b bytes.Buffer
	if err := Save(&b, m); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
