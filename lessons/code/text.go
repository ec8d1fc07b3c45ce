package code

// pyTorch is the syllabus's PyTorch model with a training step and
// inference written correctly: model.train() before training,
// model.eval() and torch.no_grad() for inference, logits into
// CrossEntropyLoss. Its print and parameter count are the engine's
// NewSyllabusConvNet (TestCodeMatchesEngine).
const pyTorch = `import torch
import torch.nn as nn

class ConvNetWithBNDropout(nn.Module):
    def __init__(self, num_classes=10):
        super().__init__()
        self.features = nn.Sequential(
            # Conv block 1
            nn.Conv2d(1, 32, kernel_size=3, padding=1),
            nn.BatchNorm2d(32),  # after conv, before ReLU; eps=1e-5, momentum=0.1
            nn.ReLU(),
            nn.MaxPool2d(2, 2),
            # Conv block 2
            nn.Conv2d(32, 64, kernel_size=3, padding=1),
            nn.BatchNorm2d(64),
            nn.ReLU(),
            nn.MaxPool2d(2, 2),
        )
        self.classifier = nn.Sequential(
            nn.Flatten(),
            nn.Linear(64 * 7 * 7, 512),
            nn.BatchNorm1d(512),
            nn.ReLU(),
            nn.Dropout(p=0.5),  # p = probability of DROPPING a unit
            nn.Linear(512, 128),
            nn.ReLU(),
            nn.Dropout(p=0.3),
            nn.Linear(128, num_classes),  # logits: CrossEntropyLoss applies log-softmax
        )

    def forward(self, x):  # x: (N, 1, 28, 28)
        x = self.features(x)
        return self.classifier(x)

model = ConvNetWithBNDropout()
print(model)
print(f"{sum(p.numel() for p in model.parameters()):,}")  # 1,693,130

optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
loss_fn = nn.CrossEntropyLoss()

def train_one_epoch(loader):  # DataLoader(..., shuffle=True, drop_last=True)
    model.train()  # BN: batch statistics, running ones updated; dropout on
    for x, y in loader:
        optimizer.zero_grad()
        loss = loss_fn(model(x), y)
        loss.backward()
        optimizer.step()

@torch.no_grad()  # no autograd graph at inference
def predict(x):
    model.eval()  # BN: running statistics; dropout off
    return model(x).argmax(dim=1)
`

// keras is the syllabus's Keras model, with keras.Input instead of the
// deprecated input_shape argument. Its summary is the engine's
// KerasSummary of NewKerasSyllabusModel.
const keras = `from tensorflow import keras
from tensorflow.keras import layers

def build_model_keras():
    return keras.Sequential([
        keras.Input(shape=(28, 28, 1)),  # channels last: (28, 28, 1)
        # Conv block
        layers.Conv2D(32, (3, 3), padding="same"),
        layers.BatchNormalization(),  # epsilon=1e-3, momentum=0.99
        layers.Activation("relu"),
        layers.MaxPooling2D((2, 2)),
        layers.Conv2D(64, (3, 3), padding="same"),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.MaxPooling2D((2, 2)),
        # Dense block
        layers.Flatten(),
        layers.Dense(256),
        layers.BatchNormalization(),
        layers.Activation("relu"),
        layers.Dropout(0.5),  # rate = probability of DROPPING a unit
        layers.Dense(10, activation="softmax"),
    ])

model = build_model_keras()
model.compile(optimizer="adam",
              loss="sparse_categorical_crossentropy",
              metrics=["accuracy"])
model.summary()  # Total params: 825,866

# x_train: (60000, 28, 28, 1) floats, y_train: (60000,) class indices 0-9
# fit() runs the layers with training=True; evaluate() and predict() with training=False
model.fit(x_train, y_train, batch_size=64, epochs=5, validation_split=0.1)
model.evaluate(x_test, y_test)
probs = model.predict(x_test)

# In a custom loop, pass the mode yourself:
probs_train = model(x_batch, training=True)   # BN: batch statistics; dropout on
probs_infer = model(x_batch, training=False)  # BN: moving statistics; dropout off
`

