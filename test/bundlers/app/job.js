/**
 * The bundler test app's job (plain ESM, no Node APIs): the seeded augmentation inline and with 2
 * workers (optionally 2 tfjs threads), and a drift check (reference profile of the source, monitor
 * of the outputs in 2 workers). Node runs the same function on the same package to get the truth.
 */
export const SPEC = { rotationRange: 50, widthShiftRange: 0.25, heightShiftRange: 0.25, shearRange: 0.2, zoomRange: 0.25, horizontalFlip: true };
export const SEED = 1234;
export const VARIANTS = 8;

export async function sha256Hex(bytes) {
  const d = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(d, (b) => b.toString(16).padStart(2, '0')).join('');
}

function concat(results) {
  const out = new Uint8Array(results.reduce((s, r) => s + r.image.data.length, 0));
  let o = 0;
  for (const r of results) { out.set(r.image.data, o); o += r.image.data.length; }
  return out;
}

async function augmentWith(pkg, image, options) {
  const aug = await pkg.createAugmenter({ spec: SPEC, seed: SEED, initTimeoutMs: 30_000, ...options });
  try {
    const results = await aug.augment(image, { variants: VARIANTS });
    return { hash: await sha256Hex(concat(results)), workers: aug.workers, threads: aug.info?.threads ?? null, backend: aug.info?.backend ?? null, note: aug.info?.note ?? null, results };
  } finally {
    await aug.close();
  }
}

/** Runs everything; `threads`: ask the pool's tfjs for this many threads (pages under COOP/COEP). */
export async function runApp(pkg, image, { threads } = {}) {
  const inline = await augmentWith(pkg, image, { workers: 0 });
  const pool = await augmentWith(pkg, image, { workers: 2, ...(threads ? { threads } : {}) });
  const reference = await pkg.buildProfile([image], { workers: 0 });
  const monitor = await pkg.createDriftMonitor({ reference, workers: 2 });
  let report;
  try {
    await monitor.update(pool.results.map((r) => r.image));
    report = (await monitor.report()).toJSON();
  } finally {
    await monitor.close();
  }
  const strip = ({ results, ...rest }) => rest;
  return {
    inline: strip(inline),
    pool: strip(pool),
    profileHash: await sha256Hex(new TextEncoder().encode(JSON.stringify(reference.toJSON()))),
    driftHash: await sha256Hex(new TextEncoder().encode(JSON.stringify(report))),
    datasetDrift: report.datasetDrift,
  };
}
