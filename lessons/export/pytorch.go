package export

import (
	"fmt"
	"strings"
)

// PyTorch returns a runnable PyTorch script that builds s's networks,
// prints them and their parameter counts, and trains them side by side on
// the same mini-batches, measuring in eval mode.
func PyTorch(s Setup) (string, error) {
	nets, err := s.parse()
	if err != nil {
		return "", err
	}
	var b strings.Builder
	b.WriteString(header(s, "PyTorch", "python3 this_file.py [--mnist DIR] (DIR holds the four MNIST .gz files; without it torchvision downloads them)"))
	b.WriteString(pyPrelude)
	b.WriteString("\n" + constants(s, false))
	b.WriteString(pyData)
	for _, p := range nets {
		fmt.Fprintf(&b, "\n\ndef make_%s():\n    \"\"\"%s\"\"\"\n    model = nn.Sequential(\n", p.id, docstring(p.net))
		for _, l := range p.layers {
			fmt.Fprintf(&b, "        nn.%s,\n", l.Repr)
		}
		b.WriteString("    )\n")
		if std := p.net.WeightStd; std > 0 {
			fmt.Fprintf(&b, "    for m in model.modules():  # the lab's initialisation: N(0, %s²) weights, zero biases\n", py(std))
			fmt.Fprintf(&b, "        if isinstance(m, nn.Linear):\n            nn.init.normal_(m.weight, 0.0, %s)\n            if m.bias is not None:\n                nn.init.zeros_(m.bias)\n", py(std))
		} else {
			b.WriteString("    # PyTorch's default initialisation, as in the lab\n")
		}
		b.WriteString("    return model\n")
	}
	b.WriteString("\n\ndef main():\n    args = parse_args()\n    torch.manual_seed(SEED)\n    x, y, xv, yv = load_mnist(args.mnist)\n")
	b.WriteString(modelsDict(nets))
	b.WriteString(pyTrain)
	return b.String(), nil
}

const pyPrelude = `
import argparse
import gzip
import os

import numpy as np
import torch
from torch import nn
`

const pyData = `

def parse_args():
    p = argparse.ArgumentParser()
    p.add_argument("--mnist", default="", help="folder with the four MNIST .gz IDX files")
    p.add_argument("--steps", type=int, default=STEPS)
    return p.parse_args()


def read_idx(path):
    with gzip.open(path, "rb") as f:
        raw = f.read()
    dims = raw[3]
    shape = [int.from_bytes(raw[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def load_mnist(folder):
    names = ["train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz",
             "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz"]
    if folder:
        missing = [n for n in names if not os.path.exists(os.path.join(folder, n))]
        if missing:
            raise SystemExit(f"--mnist {folder}: missing {', '.join(missing)}")
        xi, yi, xt, yt = (read_idx(os.path.join(folder, n)) for n in names)
    else:
        from torchvision import datasets  # downloads MNIST once
        tr = datasets.MNIST("mnist", train=True, download=True)
        te = datasets.MNIST("mnist", train=False, download=True)
        xi, yi, xt, yt = tr.data.numpy(), tr.targets.numpy(), te.data.numpy(), te.targets.numpy()

    def prep(x, n):
        x = torch.tensor(x[:n].reshape(n, -1), dtype=torch.float32) / 255.0
        return (x - MEAN) / STD

    return (prep(xi, TRAIN_IMAGES), torch.tensor(yi[:TRAIN_IMAGES], dtype=torch.long),
            prep(xt, VAL_IMAGES), torch.tensor(yt[:VAL_IMAGES], dtype=torch.long))


def accuracy(model, x, y):
    model.eval()  # BN normalises with its running statistics; dropout is off
    with torch.no_grad():
        acc = (model(x).argmax(1) == y).float().mean().item()
    model.train()  # back to training: batch statistics, dropout on
    return acc
`

const pyTrain = `    for name, model in models.items():
        print(name)
        print(model)
        print("parameters:", sum(p.numel() for p in model.parameters()))
    opts = {n: torch.optim.SGD(m.parameters(), lr=LR, momentum=MOMENTUM) for n, m in models.items()}
    loss_fn = nn.CrossEntropyLoss()
    order, pos = torch.randperm(len(x)), 0
    for m in models.values():
        m.train()
    for step in range(1, args.steps + 1):
        if pos + BATCH > len(x):  # a new pass over the images, in a new order
            order, pos = torch.randperm(len(x)), 0
        idx = order[pos:pos + BATCH]
        pos += BATCH
        losses = {}
        for name, model in models.items():  # the same mini-batch for every network
            opts[name].zero_grad()
            loss = loss_fn(model(x[idx]), y[idx])
            loss.backward()
            opts[name].step()
            losses[name] = loss.item()
        if step % VAL_EVERY == 0 or step == args.steps:
            report = ", ".join(f"{n} loss {losses[n]:.3f} val. acc. {accuracy(m, xv, yv):.1%}" for n, m in models.items())
            print(f"step {step}: {report}")


if __name__ == "__main__":
    main()
`
