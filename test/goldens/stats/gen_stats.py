#!/usr/bin/python3
"""Writes the scipy 1.10 goldens for test/drift/stats (run with /usr/bin/python3, which has scipy).

    /usr/bin/python3 test/goldens/stats/gen_stats.py

Inputs are stored either literally (rounded to a few digits so they are exact in JSON) or, for the
large cases, as a recipe {"gen": "lcg", ...} that the tests expand the same way: a 32-bit LCG
(state = 1664525*state + 1013904223 mod 2^32), value = (sum of `terms` draws of state % mod − offset)
/ scale — an integer numerator over an integer, so both sides round it identically.
"""
import json
import math
import os
import warnings

import numpy as np
import scipy
from scipy import stats, special
from scipy.spatial import distance

warnings.filterwarnings("ignore")
assert scipy.__version__.startswith("1.10"), scipy.__version__
OUT = os.path.dirname(os.path.abspath(__file__))
rng = np.random.default_rng(20240601)


def lcg(seed, n, mod, terms=1, offset=0, scale=1):
    st = seed & 0xFFFFFFFF
    out = []
    for _ in range(n):
        acc = 0
        for _ in range(terms):
            st = (1664525 * st + 1013904223) & 0xFFFFFFFF
            acc += st % mod
        out.append((acc - offset) / scale)
    return {"gen": "lcg", "seed": seed, "n": n, "mod": mod, "terms": terms, "offset": offset, "scale": scale}, np.array(out)


def lit(x, digits=3):
    x = np.round(np.asarray(x, dtype=float), digits)
    return [float(v) for v in x], x


def f(x):
    x = float(x)
    if math.isnan(x):
        return "NaN"
    if math.isinf(x):
        return "Infinity" if x > 0 else "-Infinity"
    return x


def dump(name, obj):
    with open(os.path.join(OUT, name + ".json"), "w") as fh:
        json.dump(obj, fh, separators=(",", ":"))


def sample_pairs():
    """(kind, a_spec, a, b_spec, b) covering tiny, small, ties, unequal sizes, large, edge cases."""
    pairs = []
    for n1 in range(1, 6):
        for n2 in range(1, 6):
            a = lit(rng.normal(size=n1))
            b = lit(rng.normal(0.5, 1, size=n2))
            pairs.append(("tiny",) + a + b)
    for _ in range(12):
        n1, n2 = rng.integers(6, 60, size=2)
        a = lit(rng.normal(size=n1))
        b = lit(rng.normal(rng.uniform(-0.5, 1), rng.uniform(0.7, 1.5), size=n2))
        pairs.append(("small",) + a + b)
    for _ in range(8):
        n1, n2 = rng.integers(5, 80, size=2)
        a = lit(rng.integers(0, 6, size=n1), 0)
        b = lit(rng.integers(0, 7, size=n2), 0)
        pairs.append(("ties",) + a + b)
    for n1, n2 in [(7, 300), (300, 7), (13, 1000), (999, 1000), (250, 500)]:
        a = lit(rng.normal(size=n1))
        b = lit(rng.normal(0.2, 1, size=n2))
        pairs.append(("unequal",) + a + b)
    x = lit(rng.normal(size=20))
    pairs.append(("identical",) + x + x)
    pairs.append(("disjoint",) + lit(rng.uniform(0, 1, 15)) + lit(rng.uniform(2, 3, 12)))
    pairs.append(("constant",) + lit([1.0] * 6) + lit([1.0, 1.0, 2.0, 3.0]))
    pairs.append(("large",) + lcg(11, 5000, 100000, 3, 150000, 1000) + lcg(12, 4000, 100000, 3, 140000, 1000))
    pairs.append(("large",) + lcg(13, 5000, 1000, 1, 0, 100) + lcg(14, 5000, 1000, 1, 0, 100))
    return pairs


