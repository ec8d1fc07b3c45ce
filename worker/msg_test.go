package worker

import (
	"context"
	"strings"
	"testing"
	"time"
)

// mapFields is a message object for Decode.
type mapFields map[string]any

func (m mapFields) String(k string) string { s, _ := m[k].(string); return s }
func (m mapFields) Float(k string) float64 { f, _ := m[k].(float64); return f }
func (m mapFields) Bool(k string) bool     { b, _ := m[k].(bool); return b }
func (m mapFields) Object(k string) map[string]string {
	o, _ := m[k].(map[string]string)
	return o
}

func contextWithCancel() (context.Context, context.CancelFunc) {
	return context.WithCancel(context.Background())
}

// TestDecode: every message type decodes to its typed form; an unknown
// type, a missing type and a bad seed are errors that say so.
func TestDecode(t *testing.T) {
	cases := []struct {
		in      mapFields
		want    In
		wantErr string
	}{
		{in: mapFields{"type": "configure", "lesson": "dropout", "seed": "18446744073709551615", "fresh": true, "gen": 3.0, "values": map[string]string{"p": "0.5"}},
			want: In{Kind: Configure, Lesson: "dropout", Seed: 1<<64 - 1, Fresh: true, Gen: 3, Values: map[string]string{"p": "0.5"}}},
		{in: mapFields{"type": "action", "key": "resample", "gen": 4.0}, want: In{Kind: Action, Key: "resample", Gen: 4}},
		{in: mapFields{"type": "play", "on": true, "speed": 2.0, "interval": 16.5, "gen": 5.0},
			want: In{Kind: Play, On: true, Speed: 2, Interval: 16500 * time.Microsecond, Gen: 5}},
		{in: mapFields{"type": "step", "gen": 6.0}, want: In{Kind: Step, Gen: 6}},
		{in: mapFields{"type": "check", "key": "bn-steps-check-var", "prediction": "1.2", "gen": 8.0}, want: In{Kind: Check, Key: "bn-steps-check-var", Prediction: "1.2", Gen: 8}},
		{in: mapFields{"type": "reset", "gen": 7.0}, want: In{Kind: Reset, Gen: 7}},
		{in: mapFields{"type": "ping", "id": 9.0}, want: In{Kind: Ping, ID: 9}},
		{in: mapFields{"type": "configure", "lesson": "x", "seed": "-1"}, wantErr: `seed "-1" is not a whole number`},
		{in: mapFields{"type": "configure", "lesson": "x"}, wantErr: `seed "" is not`},
		{in: mapFields{"type": "explode"}, wantErr: `unknown message type "explode"`},
		{in: mapFields{}, wantErr: "must be an object with a type"},
	}
	for _, c := range cases {
		got, err := Decode(c.in)
		if c.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), c.wantErr) {
				t.Errorf("%v: err %v, want %q", c.in, err, c.wantErr)
			}
			continue
		}
		if err != nil {
			t.Errorf("%v: %v", c.in, err)
			continue
		}
		if got.Kind != c.want.Kind || got.Gen != c.want.Gen || got.Lesson != c.want.Lesson || got.Seed != c.want.Seed ||
			got.Fresh != c.want.Fresh || got.Key != c.want.Key || got.Prediction != c.want.Prediction || got.On != c.want.On || got.Speed != c.want.Speed ||
			got.Interval != c.want.Interval || got.ID != c.want.ID || len(got.Values) != len(c.want.Values) || got.Values["p"] != c.want.Values["p"] {
			t.Errorf("%v decoded to %+v, want %+v", c.in, got, c.want)
		}
	}
}

// TestOutFields: each message to the stage has the fields worker.js and
// the stage read; a frame leaves out an empty hash and error.
func TestOutFields(t *testing.T) {
	f := Frame{Lesson: "dropout", Gen: 2, Panels: map[string]string{"dropout-a": "<p>"}, Stage: "{}", Text: "t", Steps: 3, Playing: true}
	got := f.Fields()
	for _, k := range []string{"type", "lesson", "gen", "panels", "stage", "text", "steps", "stepsPerSec", "renderMs", "playing"} {
		if _, ok := got[k]; !ok {
			t.Errorf("frame lacks %q", k)
		}
	}
	if _, ok := got["hash"]; ok {
		t.Error("an empty hash is sent")
	}
	f.Hash, f.Error = "#lesson=dropout", "oops"
	if got := f.Fields(); got["hash"] != "#lesson=dropout" || got["error"] != "oops" {
		t.Errorf("hash and error: %v", got)
	}
	for _, c := range []struct {
		out  Out
		want map[string]any
	}{
		{Ready{}, map[string]any{"type": "ready"}},
		{Pong{ID: 1, At: 5}, map[string]any{"type": "pong", "id": 1.0, "at": 5.0}},
		{Progress{What: "x", Loaded: 1, Total: 2}, map[string]any{"type": "progress", "what": "x", "loaded": 1.0, "total": 2.0}},
		{Progress{Done: true}, map[string]any{"type": "progress", "done": true}},
		{Error{Message: "bad"}, map[string]any{"type": "error", "message": "bad"}},
	} {
		got := c.out.Fields()
		if len(got) != len(c.want) {
			t.Errorf("%T: %v, want %v", c.out, got, c.want)
		}
		for k, v := range c.want {
			if got[k] != v {
				t.Errorf("%T: %s = %v, want %v", c.out, k, got[k], v)
			}
		}
	}
}
