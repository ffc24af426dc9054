/**
 * Deterministic sin/cos. `Math.sin` is allowed to differ in the last bit between engines (V8 and
 * JavaScriptCore do differ); these use only +, −, ×, ÷ on doubles (exactly rounded by IEEE 754), so
 * every runtime computes the same matrix and hence the same output bytes. Accuracy ≈ 1e-16 absolute
 * for the angles an augmenter uses (|x| ≤ a few turns).
 */

const PI_2_HI = 1.5707963267341256; // π/2 split in two for Cody–Waite reduction
const PI_2_LO = 6.077100506506192e-11;
const TWO_OVER_PI = 0.6366197723675814;

function sinPoly(x: number): number {
  const x2 = x * x;
  return x + x * x2 * (-1.6666666666666632e-1 + x2 * (8.33333333332249e-3 + x2 * (-1.98412698298579e-4 + x2 * (2.75573137070700e-6 + x2 * (-2.50507602534068e-8 + x2 * 1.58969099521155e-10)))));
}

function cosPoly(x: number): number {
  const x2 = x * x;
  return 1 - 0.5 * x2 + x2 * x2 * (4.16666666666666e-2 + x2 * (-1.38888888888741e-3 + x2 * (2.48015872894767e-5 + x2 * (-2.75573143513906e-7 + x2 * (2.08757232129817e-9 + x2 * -1.13596475577881e-11)))));
}

/** Returns [sin x, cos x], deterministically. */
export function sincos(x: number): [number, number] {
  if (!Number.isFinite(x)) return [NaN, NaN];
  const k = Math.round(x * TWO_OVER_PI);
  const r = x - k * PI_2_HI - k * PI_2_LO;
  const s = sinPoly(r);
  const c = cosPoly(r);
  switch (((k % 4) + 4) % 4) {
    case 0: return [s, c];
    case 1: return [c, -s];
    case 2: return [-s, -c];
    default: return [-c, s];
  }
}

/** Degrees to radians (exactly as numpy's deg2rad: x · (π/180)). */
export function deg2rad(d: number): number {
  return d * (Math.PI / 180);
}