// topicOptions are the defaults and conventions that differ between the two
// frameworks, in display order, with the code lines each one marks (a line
// is marked when it contains one of the substrings).
var topicOptions = []struct {
	key, setting, torch, keras, note string
	torchMarks, kerasMarks           []string
}{
	{"eps", "BN epsilon", "eps=1e-5", "epsilon=1e-3",
		"Added to the variance before the square root; Keras's is 100 times larger.",
		[]string{"BatchNorm"}, []string{"BatchNormalization"}},
	{"momentum", "BN momentum", "momentum=0.1: running = 0.9·running + 0.1·batch (weights the NEW value)",
		"momentum=0.99: moving = 0.99·moving + 0.01·batch (weights the OLD value)",
		"The same smoothing needs Keras momentum = 1 − PyTorch momentum. PyTorch's momentum=None is a cumulative average.",
		[]string{"BatchNorm"}, []string{"BatchNormalization"}},
	{"variance", "Stored variance", "running_var stores the unbiased batch variance (× m/(m − 1))",
		"moving_variance stores the biased batch variance (÷ m)",
		"Both normalise a training batch with its biased variance (÷ m).",
		[]string{"BatchNorm"}, []string{"BatchNormalization"}},
	{"dropout", "Dropout argument", "nn.Dropout(p=0.5): p = drop probability", "layers.Dropout(0.5): rate = drop probability",
		"Both are inverted dropout: survivors are scaled by 1/(1 − p) in training, nothing at inference. (Srivastava et al. write p for the RETAIN probability.)",
		[]string{"nn.Dropout("}, []string{"layers.Dropout("}},
	{"mode", "Train / eval mode", "model.train() and model.eval() set a mode that stays until changed: you must call them",
		"the training argument: fit() passes True, evaluate() and predict() pass False, model(x) defaults to inference",
		"Forgetting model.eval() in PyTorch leaves dropout on and BN on batch statistics at inference.",
		[]string{"model.train()", "model.eval()"}, []string{"training=", "fit(", "evaluate(", "predict("}},
	{"inference", "Inference", "model.eval() and torch.no_grad()", "model.predict(x) or model(x, training=False)",
		"no_grad only saves memory and time; it does not switch BN or dropout, eval() does.",
		[]string{"no_grad", "def predict", "model.eval()"}, []string{"predict(", "training=False"}},
	{"output", "Output and loss", "logits + nn.CrossEntropyLoss (log-softmax inside the loss)",
		"softmax output + sparse_categorical_crossentropy",
		"Both are cross-entropy on class indices; do not add a softmax before CrossEntropyLoss.",
		[]string{"num_classes)", "CrossEntropyLoss"}, []string{"softmax", "crossentropy"}},
	{"init", "Initialisation", "weights and biases uniform in ±1/√fan_in", "glorot_uniform weights, zero biases",
		"Different starting points; BN makes training less sensitive to them.",
		[]string{"nn.Conv2d(", "nn.Linear("}, []string{"layers.Conv2D(", "layers.Dense("}},
	{"layout", "Tensor layout", "channels first: (N, 1, 28, 28)", "channels last: (None, 28, 28, 1)",
		"BN's statistics are per channel in both; only the axis differs (Keras axis=-1).",
		[]string{"(N, 1, 28, 28)"}, []string{"Input(shape"}},
	{"size", "Model and parameter count", "3136 → 512 → 128 → 10: 1,693,130 parameters (buffers not counted)",
		"3136 → 256 → 10: 825,866 parameters, of which 704 non-trainable (moving mean and variance)",
		"The syllabus's two models differ in the classifier, so their counts differ; PyTorch counts the running statistics as buffers, Keras as non-trainable weights.",
		[]string{"numel", "nn.Linear(64 * 7 * 7, 512)"}, []string{"summary()", "layers.Dense(256)"}},
}
