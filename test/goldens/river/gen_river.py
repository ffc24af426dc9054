#!/usr/bin/python3
"""Goldens for the streaming detectors (src/drift/online), from River's own detector code.

    /usr/bin/python3 test/goldens/river/gen_river.py            # writes river.json
    RIVER_ADWIN_RS=/path/to/river/rust_src/adwin.rs /usr/bin/python3 test/goldens/river/gen_river.py
                                                                # also builds River's Rust ADWIN core
                                                                # with rustc and asserts it agrees

River cannot be pip-installed here (only Debian packages and npm are reachable), so the oracle is
River's code transliterated line by line, keeping every floating-point operation in River's order:

* ADWIN: River's core `rust_src/adwin.rs` (online-ml/river @ b12bc5d; same arithmetic as the last
  Cython `adwin_c.pyx`), wrapped as `river/drift/adwin.py` does: `update` begins with
  `if self._drift_detected: self._reset()`, so the update after a drift starts from an empty window.
  With RIVER_ADWIN_RS set, the Rust file itself is compiled (serde derives stripped, a stdin/stdout
  harness appended, see adwin_harness.rs) and must give the same detections on every stream — this
  was run when the goldens were written (rustc 1.95).
* PageHinkley: `river/drift/page_hinkley.py` (mode 'both', min/max of the cumulative sums).
* DDM: `river/drift/binary/ddm.py` with `river/stats/mean.py`'s Mean.
* KSWIN: `river/drift/kswin.py` with scipy's ks_2samp (Debian scipy 1.10, method 'auto'). Its draws
  come from Python's `random.Random(seed).sample`, which our counter-based generator does not
  reproduce, so the goldens also record every draw (the indices into the older part of the window);
  the test replays them into our Kswin and demands the same detections, D and p.

Streams are stored as integers k (value = k / 1000, correctly rounded on both sides) or bit strings.
"""
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import warnings

from scipy import stats

OUT = os.path.dirname(os.path.abspath(__file__))


# ----------------------------------------------------------------------------------------- ADWIN
class Bucket:
    def __init__(self, max_size):
        self.max_size = max_size
        self.current_idx = 0
        self.totals = [0.0] * (max_size + 1)
        self.variances = [0.0] * (max_size + 1)

    def insert_data(self, value, variance):
        self.totals[self.current_idx] = value
        self.variances[self.current_idx] = variance
        self.current_idx += 1

    def compress(self, n_elements):
        remaining = self.current_idx - n_elements
        if remaining > 0:
            self.totals[0:remaining] = self.totals[n_elements:self.current_idx]
            self.variances[0:remaining] = self.variances[n_elements:self.current_idx]
        for i in range(remaining, self.current_idx):
            self.totals[i] = 0.0
            self.variances[i] = 0.0
        self.current_idx -= n_elements


