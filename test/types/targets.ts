// Type-level checks of targets (issue 11): augment/augmentBatch `targets`, apply's third argument, convertBoxes.
import { createAugmenter, convertBoxes, type RawImage, type Targets, type TargetsResult, type BoxFormat } from 'edge-augment';

async function targetsUsage(image: RawImage, mask: RawImage): Promise<void> {
  const aug = await createAugmenter({ pipeline: [{ op: 'hflip' }] });
  const targets: Targets = { masks: [mask], boxes: { format: 'coco', boxes: [[1, 2, 3, 4]], labels: ['a'], minVisibility: 0.2 }, keypoints: { format: 'xya', points: [[1, 2, 30]] } };
  const [out] = await aug.augment(image, { targets });
  const moved: TargetsResult | undefined = out!.targets;
  const kept: number[] | undefined = moved?.boxes?.kept;
  const again = await aug.apply(image, out!.params, targets);
  const img: RawImage = again.image;
  const t: TargetsResult = again.targets;
  const plain: RawImage = await aug.apply(image, out!.params);
  const b = await aug.augmentBatch([image, image], { targets: [targets, undefined] });
  const f: BoxFormat | undefined = b.items[0]!.targets?.boxes?.format;
  const yolo: number[][] = convertBoxes([[1, 2, 3, 4]], 'pascal_voc', 'yolo', 10, 10);
  // @ts-expect-error an unknown box format
  await aug.augment(image, { targets: { boxes: { format: 'xyxy', boxes: [] } } });
  // @ts-expect-error convertBoxes needs the image size
  convertBoxes([[1, 2, 3, 4]], 'pascal_voc', 'yolo');
  void kept; void img; void t; void plain; void f; void yolo;
}
void targetsUsage;
