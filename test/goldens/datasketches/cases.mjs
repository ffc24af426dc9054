// Inputs of the datasketches-cpp goldens, regenerated identically by generate.mjs and by the tests
// (plain JS, no dependency on src/): a mulberry32 generator and the case list.

export function rng(seed) {
  let s = seed >>> 0;
  const next = () => {
    let t = (s = (s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return { next, int: (n) => Math.floor(next() * n) };
}

/** Numbers of a KLL part: { n, dist, seed } → array (values exactly representable in decimal output). */
export function kllValues({ n, dist = 'uniform', seed = 1 }) {
  const r = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = r.next(), v = r.next();
    let x;
    if (dist === 'uniform') x = u * 100;
    else if (dist === 'normal') x = Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * v);
    else if (dist === 'lognormal') x = Math.exp(Math.sqrt(-2 * Math.log(u + 1e-12)) * Math.cos(2 * Math.PI * v));
    else if (dist === 'int') x = Math.floor(u * 21);
    else if (dist === 'sorted') x = i;
    else if (dist === 'reversed') x = n - i;
    else throw new Error(dist);
    out[i] = x;
  }
  return out;
}

/** Strings of an FI/HLL part: { n, domain, hot, seed } (skewed; some non-ASCII). */
export function itemValues({ n, domain = 100, seed = 1 }) {
  const r = rng(seed);
  const out = new Array(n);
  for (let i = 0; i < n; i++) {
    const u = r.next();
    out[i] = u < 0.3 ? `hot${r.int(5)}` : u < 0.35 ? `é猫${r.int(7)}` : `k${Math.floor(Math.pow(r.next(), 2) * domain)}`;
  }
  return out;
}

export const KLL_CASES = [
  { name: 'double-k200', type: 'double', k: 200, parts: [
    { n: 1000, dist: 'uniform', seed: 1 }, { n: 1, seed: 2 }, { n: 0 }, { n: 5000, dist: 'normal', seed: 3 },
    { n: 37, dist: 'int', seed: 4 }, { n: 20000, dist: 'lognormal', seed: 5 }] },
  { name: 'float-k8', type: 'float', k: 8, parts: [
    { n: 9, seed: 6 }, { n: 100, dist: 'normal', seed: 7 }, { n: 3000, dist: 'uniform', seed: 8 }, { n: 2, seed: 9 }] },
  { name: 'double-k37-ties', type: 'double', k: 37, parts: [
    { n: 4000, dist: 'int', seed: 10 }, { n: 777, dist: 'sorted', seed: 11 }, { n: 10000, dist: 'reversed', seed: 12 }] },
  { name: 'float-k200', type: 'float', k: 200, parts: [
    { n: 50000, dist: 'lognormal', seed: 13 }, { n: 600, dist: 'uniform', seed: 14 }] },
];

export const KLL_PROBES = [-1, 0, 0.5, 1, 2.5, 5, 10, 20, 33.3, 50, 66.6, 90, 99, 1000, 1e6];

export const FI_CASES = [
  { name: 'lg7', lg: 7, parts: [{ n: 1000, domain: 100, seed: 21 }, { n: 20000, domain: 3000, seed: 22 }, { n: 5, domain: 5, seed: 23 }, { n: 3000, domain: 150, seed: 24 }] },
  { name: 'lg4', lg: 4, parts: [{ n: 1000, domain: 100, seed: 25 }, { n: 20000, domain: 3000, seed: 26 }] },
  { name: 'lg10', lg: 10, parts: [{ n: 30000, domain: 5000, seed: 27 }, { n: 100, domain: 10, seed: 28 }] },
];

export const HLL_CASES = [
  { name: 'lg10', lgK: 10, parts: [{ n: 1000, domain: 300, seed: 31 }, { n: 50, domain: 40, seed: 32 }, { n: 0 }, { n: 20000, domain: 15000, seed: 33 }, { n: 5, domain: 5, seed: 34 }] },
  { name: 'lg4', lgK: 4, parts: [{ n: 300, domain: 200, seed: 35 }, { n: 3, domain: 3, seed: 36 }] },
  { name: 'lg12', lgK: 12, parts: [{ n: 60000, domain: 40000, seed: 37 }, { n: 700, domain: 500, seed: 38 }] },
];

/** Many small device sketches merged in C++ vs in JS. */
export const MANY = { devices: 200, kll: { k: 200, n: 500 }, fi: { lg: 7, n: 300, domain: 400 }, hll: { lgK: 10, n: 300, domain: 5000 } };
export function manyKll(d) { return kllValues({ n: MANY.kll.n, dist: d % 3 === 0 ? 'normal' : 'uniform', seed: 1000 + d }); }
export function manyItems(d) { return itemValues({ n: MANY.fi.n, domain: MANY.fi.domain, seed: 2000 + d }); }
export function manyHll(d) { return itemValues({ n: MANY.hll.n, domain: MANY.hll.domain, seed: 3000 + d }); }