class AdaptiveWindowing:
    def __init__(self, delta=0.002, clock=32, max_buckets=5, min_window_length=5, grace_period=10):
        self.delta = delta
        self.clock = clock
        self.max_buckets = max_buckets
        self.min_window_length = float(min_window_length)
        self.grace_period = float(grace_period)
        self.total = 0.0
        self.variance = 0.0
        self.width = 0.0
        self.tick = 0
        self.bucket_list = [Bucket(max_buckets)]

    def update(self, value):
        self.insert_element(float(value), 0.0)
        return self.detect_change()

    def insert_element(self, value, variance):
        self.bucket_list[0].insert_data(value, variance)
        self.width += 1.0
        incremental_variance = 0.0
        if self.width > 1.0:
            delta_v = value - self.total / (self.width - 1.0)
            incremental_variance = (self.width - 1.0) * delta_v * delta_v / self.width
        self.variance += incremental_variance
        self.total += value
        self.compress_buckets()

    def delete_element(self):
        last = len(self.bucket_list) - 1
        n = float(1 << last)
        b = self.bucket_list[last]
        u, v = b.totals[0], b.variances[0]
        mu = u / n
        self.width -= n
        self.total -= u
        mu_window = self.total / self.width
        inc = v + n * self.width * (mu - mu_window) * (mu - mu_window) / (n + self.width)
        self.variance -= inc
        b.compress(1)
        if b.current_idx == 0:
            self.bucket_list.pop()
        return n

    def compress_buckets(self):
        idx = 0
        while True:
            b = self.bucket_list[idx]
            if b.current_idx != self.max_buckets + 1:
                break
            n1 = float(1 << idx)
            t0, t1 = b.totals[0], b.totals[1]
            v0, v1 = b.variances[0], b.variances[1]
            mu1 = t0 / n1
            mu2 = t1 / n1
            total12 = t0 + t1
            temp = n1 * 0.5 * (mu1 - mu2) * (mu1 - mu2)
            v12 = v0 + v1 + temp
            if idx + 1 >= len(self.bucket_list):
                self.bucket_list.append(Bucket(self.max_buckets))
            self.bucket_list[idx + 1].insert_data(total12, v12)
            b.compress(2)
            if self.bucket_list[idx + 1].current_idx <= self.max_buckets:
                break
            idx += 1

    def detect_change(self):
        change_detected = False
        self.tick += 1
        if self.tick % self.clock == 0 and self.width > self.grace_period:
            reduce_width = True
            while reduce_width:
                reduce_width = False
                exit_flag = False
                n0, n1, u0, u1 = 0.0, self.width, 0.0, self.total
                for idx in range(len(self.bucket_list) - 1, -1, -1):
                    if exit_flag:
                        break
                    size = float(1 << idx)
                    b = self.bucket_list[idx]
                    cur = b.current_idx
                    cut = False
                    for k in range(cur):
                        n0 += size
                        n1 -= size
                        t = b.totals[k]
                        u0 += t
                        u1 -= t
                        if idx == 0 and k == cur - 1:
                            exit_flag = True
                            break
                        delta_mean = (u0 / n0) - (u1 / n1)
                        if n1 >= self.min_window_length and n0 >= self.min_window_length and self.evaluate_cut(n0, n1, delta_mean):
                            reduce_width = True
                            change_detected = True
                            if self.width > 0.0:
                                self.delete_element()
                                cut = True
                                break
                    if cut:
                        break
        return change_detected

    def evaluate_cut(self, n0, n1, delta_mean):
        delta_prime = math.log(2.0 * math.log(self.width) / self.delta)
        m_recip = 1.0 / (n0 - self.min_window_length + 1.0) + 1.0 / (n1 - self.min_window_length + 1.0)
        epsilon = math.sqrt(2.0 * m_recip * (self.variance / self.width) * delta_prime) + 2.0 / 3.0 * delta_prime * m_recip
        return abs(delta_mean) > epsilon


class ADWIN:  # river/drift/adwin.py
    def __init__(self, **kw):
        self.kw = kw
        self._reset()

    def _reset(self):
        self.drift_detected = False
        self._helper = AdaptiveWindowing(**self.kw)

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self.drift_detected = self._helper.update(x)


# ----------------------------------------------------------------------------------- PageHinkley
class Mean:  # river/stats/mean.py
    def __init__(self):
        self.n = 0
        self.mean = 0.0

    def update(self, x, w=1.0):
        self.n += w
        if self.n > 0:
            self.mean += w * (x - self.mean) / self.n


