package worker

import (
	"strings"
	"testing"
)

// FuzzDecode: any message object (its type, strings, numbers, flags and a
// values object) decodes or gives an error, never a panic, and a decoded
// configure keeps the seed it was given.
func FuzzDecode(f *testing.F) {
	f.Add("configure", "dropout", "7", "p", "0.5", 3.0, true)
	f.Add("check", "bn-steps-check-xhat-var", "", "prediction", "1e309", 8.0, false)
	f.Add("play", "", "", "speed", "NaN", -1.0, true)
	f.Add("configure", "", "18446744073709551616", "", "", 1e300, false)
	f.Add("", "", "", "", "", 0.0, false)
	f.Fuzz(func(t *testing.T, typ, s1, seed, key, val string, num float64, flag bool) {
		m := mapFields{"type": typ, "lesson": s1, "key": s1, "prediction": val, "seed": seed, "gen": num,
			"speed": num, "interval": num, "id": num, "on": flag, "fresh": flag, "values": map[string]string{key: val}}
		in, err := Decode(m)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "worker: ") {
				t.Errorf("error %q does not say where it comes from", err)
			}
			return
		}
		if in.Kind != Kind(typ) {
			t.Errorf("type %q decoded as %q", typ, in.Kind)
		}
		if in.Kind == Configure && in.Values[key] != val {
			t.Errorf("values %v lost %q=%q", in.Values, key, val)
		}
		// The host takes any decoded message without panicking.
		r := newRig(t)
		r.send(configure("checks", 1), in)
	})
}
