// Type-level checks: a browser ImageData is accepted wherever the SDK takes an input image (outside
// the augmenter's methods, whose signatures live in src/client/augmenter.ts — see the report).
import {
  buildProfile, createDriftMonitor, extractImageFeatures, computeFeaturewiseStats, encodeImage, resizeRawImage, convertChannels,
  type RawImage, type RawImageLike, type ImageDataLike,
} from 'edge-augment';

async function withImageData(frame: ImageData, raw: RawImage): Promise<void> {
  const asLike: ImageDataLike = frame;
  const both: RawImageLike[] = [frame, raw, asLike];
  await buildProfile([frame, frame]);
  await buildProfile(both, { workers: 2 });
  const monitor = await createDriftMonitor({ reference: await buildProfile([raw]) });
  await monitor.update([frame]);
  await extractImageFeatures([frame]);
  computeFeaturewiseStats([frame], 1 / 255);
  await encodeImage(frame, { format: 'png' });
  const small: RawImage = resizeRawImage(frame, 8, 8);
  const rgb: RawImage = convertChannels(frame, 3);
  void small; void rgb;
  // @ts-expect-error an ImageData-like needs Uint8ClampedArray data
  const bad: ImageDataLike = { data: new Float32Array(4), width: 1, height: 1 };
  void bad;
}
void withImageData;