class PageHinkley:
    def __init__(self, min_instances=30, delta=0.005, threshold=50.0, alpha=1 - 0.0001, mode="both"):
        self.min_instances, self.delta, self.threshold, self.alpha, self.mode = min_instances, delta, threshold, alpha, mode
        self._reset()

    def _reset(self):
        self.drift_detected = False
        self._x_mean = Mean()
        self._sum_increase = 0.0
        self._sum_decrease = 0.0
        self._min_increase = float("inf")
        self._max_decrease = -1

    def _test(self, inc, dec):
        if self.mode == "up":
            return inc > self.threshold
        if self.mode == "down":
            return dec > self.threshold
        return inc > self.threshold or dec > self.threshold

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._x_mean.update(x)
        dev = x - self._x_mean.mean
        self._sum_increase = self.alpha * self._sum_increase + dev - self.delta
        self._sum_decrease = self.alpha * self._sum_decrease + dev + self.delta
        if self._sum_increase < self._min_increase:
            self._min_increase = self._sum_increase
        if self._sum_decrease > self._max_decrease:
            self._max_decrease = self._sum_decrease
        if self._x_mean.n >= self.min_instances:
            self.drift_detected = self._test(self._sum_increase - self._min_increase, self._max_decrease - self._sum_decrease)


# ------------------------------------------------------------------------------------------- DDM
class DDM:
    def __init__(self, warm_start=30, warning_threshold=2.0, drift_threshold=3.0):
        self.warm_start, self.warning_threshold, self.drift_threshold = warm_start, warning_threshold, drift_threshold
        self.drift_detected = False
        self._reset()

    def _reset(self):
        self.drift_detected = False
        self.warning_detected = False
        self._p = Mean()
        self._p_min = None
        self._s_min = None
        self._ps_min = float("inf")

    def update(self, x):
        if self.drift_detected:
            self._reset()
        self._p.update(x)
        p_i = self._p.mean
        n = self._p.n
        s_i = math.sqrt(p_i * (1 - p_i) / n)
        if n > self.warm_start:
            if p_i + s_i <= self._ps_min:
                self._p_min = p_i
                self._s_min = s_i
                self._ps_min = self._p_min + self._s_min
            self.warning_detected = p_i + s_i > self._p_min + self.warning_threshold * self._s_min
            if p_i + s_i > self._p_min + self.drift_threshold * self._s_min:
                self.drift_detected = True
                self.warning_detected = False


# ----------------------------------------------------------------------------------------- KSWIN
class KSWIN:
    def __init__(self, alpha=0.005, window_size=100, stat_size=30, seed=None):
        self.alpha, self.window_size, self.stat_size, self.seed = alpha, window_size, stat_size, seed
        self.drift_detected = False
        self.draws = []  # recorded: every sample River draws, in order
        self.tests = []  # recorded: (step, D, p) of every test
        self._reset()

    def _reset(self):
        self.drift_detected = False
        self.p_value = 0
        self.window = []
        self._rng = random.Random(self.seed)

    def update(self, x, step):
        if self.drift_detected:
            self._reset()
        self.window.append(x)
        if len(self.window) > self.window_size:
            self.window.pop(0)
        if len(self.window) >= self.window_size:
            idx = self._rng.sample(range(self.window_size - self.stat_size), self.stat_size)
            self.draws.append(idx)
            rnd_window = [self.window[r] for r in idx]
            most_recent = self.window[self.window_size - self.stat_size:]
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                st, self.p_value = stats.ks_2samp(rnd_window, most_recent, method="auto")
            self.tests.append([step, float(st), float(self.p_value)])
            if self.p_value <= self.alpha and st > 0.1:
                self.drift_detected = True
                self.window = most_recent
            else:
                self.drift_detected = False
        else:
            self.drift_detected = False


# --------------------------------------------------------------------------------------- streams
def q(x):
    return int(round(x * 1000))


