"""The race's models (race_common.py) in plain PyTorch 2, written as a PyTorch user would:
nn.Sequential of the layers (images channels first, PyTorch's default), logits into
cross_entropy (softmax + sparse categorical crossentropy in one), Adam with Keras's defaults (lr
1e-3, betas 0.9/0.999, eps 1e-7), batch 128, a fresh permutation each epoch; BatchNorm2d with
Keras's epsilon 1e-3 and momentum 0.99 (PyTorch's 0.01). Timed as run_race.py times every
system; prints one JSON line.

Usage: python torch_race.py MODEL WEIGHTS_DIR [THREADS=2]"""
import sys
import time

import numpy as np
import torch

import race_common as common

MODEL = sys.argv[1]
THREADS = int(sys.argv[3]) if len(sys.argv) > 3 else 2
nn = torch.nn


class LastStep(nn.Module):
    """nn.LSTM's last hidden state (Keras's LSTM without return_sequences)."""

    def __init__(self, lstm):
        super().__init__()
        self.lstm = lstm

    def forward(self, x):
        return self.lstm(x)[1][0][-1]


def build_model():
    if MODEL == "mlp":
        return nn.Sequential(nn.Linear(784, 512), nn.ReLU(), nn.Linear(512, 256), nn.ReLU(),
                             nn.Linear(256, 10))
    if MODEL == "cnn":
        return nn.Sequential(nn.Conv2d(1, 32, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Conv2d(32, 64, 3), nn.ReLU(), nn.MaxPool2d(2),
                             nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    if MODEL == "cnn_bn":
        blocks = []
        for c_in, c_out in [(1, 32), (32, 64)]:
            blocks += [nn.Conv2d(c_in, c_out, 3, bias=False),
                       nn.BatchNorm2d(c_out, eps=1e-3, momentum=0.01), nn.ReLU(), nn.MaxPool2d(2)]
        return nn.Sequential(*blocks, nn.Flatten(), nn.Dropout(0.5), nn.Linear(1600, 10))
    if MODEL == "lstm":
        return nn.Sequential(LastStep(nn.LSTM(28, 128, batch_first=True)), nn.Linear(128, 10))
    raise ValueError(f"unknown model {MODEL!r}; expected one of {common.MODELS}")


def set_weights(model, arrays):
    """Keras's layouts into PyTorch's: kernels (in, out) -> (out, in); convolution kernels
    (kh, kw, in, out) -> (out, in, kh, kw); the Dense after Flatten reads (c, h, w) here and
    (h, w, c) in Keras; the LSTM's gates are in the same order (i, f, c/g, o), its bias goes to
    bias_ih (bias_hh zero)."""
    w = [torch.from_numpy(a) for a in arrays]
    convs = [m for m in model.modules() if isinstance(m, nn.Conv2d)]
    norms = [m for m in model.modules() if isinstance(m, nn.BatchNorm2d)]
    linears = [m for m in model.modules() if isinstance(m, nn.Linear)]
    with torch.no_grad():
        if MODEL == "mlp":
            for layer, kernel, bias in zip(linears, w[::2], w[1::2]):
                layer.weight.copy_(kernel.T)
                layer.bias.copy_(bias)
            return
        if MODEL == "lstm":
            lstm = model[0].lstm
            lstm.weight_ih_l0.copy_(w[0].T)
            lstm.weight_hh_l0.copy_(w[1].T)
            lstm.bias_ih_l0.copy_(w[2])
            lstm.bias_hh_l0.zero_()
            linears[0].weight.copy_(w[3].T)
            linears[0].bias.copy_(w[4])
            return
        per_block = 2 if MODEL == "cnn" else 5
        for i, conv in enumerate(convs):
            block = w[i * per_block:(i + 1) * per_block]
            conv.weight.copy_(block[0].permute(3, 2, 0, 1))
            if MODEL == "cnn":
                conv.bias.copy_(block[1])
            else:
                norm = norms[i]
                norm.weight.copy_(block[1])
                norm.bias.copy_(block[2])
                norm.running_mean.copy_(block[3])
                norm.running_var.copy_(block[4])
        kernel = w[-2].reshape(5, 5, 64, 10).permute(3, 2, 0, 1).reshape(10, 1600)
        linears[0].weight.copy_(kernel)
        linears[0].bias.copy_(w[-1])


def main():
    torch.set_num_threads(THREADS)
    torch.manual_seed(1)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a)
                                        for a in common.load_fashion_mnist(MODEL))
    if MODEL in ("cnn", "cnn_bn"):  # (N, 28, 28, 1) -> (N, 1, 28, 28)
        x_train, x_test = (x.permute(0, 3, 1, 2).contiguous() for x in (x_train, x_test))
    model = build_model()
    set_weights(model, common.load_weights(MODEL, sys.argv[2]))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    def epoch(samples):
        model.train()
        perm = torch.randperm(samples)
        for start in range(0, samples, common.BATCH):
            idx = perm[start:start + common.BATCH]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()

    epoch(common.WARMUP_SAMPLES[MODEL])
    start = time.perf_counter()
    epoch(len(x_train))
    train_s = time.perf_counter() - start

    model.eval()
    with torch.no_grad():
        def predict():
            return torch.cat([torch.softmax(model(x_test[s:s + common.BATCH]), 1)
                              for s in range(0, len(x_test), common.BATCH)])
        predict()
        start = time.perf_counter()
        probs = predict()
        predict_s = time.perf_counter() - start

        one = x_test[:1]
        for _ in range(50):
            torch.softmax(model(one), 1)
        latency_s = common.median_seconds(common.LATENCY_CALLS,
                                          lambda: torch.softmax(model(one), 1))

    common.emit(system="pytorch", model=MODEL, version=f"torch {torch.__version__}",
                latency_api="no_grad forward", threads=THREADS,
                train_samples_per_s=len(x_train) / train_s,
                predict_samples_per_s=len(x_test) / predict_s, latency_us=1e6 * latency_s,
                peak_rss_mib=common.peak_rss_mib(),
                test_accuracy=common.accuracy(probs.numpy(), np.asarray(y_test)))


if __name__ == "__main__":
    main()
