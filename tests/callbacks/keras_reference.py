#!/usr/bin/env python3
"""Prints what real Keras does on the scripted inputs the callback tests use.

Run with the test venv:  KERAS_BACKEND=jax build/venv/bin/python tests/callbacks/keras_reference.py
Part 1: the exact bytes of keras.utils.Progbar / keras.callbacks.ProgbarLogger, with time.time
replaced by a fake clock and `_dynamic_display = True` (what Keras 3 uses on POSIX), as C++
expressions (test_progbar.cpp, test_progbar_logger.cpp). Part 2: EarlyStopping outcomes on
scripted logs with a stand-in model whose weights mark the epoch (test_early_stopping.cpp).
"""
import io
import re
import sys
import types
import warnings

import keras
from keras.src.trainers import compile_utils
from keras.src.utils import progbar as pb_mod

T = [0.0]
pb_mod.time = types.SimpleNamespace(time=lambda: T[0])
nan = float("nan")


def lit(s):
    # A C++ expression for s: literal pieces, runs of \b as std::string(n, '\b'), one line per \n.
    parts = []
    for piece in re.split(r'(\x08+)', s):
        if not piece: continue
        if piece[0] == '\x08':
            parts.append(f"std::string({len(piece)}, '\\b')")
            continue
        for line in re.findall(r'[^\n]*\n|[^\n]+', piece):
            esc = line.replace('\\', '\\\\').replace('"', '\\"').replace('\x1b', '\\x1b').replace('\r', '\\r').replace('\n', '\\n')
            parts.append('"' + esc + '"')
    # adjacent literals concatenate; wrap in std::string so + works
    out = []
    for p in parts:
        if out and p.startswith('"') and out[-1].startswith('"'):
            out[-1] += '\n    ' + p
        else:
            out.append(p)
    out = [('std::string(' + p + ')') if p.startswith('"') else p for p in out]
    return '\n    + '.join(out)


def capture(f):
    buf = io.StringIO()
    old, sys.stdout = sys.stdout, buf
    try:
        f()
    finally:
        sys.stdout = old
    return buf.getvalue()


def run(events, verbose, epochs, steps):
    orig_init = pb_mod.Progbar.__init__

    def init(self, *a, **k):
        orig_init(self, *a, **k)
        self._dynamic_display = True

    def replay():
        cb = keras.callbacks.ProgbarLogger()
        cb.set_params({"verbose": verbose, "epochs": epochs, "steps": steps})
        for ev in events:
            T[0] = ev[0]
            getattr(cb, ev[1])(*ev[2:])

    pb_mod.Progbar.__init__ = init
    try:
        return capture(replay)
    finally:
        pb_mod.Progbar.__init__ = orig_init


def nontty(s):
    # What keraspp writes when the output is not a terminal: each finished line alone.
    return "".join(seg.split("\r")[-1].rstrip(" ") + "\n" for seg in s.split("\n")[:-1])