def gen_ks():
    cases = []
    for kind, sa, a, sb, b in sample_pairs():
        for method in ["auto", "exact", "asymp"]:
            for alt in ["two-sided", "less", "greater"]:
                if kind in ("tiny",) and method == "asymp" and alt != "two-sided":
                    continue
                r = stats.ks_2samp(a, b, alternative=alt, method=method)
                cases.append({"kind": kind, "a": sa, "b": sb, "method": method, "alternative": alt,
                              "statistic": f(r.statistic), "pvalue": f(r.pvalue),
                              "location": f(r.statistic_location), "sign": int(r.statistic_sign)})
    # > 10000: auto → asymp
    sa, a = lcg(21, 12000, 100000, 2, 100000, 1000)
    sb, b = lcg(22, 10500, 100000, 2, 99000, 1000)
    for alt in ["two-sided", "less", "greater"]:
        r = stats.ks_2samp(a, b, alternative=alt)
        cases.append({"kind": "asymp-large", "a": sa, "b": sb, "method": "auto", "alternative": alt,
                      "statistic": f(r.statistic), "pvalue": f(r.pvalue),
                      "location": f(r.statistic_location), "sign": int(r.statistic_sign)})
    dump("ks2samp", cases)

    # kstwo / smirnov directly
    kc = []
    for n in [1, 2, 3, 5, 10, 37, 100, 140, 141, 500, 1000, 5000, 20000, 50000]:
        xs = list(rng.uniform(0, 1, 5)) + list(rng.uniform(0, 3 / math.sqrt(n), 8)) + [1 / n, 0.5, 0.51]
        for x in xs:
            if x >= 1:
                continue
            kc.append({"n": n, "x": float(x), "sf": f(stats.kstwo.sf(x, n)), "cdf": f(stats.kstwo.cdf(x, n)),
                       "smirnov": f(special.smirnov(n, x))})
    dump("kstwo", kc)


