package main

import (
	"bnlab/web"
	"io"
	"io/fs"
	"sync"
)

// options configures buildSite. Zero values mean the defaults.
type options struct {
	Root     string    // module root; "" finds it by walking up from the working directory to go.mod
	CacheDir string    // build cache; "" means os.UserCacheDir()/bnlab
	Log      io.Writer // progress messages; nil discards them

	WasmPkg     string       // package to build as app.wasm, relative to Root; "" means ./wasm
	Tags        string       // build tags; "" means "minimal", "-" means none
	GoCmd       string       // go command; "" means "go" from PATH
	Web         fs.FS        // the page's files; nil means web.FS()
	Lessons     []web.Lesson // the lessons the page lists and shows; nil means the course (lessons/course)
	NoMNIST     bool         // skip the MNIST file (tests)
	BrotliLevel int          // brotli quality for large assets; 0 means defaultBigBrotli (see compress.go)
	Upgrade     bool         // after building, recompress large assets at quality 11 in the background
}

// asset is one file of the built site, held in memory with its encodings.
// br and gz may be replaced while the site serves (a better brotli quality
// computed in the background), so readers take them through reps.
type asset struct {
	name   string // URL path without the leading slash
	ctype  string
	data   []byte // identity
	hash   string // hex sha256 of data
	hashed bool   // name carries the content hash: immutable

	mu           sync.RWMutex
	br, gz       []byte // nil when that encoding is not smaller
	brTag, gzTag string // hashes of br and gz, for their ETags
}

// rep is one representation of an asset: its encoding ("" for identity),
// its bytes, and the strong ETag (without quotes) that names those bytes.
type rep struct {
	enc  string
	body []byte
	tag  string
}

// reps returns the asset's current representations: identity, br, gzip
// (br and gzip with nil bodies when absent).
func (a *asset) reps() (id, br, gz rep) {
	a.mu.RLock()
	defer a.mu.RUnlock()
	return rep{"", a.data, a.hash[:32]}, rep{"br", a.br, a.brTag}, rep{"gzip", a.gz, a.gzTag}
}

// setEncodings stores br and gz, dropping any that does not save at least 5%.
func (a *asset) setEncodings(br, gz []byte) {
	if len(br) >= len(a.data)*95/100 {
		br = nil
	}
	if len(gz) >= len(a.data)*95/100 {
		gz = nil
	}
	tag := func(enc string, b []byte) string {
		if b == nil {
			return ""
		}
		return enc + "-" + contentHash(b)[:32]
	}
	brTag, gzTag := tag("br", br), tag("gzip", gz)
	a.mu.Lock()
	a.br, a.gz, a.brTag, a.gzTag = br, gz, brTag, gzTag
	a.mu.Unlock()
}

// site is a built site: every file it serves, by URL path without the slash.
type site struct {
	files map[string]*asset // by served name
	names map[string]string // source name → served name (app.wasm → app.3f9c2a1b.wasm)
	log   io.Writer
	// embedOrigins may frame the site besides itself (-embed-origins).
	embedOrigins []string
}
