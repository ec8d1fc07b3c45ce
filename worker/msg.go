package worker

import (
	"fmt"
	"strconv"
	"time"

	"bnlab/lessons"
)

// Kind is a message's type.
type Kind string

// The kinds of message the worker takes.
const (
	Configure Kind = "configure"
	Action    Kind = "action"
	Step      Kind = "step"
	Reset     Kind = "reset"
	Play      Kind = "play"
	Ping      Kind = "ping"
	Data      Kind = "data"
	Check     Kind = "check"
)

// In is one message to the worker, decoded.
type In struct {
	Kind Kind
	Gen  int
	// Configure: the lesson, its values and seed; Fresh builds a new
	// lesson even if only the settings changed (Reset).
	Lesson string
	Values lessons.Values
	Seed   uint64
	Fresh  bool
	// Action: the action's key. Check: the check's id, and the
	// student's prediction as typed or picked.
	Key        string
	Prediction string
	// Play: on or off, the speed, and the time per step at speed 1 (0:
	// as fast as the worker can).
	On       bool
	Speed    float64
	Interval time.Duration
	// Ping: the stage's id, echoed in the Pong.
	ID float64
	// Data: the downloaded MNIST file, or why it did not arrive.
	Data    []byte
	DataErr string
}

// Fields is a message object as the glue reads it: a field's value as a
// string ("" when absent), a number (0), a truth value (false), or the
// string fields of a nested object (nil).
type Fields interface {
	String(key string) string
	Float(key string) float64
	Bool(key string) bool
	Object(key string) map[string]string
}

// Decode reads a message from the stage. An unknown type or a seed that is
// not a decimal uint64 is an error that names it.
func Decode(f Fields) (In, error) {
	m := In{Kind: Kind(f.String("type")), Gen: int(f.Float("gen"))}
	switch m.Kind {
	case Ping:
		m.ID = f.Float("id")
	case Configure:
		m.Lesson, m.Fresh = f.String("lesson"), f.Bool("fresh")
		seed, err := strconv.ParseUint(f.String("seed"), 10, 64)
		if err != nil {
			return In{}, fmt.Errorf("worker: configure: seed %q is not a whole number from 0 to 2⁶⁴ − 1", f.String("seed"))
		}
		m.Seed = seed
		m.Values = lessons.Values{}
		for k, v := range f.Object("values") {
			m.Values[k] = v
		}
	case Action:
		m.Key = f.String("key")
	case Check:
		m.Key, m.Prediction = f.String("key"), f.String("prediction")
	case Play:
		m.On, m.Speed = f.Bool("on"), f.Float("speed")
		m.Interval = time.Duration(f.Float("interval") * float64(time.Millisecond))
	case Step, Reset:
	case "":
		return In{}, fmt.Errorf("worker: a message must be an object with a type")
	default:
		return In{}, fmt.Errorf("worker: unknown message type %q", string(m.Kind))
	}
	return m, nil
}

// Out is a message to the stage, as the JavaScript object's fields.
type Out interface {
	Fields() map[string]any
}

// Ready says the worker has started.
type Ready struct{}

// Fields implements Out.
func (Ready) Fields() map[string]any { return map[string]any{"type": "ready"} }

// Pong answers a Ping with its id and the worker's clock in milliseconds.
type Pong struct {
	ID float64
	At float64
}

// Fields implements Out.
func (p Pong) Fields() map[string]any { return map[string]any{"type": "pong", "id": p.ID, "at": p.At} }

// Frame is what the stage shows of the hosted lesson at one moment.
type Frame struct {
	Lesson      string
	Gen         int
	Panels      map[string]string
	Stage       string // the lesson's stage payload, JSON
	Text        string
	Steps       int
	StepsPerSec float64
	RenderMs    float64
	Playing     bool
	Hash        string // the lesson's URL state, after a change the stage did not make
	Error       string
}

// Fields implements Out.
func (f Frame) Fields() map[string]any {
	panels := make(map[string]any, len(f.Panels))
	for k, v := range f.Panels {
		panels[k] = v
	}
	m := map[string]any{"type": "frame", "lesson": f.Lesson, "gen": f.Gen, "panels": panels, "stage": f.Stage,
		"text": f.Text, "steps": f.Steps, "stepsPerSec": f.StepsPerSec, "renderMs": f.RenderMs, "playing": f.Playing}
	if f.Hash != "" {
		m["hash"] = f.Hash
	}
	if f.Error != "" {
		m["error"] = f.Error
	}
	return m
}

// Stale reports whether a frame is of no use to a stage showing lesson
// whose last message had gen: an earlier state produced it, or another
// lesson did.
func Stale(frameLesson string, frameGen int, lesson string, gen int) bool {
	return frameGen < gen || frameLesson != lesson
}

// Progress is the worker's progress on something slow (the MNIST
// download and its decoding); Done ends it.
type Progress struct {
	What          string
	Loaded, Total float64
	Done          bool
}

// Fields implements Out.
func (p Progress) Fields() map[string]any {
	if p.Done {
		return map[string]any{"type": "progress", "done": true}
	}
	return map[string]any{"type": "progress", "what": p.What, "loaded": p.Loaded, "total": p.Total}
}

// Error says the worker itself failed (a bad message); a lesson's errors
// travel in its frames.
type Error struct{ Message string }

// Fields implements Out.
func (e Error) Fields() map[string]any { return map[string]any{"type": "error", "message": e.Message} }
