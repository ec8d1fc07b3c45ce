package main

import (
	"io"
	"net/http/httptest"
	"testing"
)

// benchServe measures the handler alone (no network) for one path.
func benchServe(b *testing.B, path, accept string) {
	s := newTestSite(b)
	h := s.handler()
	if path == "wasm" {
		path = "/" + s.names["app.wasm"]
	}
	req := httptest.NewRequest("GET", path, nil)
	req.Header.Set("Accept-Encoding", accept)
	b.ReportAllocs()
	for b.Loop() {
		rec := httptest.NewRecorder()
		rec.Body = nil
		h.ServeHTTP(discardRecorder{rec}, req)
	}
}

// discardRecorder is a ResponseRecorder that drops the body.
type discardRecorder struct{ *httptest.ResponseRecorder }

func (d discardRecorder) Write(p []byte) (int, error) { return io.Discard.Write(p) }

func BenchmarkServeIndex(b *testing.B)      { benchServe(b, "/", "gzip, deflate, br") }
func BenchmarkServeWasmBrotli(b *testing.B) { benchServe(b, "wasm", "gzip, deflate, br") }
func BenchmarkServeNotFound(b *testing.B)   { benchServe(b, "/nope", "br") }