def gen_chi2():
    cases = []
    for shape in [(2, 2)] * 10 + [(2, 3), (3, 3), (4, 2), (3, 5), (6, 4), (1, 4), (4, 1)] * 2:
        t = rng.integers(0, 30, size=shape)
        t[t.sum(axis=1) == 0, 0] = 1
        t[0, t.sum(axis=0) == 0] = 1
        for corr in [True, False]:
            r = stats.chi2_contingency(t, correction=corr)
            cases.append({"table": t.tolist(), "correction": corr, "statistic": f(r.statistic),
                          "pvalue": f(r.pvalue), "dof": int(r.dof), "expected": np.asarray(r.expected_freq).tolist()})
    # near-Yates edge: |o−e| < 0.5
    t = np.array([[10, 10], [10, 11]])
    r = stats.chi2_contingency(t)
    cases.append({"table": t.tolist(), "correction": True, "statistic": f(r.statistic), "pvalue": f(r.pvalue),
                  "dof": int(r.dof), "expected": np.asarray(r.expected_freq).tolist()})
    big = rng.integers(50, 5000, size=(8, 12))
    r = stats.chi2_contingency(big)
    cases.append({"table": big.tolist(), "correction": True, "statistic": f(r.statistic), "pvalue": f(r.pvalue),
                  "dof": int(r.dof), "expected": np.asarray(r.expected_freq).tolist()})
    gof = []
    for k in [2, 3, 5, 10, 40]:
        for _ in range(4):
            ref = rng.integers(1, 200, size=k)
            cur = rng.integers(0, 200, size=k)
            exp = ref * cur.sum() / ref.sum()
            r = stats.chisquare(cur, exp)
            gof.append({"observed": cur.tolist(), "expected": exp.tolist(), "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
            r = stats.chisquare(cur)
            gof.append({"observed": cur.tolist(), "expected": None, "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    dump("chi2", {"contingency": cases, "chisquare": gof})


def gen_cvm():
    cases = []
    for n1, n2 in [(2, 2), (2, 3), (3, 3), (4, 7), (5, 5), (9, 6), (10, 10), (12, 17), (20, 20), (20, 15), (21, 20), (30, 45), (200, 150)]:
        for kind in ["cont", "ties", "shift"]:
            if kind == "ties":
                a, b = lit(rng.integers(0, 5, n1), 0)[1], lit(rng.integers(0, 5, n2), 0)[1]
            else:
                a = lit(rng.normal(size=n1))[1]
                b = lit(rng.normal(0.8 if kind == "shift" else 0, 1, size=n2))[1]
            for method in ["auto", "asymptotic"] + (["exact"] if max(n1, n2) <= 20 else []):
                r = stats.cramervonmises_2samp(a, b, method=method)
                cases.append({"a": a.tolist(), "b": b.tolist(), "method": method, "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    x = lit(rng.normal(size=8))[1]
    r = stats.cramervonmises_2samp(x, x)
    cases.append({"a": x.tolist(), "b": x.tolist(), "method": "auto", "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    sa, a = lcg(31, 5000, 100000, 2, 100000, 1000)
    sb, b = lcg(32, 3000, 100000, 2, 95000, 1000)
    r = stats.cramervonmises_2samp(a, b)
    cases.append({"a": sa, "b": sb, "method": "auto", "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    dump("cvm", cases)


def gen_anderson():
    cases = []
    for sizes in [(2, 2), (3, 2), (5, 5), (10, 12), (20, 30, 25), (8, 8, 8, 8), (50, 40), (100, 120, 90)]:
        for kind in ["same", "shift", "ties"]:
            if kind == "ties":
                smp = [rng.integers(0, 6, n).astype(float) for n in sizes]
            else:
                smp = [np.round(rng.normal(0.6 * i if kind == "shift" else 0, 1, n), 3) for i, n in enumerate(sizes)]
            try:
                r = stats.anderson_ksamp(smp)
            except Exception:
                continue
            cases.append({"samples": [s.tolist() for s in smp], "statistic": f(r.statistic),
                          "critical": [float(c) for c in r.critical_values], "pvalue": f(r.significance_level)})
    sa, a = lcg(41, 5000, 100000, 2, 100000, 1000)
    sb, b = lcg(42, 4000, 100000, 2, 100500, 1000)
    r = stats.anderson_ksamp([a, b])
    cases.append({"samples": [sa, sb], "statistic": f(r.statistic), "critical": [float(c) for c in r.critical_values],
                  "pvalue": f(r.significance_level)})
    dump("anderson", cases)


def gen_mwu():
    cases = []
    for kind, sa, a, sb, b in sample_pairs():
        for alt in ["two-sided", "less", "greater"]:
            for method in ["auto", "asymptotic", "exact"]:
                if method == "exact" and len(a) * len(b) > 20000:
                    continue
                for cont in ([True, False] if method != "exact" else [True]):
                    r = stats.mannwhitneyu(a, b, alternative=alt, method=method, use_continuity=cont)
                    cases.append({"kind": kind, "a": sa, "b": sb, "alternative": alt, "method": method,
                                  "useContinuity": cont, "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    dump("mannwhitneyu", cases)


def gen_ttest():
    cases = []
    for kind, sa, a, sb, b in sample_pairs():
        if kind == "constant":
            continue
        for eq in [True, False]:
            for alt in ["two-sided", "less", "greater"]:
                r = stats.ttest_ind(a, b, equal_var=eq, alternative=alt)
                cases.append({"kind": kind, "a": sa, "b": sb, "equalVar": eq, "alternative": alt,
                              "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    dump("ttest", cases)


def gen_distances():
    cases = []
    for kind, sa, a, sb, b in sample_pairs():
        c = {"kind": kind, "a": sa, "b": sb, "wasserstein": f(stats.wasserstein_distance(a, b)),
             "energy": f(stats.energy_distance(a, b))}
        if len(a) <= 100 and len(b) <= 100:
            wa = np.round(rng.uniform(0, 3, len(a)), 2)
            wb = np.round(rng.uniform(0, 3, len(b)), 2)
            wa[0] += 0.5
            wb[0] += 0.5
            c.update({"wa": wa.tolist(), "wb": wb.tolist(),
                      "wassersteinW": f(stats.wasserstein_distance(a, b, wa, wb)),
                      "energyW": f(stats.energy_distance(a, b, wa, wb))})
        cases.append(c)
    dump("distances", cases)


def evidently_psi(p, q):
    p = np.asarray(p, float) / np.sum(p)
    q = np.asarray(q, float) / np.sum(q)
    out = []
    for v in (p, q):
        v = v.copy()
        nz = v[v != 0]
        fill = nz.min() / 10 ** 6 if nz.min() <= 0.0001 else 0.0001
        np.place(v, v == 0, fill)
        out.append(v)
    r, c = out
    return float(np.sum((c - r) * np.log(c / r)))


def gen_divergences():
    cases = []
    for k in [1, 2, 3, 5, 10, 50]:
        for kind in ["dense", "zeros", "counts"]:
            p = rng.uniform(0, 1, k)
            q = rng.uniform(0, 1, k)
            if kind == "zeros" and k > 2:
                p[rng.integers(0, k)] = 0
                q[rng.integers(0, k)] = 0
            if kind == "counts":
                p = rng.integers(1, 50, k).astype(float)
                q = rng.integers(0, 50, k).astype(float)
                q[0] += 1
            p = np.round(p, 4)
            q = np.round(q, 4)
            if p.sum() == 0 or q.sum() == 0:
                continue
            pn, qn = p / p.sum(), q / q.sum()
            cases.append({"p": p.tolist(), "q": q.tolist(),
                          "js": f(distance.jensenshannon(p, q)), "js2": f(distance.jensenshannon(p, q, base=2)),
                          "kl": f(stats.entropy(p, q)), "kl2": f(stats.entropy(p, q, base=2)),
                          "psi": f(evidently_psi(p, q)),
                          "hellinger": f(np.sqrt(0.5 * np.sum((np.sqrt(pn) - np.sqrt(qn)) ** 2))),
                          "linf": f(np.max(np.abs(pn - qn))), "tv": f(0.5 * np.sum(np.abs(pn - qn)))})
    dump("divergences", cases)


def mmd_numpy(X, Y, sigma=None):
    Z = np.vstack([X, Y])
    D = ((Z[:, None, :] - Z[None, :, :]) ** 2).sum(-1)
    m, n = len(X), len(Y)
    if sigma is None:
        iu = np.triu_indices(m, 1)
        sigma = float(np.sqrt(0.5 * np.median(D[:m, :m][iu])))
    K = np.exp(-D / (2 * sigma ** 2))
    kxx = (K[:m, :m].sum() - np.trace(K[:m, :m])) / (m * (m - 1))
    kyy = (K[m:, m:].sum() - np.trace(K[m:, m:])) / (n * (n - 1))
    kxy = K[:m, m:].sum() / (m * n)
    return float(kxx + kyy - 2 * kxy), sigma


def gen_mmd():
    cases = []
    for m, n, d, shift, sigma in [(2, 2, 1, 0, None), (5, 7, 3, 0, None), (20, 15, 4, 1.0, None), (30, 30, 8, 0, 1.5),
                                  (50, 40, 16, 0.3, None), (64, 80, 2, 0, None)]:
        X = np.round(rng.normal(size=(m, d)), 3)
        Y = np.round(rng.normal(shift, 1, size=(n, d)), 3)
        s, sg = mmd_numpy(X, Y, sigma)
        cases.append({"X": X.tolist(), "Y": Y.tolist(), "sigmaIn": sigma, "statistic": s, "sigma": sg})
    dump("mmd", cases)


def gen_special():
    c = []
    for a in [0.5, 1, 2.5, 7, 10, 33.5, 100, 1000, 12345.5]:
        for x in [a * r for r in [0.01, 0.3, 0.8, 0.97, 1.0, 1.05, 1.4, 3]] + [0.1, 2.0]:
            c.append({"fn": "gammainc", "args": [a, x], "want": f(special.gammainc(a, x))})
            c.append({"fn": "gammaincc", "args": [a, x], "want": f(special.gammaincc(a, x))})
    for x in [0.1, 0.5, 1.5, 2.5, 3.3, 9.99, 10, 57.2, 1e4 + 0.5, 1e7]:
        c.append({"fn": "lgamma", "args": [x], "want": f(special.gammaln(x))})
    for a, b in [(0.5, 0.5), (2, 3), (10, 20), (0.7, 40), (300, 400), (50, 0.5), (5, 1)]:
        for x in [0.01, 0.2, 0.5, 0.8, 0.99]:
            c.append({"fn": "betainc", "args": [a, b, x], "want": f(special.betainc(a, b, x))})
    for z in [-8, -3, -1, -0.2, 0, 0.3, 1, 1.96, 3, 5, 8, 12, 20, 30]:
        c.append({"fn": "normSf", "args": [z], "want": f(stats.norm.sf(z))})
        c.append({"fn": "normCdf", "args": [z], "want": f(stats.norm.cdf(z))})
    for p in [1e-300, 1e-20, 1e-10, 1e-4, 0.01, 0.025, 0.3, 0.5, 0.7, 0.975, 0.999, 1 - 1e-10]:
        c.append({"fn": "normPpf", "args": [p], "want": f(stats.norm.ppf(p))})
    for df in [1, 2, 3, 4.5, 10, 30, 100, 1000, 1e5]:
        for t in [-40, -5, -2.1, -0.7, 0.01, 0.5, 1.3, 2, 3.5, 9]:
            c.append({"fn": "tSf", "args": [t, df], "want": f(stats.t.sf(t, df))})
            c.append({"fn": "tCdf", "args": [t, df], "want": f(stats.t.cdf(t, df))})
    for k in [1, 2, 3, 7, 20, 99, 500]:
        for x in [0.001, 0.5, k * 0.7, k * 1.0, k + 3 * math.sqrt(2 * k), k * 5 + 10]:
            c.append({"fn": "chi2Sf", "args": [x, k], "want": f(stats.chi2.sf(x, k))})
            c.append({"fn": "chi2Cdf", "args": [x, k], "want": f(stats.chi2.cdf(x, k))})
    for nu in [0.25, 0.75, 1.25, 2]:
        for z in [0.001, 0.05, 0.5, 1, 3, 10, 50, 300, 700]:
            c.append({"fn": "besselK", "args": [nu, z], "want": f(special.kv(nu, z))})
    dump("special", c)


def err(fn):
    """The exception scipy raises, or None."""
    try:
        fn()
        return None
    except (ValueError, TypeError) as e:
        return type(e).__name__


def gen_extras():
    """Issue 13: infinities, argument validation and the options added in that issue."""
    out = {"infinities": [], "entropy": [], "validation": [], "chisquare": [], "ttest": [], "chi2nd": [], "anderson": [], "cvm": []}
    inf = float("inf")
    for u, v in [([1, 2, inf], [-inf, 1]), ([1, -inf, inf], [1, 1]), ([0, 1, 3], [5, 6, inf]), ([-inf, 0], [0, 1]),
                 ([inf, inf], [1, 2]), ([-inf, inf], [-inf, inf]), ([1, 2, 3], [inf]), ([0.5, -inf, 2, inf], [-inf, 3, 3])]:
        with np.errstate(all="ignore"):
            out["infinities"].append({"u": [f(x) for x in u], "v": [f(x) for x in v],
                                      "wasserstein": f(stats.wasserstein_distance(u, v)), "energy": f(stats.energy_distance(u, v))})
    for pk, qk, base in [([1, 1, 2, 4], None, None), ([1, 1, 2, 4], None, 2), ([0.2, 0, 0.8], None, 10), ([5], None, None),
                         ([1, 2, 3], [3, 2, 1], None), ([1, 2, 3], [3, 2, 1], 2), ([1, 0, 3], [0, 2, 1], None), ([1, 2], [1, 2], 1.0),
                         ([0.1] * 10, None, 1.5)]:
        with np.errstate(all="ignore"):
            want = stats.entropy(pk, qk, base=base)
        out["entropy"].append({"pk": pk, "qk": qk, "base": base, "want": f(want)})
    out["validation"] = [
        {"case": "entropy base -2", "error": err(lambda: stats.entropy([1, 2], [2, 1], base=-2))},
        {"case": "entropy base 0", "error": err(lambda: stats.entropy([1, 2], base=0))},
        {"case": "mannwhitneyu use_continuity 'ekki'", "error": err(lambda: stats.mannwhitneyu([1, 2, 3], [4, 5, 6], use_continuity="ekki"))},
        {"case": "ttest_ind trim 0.5", "error": err(lambda: stats.ttest_ind([1, 2, 3, 4], [2, 3, 4, 5], trim=0.5))},
        {"case": "ttest_ind trim + permutations", "error": err(lambda: stats.ttest_ind([1, 2, 3, 4], [2, 3, 4, 5], trim=0.2, permutations=10))},
        {"case": "ttest_ind nan_policy raise", "error": err(lambda: stats.ttest_ind([1, np.nan, 3], [2, 3, 4], nan_policy="raise"))},
        {"case": "chisquare scalar f_exp with a different sum", "error": err(lambda: stats.chisquare([10, 20, 30], 5))},
    ]
    for obs, fexp in [([10, 20, 30], 20), ([5, 5, 5, 5], 5.0), ([1, 2, 3, 4, 5], 3)]:
        r = stats.chisquare(obs, fexp)
        out["chisquare"].append({"observed": obs, "expected": fexp, "statistic": f(r.statistic), "pvalue": f(r.pvalue)})
    r0 = np.random.default_rng(1313)
    for i in range(10):
        a = np.round(r0.normal(0, 1, r0.integers(5, 30)), 3)
        b = np.round(r0.normal(0.4, 1.5, r0.integers(5, 30)), 3)
        if i % 3 == 0:
            a[0] = 12.0  # an outlier trimming removes
        for trim in [0.1, 0.2, 0.45]:
            for ev in [True, False]:
                res = stats.ttest_ind(a, b, trim=trim, equal_var=ev)
                out["ttest"].append({"a": [float(x) for x in a], "b": [float(x) for x in b], "trim": trim, "equalVar": ev,
                                     "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
    for i in range(4):
        a = np.round(r0.normal(0, 1, 6 + i), 2)
        b = np.round(r0.normal(0.8, 1, 5 + (i % 2)), 2)
        for alt in ["two-sided", "less", "greater"]:
            res = stats.ttest_ind(a, b, permutations=10**6, alternative=alt, equal_var=bool(i % 2))
            out["ttest"].append({"a": [float(x) for x in a], "b": [float(x) for x in b], "permutations": 10**6, "alternative": alt,
                                 "equalVar": bool(i % 2), "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
    for i in range(4):
        a = np.round(r0.normal(0, 1, 12), 3)
        b = np.round(r0.normal(0.3, 1, 9), 3)
        a[[2, 7]] = np.nan
        b[4] = np.nan
        for ev in [True, False]:
            res = stats.ttest_ind(a, b, nan_policy="omit", equal_var=ev)
            out["ttest"].append({"a": [f(x) for x in a], "b": [f(x) for x in b], "nanPolicy": "omit", "equalVar": ev,
                                 "statistic": f(res.statistic), "pvalue": f(res.pvalue)})
    tables = [
        [[10, 20], [20, 10]],
        [[12, 5, 7], [3, 14, 9], [6, 6, 11]],
        [[[5, 8], [3, 9]], [[7, 2], [6, 4]]],
        [[[10, 3, 4], [2, 8, 5]], [[4, 4, 9], [7, 1, 6]], [[3, 6, 2], [8, 5, 5]]],
        [[[[3, 4], [5, 2]], [[6, 1], [2, 7]]], [[[4, 4], [3, 3]], [[2, 5], [6, 2]]]],
        [[1, 0, 4], [3, 2, 0]],
    ]
    for t in tables:
        for lam in [None, "log-likelihood", "freeman-tukey", "mod-log-likelihood", "neyman", "cressie-read", 0.3, -1.7]:
            for corr in [True, False]:
                with np.errstate(all="ignore"):
                    try:
                        r = stats.chi2_contingency(t, correction=corr, lambda_=lam)
                    except ValueError:
                        continue
                out["chi2nd"].append({"table": t, "lambda": lam, "correction": corr, "statistic": f(r[0]), "pvalue": f(r[1]), "dof": int(r[2]),
                                      "expected": np.asarray(r[3]).ravel().tolist()})
    for i in range(8):
        k = 2 + i % 3
        samp = [np.round(r0.normal(0.2 * j, 1, r0.integers(5, 40)), 1 if i % 2 else 3) for j in range(k)]
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            res = stats.anderson_ksamp(samp, midrank=False)
        out["anderson"].append({"samples": [[float(x) for x in s_] for s_ in samp], "statistic": f(res.statistic),
                                "pvalue": f(res.significance_level), "criticalValues": [f(x) for x in res.critical_values]})
    from scipy.stats._hypotests import _cdf_cvm_inf
    for x in [0.01, 0.03, 0.1, 0.2, 0.4, 0.7, 1.0, 1.5, 2.5]:
        out["cvm"].append({"x": x, "cdf": f(_cdf_cvm_inf(x))})
    dump("extras", out)


if __name__ == "__main__":
    gen_extras()
    gen_special()
    gen_ks()
    gen_chi2()
    gen_cvm()
    gen_anderson()
    gen_mwu()
    gen_ttest()
    gen_distances()
    gen_divergences()
    gen_mmd()
    total = sum(os.path.getsize(os.path.join(OUT, p)) for p in os.listdir(OUT) if p.endswith(".json"))
    print(f"goldens: {total / 1e6:.2f} MB")
