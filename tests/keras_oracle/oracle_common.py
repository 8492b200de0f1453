"""Shared by the generators of small-array cases (generate_metrics.py,
generate_confusion_metrics.py, generate_losses.py): the environment Keras must see before it is
imported, and float32 array helpers.

Import it before keras: `import oracle_common` selects the JAX backend on the CPU and makes XLA
compile fast. The generators are run as scripts (scripts/run_tests.sh run_generator), so this
directory is on sys.path and the import needs nothing else.
"""
import os

os.environ["KERAS_BACKEND"] = "jax"
os.environ.setdefault("JAX_PLATFORMS", "cpu")
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
# Each case is a few small XLA programs, compiled once per shape: compile fast (LLVM -O0). The
# results are not always bit-identical to the default level's (measured on the layer cases: 66
# of 288 arrays differ, by at most 3.7e-7 relative), far inside the tests' tolerances.
os.environ["XLA_FLAGS"] = (os.environ.get("XLA_FLAGS", "") +
                           " --xla_backend_optimization_level=0").strip()

import numpy as np  # noqa: E402


def f32(a):
    return np.asarray(a, dtype="float32")


def array(a, finite=False):
    """A float32 array as the manifests hold it; `finite` asserts it has no NaN or infinity."""
    a = np.asarray(a, dtype="float32")
    if finite:
        assert np.all(np.isfinite(a)), a
    return {"shape": list(a.shape), "values": [float(v) for v in a.reshape(-1)]}


class RandomArrays:
    """float32 arrays from one seeded generator: a generator's cases draw in a fixed order, so
    its output is the same on every run. `rng` is there for draws of a generator's own."""

    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)

    def normal(self, *shape, scale=1.0):
        return f32(self.rng.standard_normal(shape) * scale)

    def uniform(self, *shape, lo=0.0, hi=1.0):
        return f32(self.rng.uniform(lo, hi, shape))

    def probs(self, *shape):
        """Rows of probabilities (a softmax of normal draws) along the last axis."""
        e = np.exp(self.rng.standard_normal(shape))
        return f32(e / e.sum(-1, keepdims=True))

    def binary(self, *shape):
        return f32(self.rng.integers(0, 2, shape))

    def weights(self, *shape):
        """Sample weights in [0.1, 2)."""
        return self.uniform(*shape, lo=0.1, hi=2.0)
