"""The same MLP in plain PyTorch 2, written as a PyTorch user would: nn.Sequential of Linear +
ReLU, logits into cross_entropy (softmax + sparse categorical crossentropy in one), Adam with
Keras's defaults (lr 1e-3, betas 0.9/0.999, eps 1e-7), batch 128, a fresh permutation each
epoch. Timed as run_mlp.py times every system; prints one JSON line.

Usage: python torch_mlp.py WEIGHTS_DIR [THREADS=2]"""
import sys
import time

import numpy as np
import torch

import mlp_common as common

THREADS = int(sys.argv[2]) if len(sys.argv) > 2 else 2


def main():
    torch.set_num_threads(THREADS)
    torch.manual_seed(1)
    x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in common.load_fashion_mnist())
    model = torch.nn.Sequential(torch.nn.Linear(784, 512), torch.nn.ReLU(),
                                torch.nn.Linear(512, 256), torch.nn.ReLU(),
                                torch.nn.Linear(256, 10))
    weights = common.load_weights(sys.argv[1])
    with torch.no_grad():
        for layer, kernel, bias in zip(model[::2], weights[::2], weights[1::2]):
            layer.weight.copy_(torch.from_numpy(kernel).T)  # Keras (in, out) -> torch (out, in)
            layer.bias.copy_(torch.from_numpy(bias))
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-7)

    def epoch():
        model.train()
        perm = torch.randperm(len(x_train))
        for start in range(0, len(x_train), common.BATCH):
            idx = perm[start:start + common.BATCH]
            optimizer.zero_grad()
            loss = torch.nn.functional.cross_entropy(model(x_train[idx]), y_train[idx])
            loss.backward()
            optimizer.step()

    epoch()
    start = time.perf_counter()
    epoch()
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

    common.emit(system="pytorch", version=f"torch {torch.__version__}",
                latency_api="no_grad forward", threads=THREADS,
                train_samples_per_s=len(x_train) / train_s,
                predict_samples_per_s=len(x_test) / predict_s, latency_us=1e6 * latency_s,
                peak_rss_mib=common.peak_rss_mib(),
                test_accuracy=common.accuracy(probs.numpy(), np.asarray(y_test)))


if __name__ == "__main__":
    main()
