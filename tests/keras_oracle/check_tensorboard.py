#!/usr/bin/env python3
"""Reads the event files keraspp's TensorBoard callback wrote with TensorBoard's own reader
(PyPI tensorboard's EventAccumulator) and compares them with what the C++ test logged
(tests/callbacks/test_tensorboard.cpp).

Usage:
    <venv>/bin/python tests/keras_oracle/check_tensorboard.py --check <job.json>

job.json = {"log_dir": ..., "runs": {"train": {tag: [[step, value], ...]}, "validation": ...}}
Prints "<run> OK" per run whose scalar tags, steps and float32 values are exactly the job's,
and exits non-zero on any difference.
"""
import json
import os
import sys

import numpy as np
from tensorboard.backend.event_processing import event_accumulator


def main(job_path):
    with open(job_path) as f:
        job = json.load(f)
    bad = 0
    for run, want in job["runs"].items():
        acc = event_accumulator.EventAccumulator(os.path.join(job["log_dir"], run),
                                                 size_guidance={"scalars": 0})
        acc.Reload()
        problems = []
        tags = sorted(acc.Tags()["scalars"])
        if tags != sorted(want):
            problems.append(f"tags {tags}, expected {sorted(want)}")
        for tag in sorted(set(tags) & set(want)):
            got = [(e.step, np.float32(e.value)) for e in acc.Scalars(tag)]
            expected = [(s, np.float32(v)) for s, v in want[tag]]
            if got != expected:
                problems.append(f"{tag}: {got}, expected {expected}")
        print(run, "OK" if not problems else "MISMATCH: " + "; ".join(problems))
        bad += bool(problems)
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--check":
        main(sys.argv[2])
    else:
        sys.exit(__doc__)