def real_streams():
    out = []

    def add(name, ks):
        out.append({"name": name, "k": ks})

    r = random.Random(1)
    add("normal 0->3 at 2000", [q(r.gauss(0, 1)) for _ in range(2000)] + [q(r.gauss(3, 1)) for _ in range(2000)])
    r = random.Random(2)
    add("normal 0->0.5 at 2000", [q(r.gauss(0, 1)) for _ in range(2000)] + [q(r.gauss(0.5, 1)) for _ in range(2000)])
    r = random.Random(3)
    add("normal 0->1->0", [q(r.gauss(0, 1)) for _ in range(1500)] + [q(r.gauss(1, 1)) for _ in range(1500)] + [q(r.gauss(0, 1)) for _ in range(1500)])
    r = random.Random(4)
    add("slow ramp 0->3", [q(3 * t / 4000 + r.gauss(0, 1)) for t in range(4000)])
    r = random.Random(5)
    add("variance 1->3", [q(r.gauss(0, 1)) for _ in range(2000)] + [q(r.gauss(0, 3)) for _ in range(2000)])
    add("constant 1", [1000] * 4000)
    r = random.Random(7)
    add("uniform stationary", [q(r.random()) for _ in range(5000)])
    r = random.Random(12345)
    add("river doc: {0,1} then {4..7}", [1000 * v for v in r.choices([0, 1], k=1000) + r.choices(range(4, 8), k=1000)])
    r = random.Random(42)
    add("four segments", [1000 * v for v in r.choices([0, 1], k=1000) + r.choices(range(4, 8), k=1000) + r.choices([0, 1], k=1000) + r.choices(range(4, 8), k=1000)])
    r = random.Random(10)
    add("exponential rate 1->0.5", [q(r.expovariate(1)) for _ in range(2000)] + [q(r.expovariate(0.5)) for _ in range(2000)])
    r = random.Random(11)
    add("small scale 0.2->0.4", [q(0.2 + 0.1 * r.gauss(0, 1)) for _ in range(2000)] + [q(0.4 + 0.1 * r.gauss(0, 1)) for _ in range(2000)])
    add("sawtooth", [q((t % 200) / 200) for t in range(4000)])
    for s in range(8):
        r = random.Random(100 + s)
        ks = []
        for _seg in range(r.randint(2, 5)):
            mu, sd = r.uniform(-2, 2), r.uniform(0.2, 1.5)
            ks += [q(r.gauss(mu, sd)) for _ in range(r.randint(300, 1500))]
        add(f"piecewise #{s}", ks)
    add("alternating 0/1", [1000 * (t % 2) for t in range(3000)])
    r = random.Random(21)
    add("large values 1000->1003", [q(1000 + r.gauss(0, 2)) for _ in range(2000)] + [q(1003 + r.gauss(0, 2)) for _ in range(2000)])
    r = random.Random(22)
    add("negative shift down", [q(-5 + r.gauss(0, 1)) for _ in range(2000)] + [q(-6 + r.gauss(0, 1)) for _ in range(2000)])
    r = random.Random(23)
    add("bernoulli 0.2->0.6", [1000 * (r.random() < 0.2) for _ in range(2000)] + [1000 * (r.random() < 0.6) for _ in range(2000)])
    return out


def bit_streams():
    out = []
    for s in range(22):
        r = random.Random(500 + s)
        bits = []
        for _seg in range(r.randint(1, 4)):
            p = r.uniform(0.02, 0.6)
            bits += [1 if r.random() < p else 0 for _ in range(r.randint(300, 2000))]
        out.append({"name": f"bernoulli segments #{s}", "bits": "".join(map(str, bits))})
    r = random.Random(42)  # River's DDM docstring example
    doc = r.choices([0, 1], k=1000) + r.choices([0, 1], k=1000, weights=[0.3, 0.7])
    out.append({"name": "river doc (DDM)", "bits": "".join(map(str, doc))})
    return out


def kswin_streams():
    out = []
    r = random.Random(12345)
    out.append({"name": "river doc: {0,1} then {4..7}", "k": [1000 * v for v in r.choices([0, 1], k=1000) + r.choices(range(4, 8), k=1000)], "seed": 42, "alpha": 0.0001})
    for s in range(9):
        r = random.Random(700 + s)
        ks = []
        for _seg in range(r.randint(2, 4)):
            mu, sd = r.uniform(-1.5, 1.5), r.uniform(0.3, 1.5)
            ks += [q(r.gauss(mu, sd)) for _ in range(r.randint(250, 600))]
        out.append({"name": f"kswin piecewise #{s}", "k": ks, "seed": s + 1, "alpha": 0.005})
    return out


