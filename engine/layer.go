package engine

import "errors"

// Param is a learnable parameter: its value, the gradient accumulated by
// Backward (as PyTorch accumulates .grad until zero_grad), and its local name
// inside the layer ("weight", "bias").
type Param struct {
	Name  string
	Value *Tensor
	Grad  *Tensor
}

// Buffer is a non-learnable piece of layer state saved with the model, such
// as a batch-norm layer's running_mean, running_var and num_batches_tracked
// (the last one is stored as a float32 count).
type Buffer struct {
	Name  string
	Value *Tensor
}

// Layer is one module of a network, with PyTorch's semantics.
//
// Forward validates its input and returns an error (changing no state) on a
// bad shape; otherwise it caches what Backward needs. Backward takes the
// gradient of the loss with respect to the last Forward's output, adds the
// parameter gradients into Param.Grad, and returns the gradient with respect
// to the input. Layers without parameters return nil from Params.
type Layer interface {
	// Kind is the PyTorch class name, e.g. "Linear" or "BatchNorm2d".
	Kind() string
	// String is PyTorch's repr, e.g. "Linear(in_features=3136, out_features=512, bias=True)".
	String() string
	Forward(x *Tensor) (*Tensor, error)
	Backward(gradY *Tensor) (*Tensor, error)
	Params() []*Param
	Buffers() []*Buffer
	// SetTraining switches between train mode (true) and eval mode (false).
	SetTraining(train bool)
	Training() bool
}

// ErrNoForward is returned by Backward when no Forward has run.
var ErrNoForward = errors.New("engine: backward called before forward")

// ErrDiverged is wrapped by training errors when a loss, output or gradient
// became NaN or Inf.
var ErrDiverged = errors.New("diverged")
