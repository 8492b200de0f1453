#!/usr/bin/env python3
"""The Keras twin of examples/fashion_mnist_lstm.cpp: Fashion-MNIST images read as 28 steps of
28 features by LSTM(128), then Dense(10) softmax; Adam, batch 128, 5 epochs, printing
`test_accuracy=<value>` (the README compares the two). Reads the data from the Debian package
dataset-fashion-mnist (keras.datasets would download it).

    KERAS_BACKEND=jax build/venv/bin/python examples/keras/fashion_mnist_lstm.py --seed 0
"""
import argparse
import gzip
import os
import time

os.environ.setdefault("KERAS_BACKEND", "jax")

import numpy as np  # noqa: E402
import keras  # noqa: E402
from keras import layers  # noqa: E402

DATA = os.environ.get("KERAS_FASHION_MNIST_DIR", "/usr/share/datasets/fashion-mnist")


def idx(name, offset):
    with gzip.open(os.path.join(DATA, name)) as f:
        return np.frombuffer(f.read(), np.uint8, offset=offset)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--epochs", type=int, default=5)
    args = parser.parse_args()
    keras.utils.set_random_seed(args.seed)
    x_train = idx("train-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    y_train = idx("train-labels-idx1-ubyte.gz", 8)
    x_test = idx("t10k-images-idx3-ubyte.gz", 16).reshape(-1, 28, 28)
    y_test = idx("t10k-labels-idx1-ubyte.gz", 8)
    x_train = x_train.astype("float32") / 255
    x_test = x_test.astype("float32") / 255

    model = keras.Sequential([
        keras.Input(shape=(28, 28)),
        layers.LSTM(128),
        layers.Dense(10, activation="softmax"),
    ])
    model.compile(loss="sparse_categorical_crossentropy", optimizer="adam", metrics=["accuracy"])
    start = time.time()
    model.fit(x_train, y_train, batch_size=128, epochs=args.epochs, validation_split=0.1,
              verbose=2)
    print(f"epoch_time_s={(time.time() - start) / args.epochs:.1f}")
    _, accuracy = model.evaluate(x_test, y_test, verbose=0)
    print(f"test_accuracy={accuracy:.4f}")


if __name__ == "__main__":
    main()
