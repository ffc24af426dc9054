// Type-level checks of the public API, compiled with tsc (test/package/package.test.ts) against dist/types.
import {
  createAugmenter, EdgeAugmentError, buildProfile, createDriftMonitor, stats, parseKerasArgs,
  type AugmentParams, type RawImage, type DriftReport, type EdgeAugmentErrorCode,
} from 'edge-augment';

async function usage(image: RawImage): Promise<void> {
  const aug = await createAugmenter({ spec: { rotationRange: 10, zoomRange: [0.9, 1.1] }, seed: 1, workers: 'auto' });
  const outs = await aug.augment(image, { variants: 2 });
  const p: AugmentParams = outs[0]!.params;
  const raw = await aug.apply(image, { theta: 5, flip_horizontal: true });
  const w: number = raw.width;
  const t = await aug.augmentBatch([image], { output: 'tensor' });
  t.tensor.dispose();
  const r = await aug.augmentBatch([image]);
  const first: RawImage = r.items[0]!.image;
  await aug.augmentBatch([image], { transfer: true, variants: 2 });
  await aug.augment(image, { transfer: true });
  // @ts-expect-error transfer is a boolean
  await aug.augmentBatch([image], { transfer: 'yes' });
  // @ts-expect-error fillMode is a closed union
  await createAugmenter({ spec: { fillMode: 'mirror' } });
  // @ts-expect-error channels must be 1 | 3 | 4
  const bad: RawImage = { data: new Uint8Array(4), width: 1, height: 1, channels: 2 };
  const code: EdgeAugmentErrorCode = new EdgeAugmentError('INVALID_SPEC', 'x').code;
  const spec = parseKerasArgs('rotation_range=5').spec;
  const prof = await buildProfile([image], { features: 'image' });
  const mon = await createDriftMonitor({ reference: prof });
  const rep: DriftReport = await mon.report();
  const ks: number = stats.ks2samp([1, 2], [3, 4]).pvalue;
  void [p, w, first, bad, code, spec, rep, ks];
}
void usage;