fit_events = [
    (100.0, 'on_train_begin', None),
    (100.0, 'on_epoch_begin', 0, None),
    (100.5, 'on_train_batch_end', 0, {'accuracy': 0.25, 'loss': 2.302585}),
    (100.52, 'on_train_batch_end', 1, {'accuracy': 0.5, 'loss': 1.5}),
    (101.0, 'on_train_batch_end', 2, {'accuracy': 0.6, 'loss': 0.0004}),
    (101.1, 'on_test_begin', None),
    (101.2, 'on_test_batch_end', 0, {'loss': 0.5}),
    (101.3, 'on_test_end', {'loss': 0.5}),
    (101.6, 'on_epoch_end', 0, {'accuracy': 0.6, 'loss': 0.0004, 'val_loss': 0.5}),
    (200.0, 'on_epoch_begin', 1, None),
    (4000.0, 'on_train_batch_end', 0, {'loss': 12.0}),
    (4090.0, 'on_train_batch_end', 1, {'loss': -0.25}),
    (4100.0, 'on_epoch_end', 1, {'loss': nan}),
    (4100.0, 'on_train_end', None),
]
unknown_events = [
    (50.0, 'on_epoch_begin', 0, None),
    (50.001, 'on_train_batch_end', 0, {'loss': 1.0}),
    (50.0015, 'on_train_batch_end', 1, {'loss': 0.5}),
    (50.2, 'on_train_batch_end', 2, {'loss': 0.25}),
    (50.3, 'on_epoch_end', 0, {'loss': 0.25}),
    (51.0, 'on_epoch_begin', 1, None),
    (51.25, 'on_train_batch_end', 0, {'loss': 0.2}),
    (52.5, 'on_epoch_end', 1, {'loss': 0.125}),
]
eval_events = [
    (10.0, 'on_test_begin', None),
    (10.0001, 'on_test_batch_end', 0, {'accuracy': 1.0, 'loss': 0.0}),
    (13.0, 'on_test_batch_end', 1, {'accuracy': 0.875, 'loss': 0.03125}),
    (75.0, 'on_test_batch_end', 2, {'accuracy': 0.75, 'loss': 0.0625}),
    (80.0, 'on_test_end', {'accuracy': 0.75, 'loss': 0.0625}),
]
# Array-valued metrics (float32 arrays, as Keras logs them): the bar shows their mean.
import numpy as np  # noqa: E402
array_events = [
    (1.0, 'on_train_begin', None),
    (1.0, 'on_epoch_begin', 0, None),
    (1.5, 'on_train_batch_end', 0,
     {'f1': np.array([0.25, 0.5, 1.0], 'float32'), 'loss': 1.0,
      'p3': np.array([1e-4, 2e-4], 'float32')}),
    (2.0, 'on_epoch_end', 0,
     {'f1': np.array([0.5, 0.75, 0.0], 'float32'), 'loss': 0.5,
      'p3': np.array([1e-4, 3e-4], 'float32')}),
]
predict_events = [
    (5.0, 'on_predict_begin', None),
    (5.5, 'on_predict_batch_end', 0, {'outputs': 1.0}),
    (6.0, 'on_predict_batch_end', 1, {'outputs': 1.0}),
    (6.0, 'on_predict_end', None),
]


def averaged():
    T[0] = 100.0
    p = pb_mod.Progbar(1000, width=10, stateful_metrics=['lr'], unit_name='sample')
    p._dynamic_display = True
    T[0] = 100.0005; p.update(1, [('loss', 1.0), ('lr', 0.1)])
    T[0] = 100.2; p.update(4, [('loss', 0.5), ('lr', 0.05)])       # weighted by 3 steps
    T[0] = 100.21; p.update(5, [('loss', 100.0)])                   # within interval: not drawn
    T[0] = 100.5; p.add(5, [('loss', 0.25), ('mae', -0.0001)])
    T[0] = 102.0; p.update(1000, [('loss', 0.125), ('lr', 0.01)])   # finalize: value as-is
def verbose2():
    T[0] = 10.0
    p = pb_mod.Progbar(7, verbose=2)
    T[0] = 10.5; p.update(1, [('loss', 3.0), ('neg', -2.0)])
    T[0] = 13.0; p.update(7, [('loss', 1.0), ('neg', -2.0), ('tiny', 0.0005)])


print("// ---- Progbar (test_progbar.cpp)")
print("const std::string kAveraged =\n    " + lit(capture(averaged)) + ";")
print("const std::string kVerbose2 =\n    " + lit(capture(verbose2)) + ";")
print("// ---- ProgbarLogger (test_progbar_logger.cpp)")
cases = {
    "kFitTty": run(fit_events, 1, 2, 3),
    "kFitVerbose2": run(fit_events, 2, 2, 3),
    "kUnknownTty": run(unknown_events, 1, 2, None),
    "kEvaluateTty": run(eval_events, 1, 1, 3),
    "kPredictTty": run(predict_events, 1, 1, 2),
    "kArrayTty": run(array_events, 1, 1, 2),
    "kArrayVerbose2": run(array_events, 2, 1, 2),
}
cases["kFitNoTty"] = nontty(cases["kFitTty"])
for name, s in cases.items():
    print(f"const std::string {name} =\n    {lit(s)};")