def detections(det, xs):
    d = []
    for i, x in enumerate(xs):
        det.update(x)
        if det.drift_detected:
            d.append(i)
    return d


def main():
    reals = real_streams()
    for s in reals:
        xs = [k / 1000 for k in s["k"]]
        s["adwin"] = detections(ADWIN(), xs)
        s["adwinClock1"] = detections(ADWIN(clock=1, delta=0.01), xs)
        s["pageHinkley"] = detections(PageHinkley(), xs)
        s["pageHinkleyUp"] = detections(PageHinkley(mode="up", threshold=20), xs)
    bits = bit_streams()
    for s in bits:
        ddm = DDM()
        drift, warn = [], []
        for i, ch in enumerate(s["bits"]):
            ddm.update(int(ch))
            if ddm.drift_detected:
                drift.append(i)
            if ddm.warning_detected:
                warn.append(i)
        s["ddmDrift"], s["ddmWarning"] = drift, warn
        xs = [int(ch) for ch in s["bits"]]
        s["adwin"] = detections(ADWIN(), xs)
    kss = kswin_streams()
    for s in kss:
        k = KSWIN(alpha=s["alpha"], seed=s["seed"])
        d = []
        for i, v in enumerate(s["k"]):
            k.update(v / 1000, i)
            if k.drift_detected:
                d.append(i)
        s["kswin"] = d
        s["draws"] = ["".join(chr(48 + j) for j in idx) for idx in k.draws]
        # D and p of every 10th test and of every test that fired (the file stays small)
        s["tests"] = [t for j, t in enumerate(k.tests) if j % 10 == 0 or t[0] in d]

    rs = os.environ.get("RIVER_ADWIN_RS")
    if rs:
        check_rust(rs, reals, bits)

    with open(os.path.join(OUT, "river.json"), "w") as f:
        json.dump({"real": reals, "bits": bits, "kswin": kss}, f, separators=(",", ":"))
    n_adwin = sum(len(s["adwin"]) for s in reals)
    print(f"{len(reals)} real streams ({n_adwin} ADWIN detections), {len(bits)} bit streams, {len(kss)} KSWIN streams")


def check_rust(path, reals, bits):
    """Compiles River's adwin.rs (serde derives removed) with adwin_harness.rs and compares."""
    src = open(path).read()
    src = src.replace("use serde::{Deserialize, Serialize};", "").replace("#[derive(Clone, Debug, Serialize, Deserialize)]", "#[derive(Clone, Debug)]")
    src = src.split("#[cfg(test)]")[0]
    harness = open(os.path.join(OUT, "adwin_harness.rs")).read()
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "main.rs"), "w") as f:
            f.write(src + "\n" + harness)
        exe = os.path.join(d, "adwin")
        subprocess.run(["rustc", "-O", "-A", "dead_code", "-o", exe, os.path.join(d, "main.rs")], check=True)
        cases = [(s["name"], [k / 1000 for k in s["k"]], s["adwin"], (0.002, 32)) for s in reals]
        cases += [(s["name"] + " clock1", [k / 1000 for k in s["k"]], s["adwinClock1"], (0.01, 1)) for s in reals]
        cases += [(s["name"], [float(c) for c in s["bits"]], s["adwin"], (0.002, 32)) for s in bits]
        for name, xs, expected, (delta, clock) in cases:
            inp = f"{delta} {clock}\n" + "\n".join(repr(x) for x in xs) + "\n"
            res = subprocess.run([exe], input=inp, capture_output=True, text=True, check=True).stdout.split()
            got = [int(v) for v in res]
            if got != expected:
                sys.exit(f"Rust core disagrees on {name}: {got[:10]} vs {expected[:10]}")
    print(f"River's Rust ADWIN core agrees on all {len(cases)} ADWIN runs")


if __name__ == "__main__":
    main()
