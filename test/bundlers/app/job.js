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

/** An op pipeline that needs the JPEG codec (MozJPEG encode + decode) in the page and in the workers. */
export const JPEG_PIPELINE = [{ op: 'jpeg', quality: [20, 40] }, { op: 'hflip', p: 0.5 }];

async function augmentWith(pkg, image, options, pipeline) {
  const aug = await pkg.createAugmenter({ ...(pipeline ? { pipeline } : { spec: SPEC }), seed: SEED, initTimeoutMs: 30_000, ...options });
  try {
    const results = await aug.augment(image, { variants: VARIANTS });
    return { hash: await sha256Hex(concat(results)), workers: aug.workers, threads: aug.info?.threads ?? null, backend: aug.info?.backend ?? null, note: aug.info?.note ?? null, results };
  } finally {
    await aug.close();
  }
}

/**
 * Runs everything; `threads`: ask the pool's tfjs for this many threads (pages under COOP/COEP);
 * `jpeg`: augment with {@link JPEG_PIPELINE} instead of the Keras spec.
 */
export async function runApp(pkg, image, { threads, jpeg } = {}) {
  const pipeline = jpeg ? JPEG_PIPELINE : undefined;
  const inline = await augmentWith(pkg, image, { workers: 0 }, pipeline);
  const pool = await augmentWith(pkg, image, { workers: 2, ...(threads ? { threads } : {}) }, pipeline);
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