print("// ---- EarlyStopping (test_early_stopping.cpp)")
class FakeModel:
    def __init__(self, metric=None):
        self.stop_training = False; self.w = None; self.restored = None
        if metric is not None:
            self.metrics = [compile_utils.MetricsList([metric])]
    def get_weights(self): return [self.w]
    def set_weights(self, w): self.restored = w[0]

def run_es(name, seq, monitor='loss', metric=None, **kw):
    cb = keras.callbacks.EarlyStopping(monitor=monitor, **kw)
    m = FakeModel(metric); cb.set_model(m)
    cb.on_train_begin()
    n = 0
    with warnings.catch_warnings(record=True) as wl:
        warnings.simplefilter('always')
        for e, v in enumerate(seq):
            m.w = e; n += 1
            cb.on_epoch_end(e, {monitor: v} if v is not None else {'loss': 0.0})
            if m.stop_training: break
        cb.on_train_end()
    print(f'{name}: ran={n} stopped={cb.stopped_epoch} best_epoch={cb.best_epoch} best={cb.best} wait={cb.wait} restored={m.restored} warnings={len(wl)}')

run_es('patience0', [1.0, 0.9, 0.95, 0.8])
run_es('patience2', [1.0, 0.9, 0.95, 0.92, 0.8, 0.7, 0.75, 0.72, 0.71], patience=2)
run_es('min_delta', [1.0, 0.95, 0.85, 0.8, 0.79], patience=1, min_delta=0.1)
run_es('neg_min_delta', [1.0, 0.95, 0.85, 0.8, 0.79], patience=1, min_delta=-0.1)
run_es('max', [0.5, 0.6, 0.55, 0.58, 0.7], monitor='accuracy', patience=1, mode='max')
run_es('auto_acc', [0.5, 0.6, 0.55, 0.58, 0.7], monitor='val_accuracy', patience=1, metric=keras.metrics.Accuracy())
run_es('auto_val_loss', [1.0, 0.9, 0.95, 0.8], monitor='val_loss')
run_es('min_on_acc', [0.5, 0.6, 0.55, 0.58, 0.7], monitor='accuracy', patience=1, mode='min')
run_es('baseline_min', [0.9, 0.8, 0.7, 0.6, 0.4, 0.3], patience=2, baseline=0.5, restore_best_weights=True)
run_es('baseline_min_beaten', [0.9, 0.4, 0.45, 0.3, 0.35, 0.36], patience=1, baseline=0.5, restore_best_weights=True)
run_es('baseline_max', [0.5, 0.6, 0.7, 0.65, 0.9], monitor='accuracy', mode='max', patience=2, baseline=0.8)
run_es('start_from', [1.0, 2.0, 3.0, 4.0, 3.5, 3.6], start_from_epoch=2)
run_es('start_from_restore', [1.0, 2.0, 3.0, 2.5, 3.5, 3.6], start_from_epoch=2, restore_best_weights=True, patience=1)
run_es('missing', [None, None, None], monitor='val_loss')
run_es('restore', [1.0, 0.5, 0.7, 0.8, 0.9], patience=1, restore_best_weights=True)
run_es('f32_equal', [1.0, 1.0 - 1e-9, 0.5])
run_es('nan', [1.0, nan, 0.9, nan, nan], patience=1)
run_es('epoch0', [0.9, 0.95], baseline=0.5)
run_es('unknown_mode', [1.0, 0.9, 0.95], mode='bogus')
try:
    run_es('auto_unknown', [1.0], monitor='foo')
except ValueError as e:
    print('auto_unknown error:', e)
