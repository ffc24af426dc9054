/**
 * The benchmark case shared by scripts/kernel-speed.mjs and scripts/warp-microbench.mjs: a pull matrix
 * of rotation 25° + shear 8° + zoom (0.9, 1.15) about the centre, then a horizontal flip and a shift.
 */
export function matrixFor(w, h) {
  const th = (25 * Math.PI) / 180, sh = (8 * Math.PI) / 180, zx = 0.9, zy = 1.15;
  const c = Math.cos(th), s = Math.sin(th);
  // pull matrix (x, y) -> (sx, sy): rotate · shear · zoom about the centre, then horizontal flip
  let a = c * zx, b = (-s + c * -Math.sin(sh)) * zy, d = s * zx, e = (c + s * -Math.sin(sh)) * zy;
  a = -a; d = -d; // flip x
  const cx = w / 2 - 0.5, cy = h / 2 - 0.5;
  return [a, b, cx - a * cx - b * cy + 3.5, d, e, cy - d * cx - e * cy - 2.25];
}
