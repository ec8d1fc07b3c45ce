package export

import (
	"fmt"
	"strings"
)

// Keras returns a runnable Keras 3 script for s's networks: the same
// layers, BN's momentum translated (Keras weights the old average:
// 1 − PyTorch's), the same initialisation, SGD, and model.fit, which runs
// the layers with training=True, while evaluate runs them with
// training=False.
func Keras(s Setup) (string, error) {
	nets, err := s.parse()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(header(s, "Keras 3", "python3 this_file.py (keras.datasets downloads MNIST once)"))
	b.WriteString(kerasPrelude)
	b.WriteString("\n" + constants(s, true))
	b.WriteString(kerasData)
	for _, p := range nets {
		fmt.Fprintf(&b, "\n\ndef make_%s():\n    \"\"\"%s\"\"\"\n    return keras.Sequential([\n        keras.Input((%d,)),\n",
			p.id, docstring(p.net), p.layers[0].In)
		for _, l := range p.layers {
			b.WriteString("        " + kerasLayer(l, p.net.WeightStd) + ",\n")
		}
		fmt.Fprintf(&b, "    ], name=%q)\n", p.id)
	}
	b.WriteString("\n\ndef main():\n    keras.utils.set_random_seed(SEED)\n    x, y, xv, yv = load_mnist()\n")
	b.WriteString(modelsDict(nets))
	b.WriteString(kerasTrain)
	return b.String(), nil
}

// kerasLayer is the Keras layer for one engine layer.
func kerasLayer(l layer, std float64) string {
	switch l.Kind {
	case "Linear":
		init := fmt.Sprintf("kernel_initializer=torch_default(%d), bias_initializer=torch_default(%d)", l.In, l.In)
		if std > 0 {
			init = fmt.Sprintf(`kernel_initializer=keras.initializers.RandomNormal(0.0, %s), bias_initializer="zeros"`, py(std))
		}
		return fmt.Sprintf("layers.Dense(%d, use_bias=%s, %s)", l.Out, pyBool(l.Bias), init)
	case "BatchNorm1d":
		return fmt.Sprintf("layers.BatchNormalization(momentum=%s, epsilon=%s)  # PyTorch momentum %s; moving_variance keeps the biased variance, PyTorch's running_var the unbiased one",
			py(roundMom(1-l.Mom)), py(l.Eps), py(l.Mom))
	case "LayerNorm":
		return fmt.Sprintf("layers.LayerNormalization(epsilon=%s)", py(l.Eps))
	case "GroupNorm":
		return fmt.Sprintf("layers.GroupNormalization(groups=%d, epsilon=%s)", l.Groups, py(l.Eps))
	case "Dropout":
		return fmt.Sprintf("layers.Dropout(%s)  # rate = the drop probability, like PyTorch's p", py(l.P))
	case "ReLU", "Sigmoid", "Tanh":
		return fmt.Sprintf("layers.Activation(%q)", strings.ToLower(l.Kind))
	}
	return "# " + l.Repr + " has no Keras equivalent"
}

// roundMom removes float noise from 1 − m (1 − 0.1 = 0.9, not 0.900…02).
func roundMom(f float64) float64 { return float64(int64(f*1e12+0.5)) / 1e12 }

func pyBool(v bool) string {
	if v {
		return "True"
	}
	return "False"
}

const kerasPrelude = `
import math

import numpy as np
import keras
from keras import layers
`

const kerasData = `

def torch_default(fan_in):
    """PyTorch's default Linear initialisation, U(-1/sqrt(fan_in), 1/sqrt(fan_in))."""
    b = 1.0 / math.sqrt(fan_in)
    return keras.initializers.RandomUniform(-b, b)


def load_mnist():
    (xi, yi), (xt, yt) = keras.datasets.mnist.load_data()

    def prep(x, n):
        return ((x[:n].reshape(n, -1).astype("float32") / 255.0) - MEAN) / STD

    return prep(xi, TRAIN_IMAGES), yi[:TRAIN_IMAGES], prep(xt, VAL_IMAGES), yt[:VAL_IMAGES]
`

const kerasTrain = `    for name, model in models.items():
        model.compile(optimizer=keras.optimizers.SGD(learning_rate=LR, momentum=MOMENTUM),
                      loss=keras.losses.SparseCategoricalCrossentropy(from_logits=True),
                      metrics=["accuracy"])
        model.summary()
    for name, model in models.items():
        # fit calls the layers with training=True (batch statistics, dropout on);
        # evaluate with training=False (moving statistics, dropout off).
        model.fit(x, y, batch_size=BATCH, epochs=EPOCHS, shuffle=True, verbose=2)
        loss, acc = model.evaluate(xv, yv, batch_size=250, verbose=0)
        print(f"{name}: val. loss {loss:.3f}, val. acc. {acc:.1%}")


if __name__ == "__main__":
    main()
`
