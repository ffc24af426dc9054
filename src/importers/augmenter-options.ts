/**
 * `createAugmenter({ torchvision | albumentations | keras3 })`: runs the matching importer. Kept apart from
 * the augmenter so the client imports one function.
 * @internal
 */
import { fromAlbumentations } from './albumentations.js';
import { fromKeras3 } from './keras3.js';
import { fromTorchvision } from './torchvision.js';
import type { ImportedPipeline } from './index.js';

export type { ImportedPipeline };

/** The imported pipeline of `options.torchvision | albumentations | keras3`, or null when none is given. */
export function importConfig(options: { torchvision?: unknown; albumentations?: unknown; keras3?: unknown }): ImportedPipeline | null {
  if (options.torchvision !== undefined) return fromTorchvision(options.torchvision);
  if (options.albumentations !== undefined) return fromAlbumentations(options.albumentations);
  if (options.keras3 !== undefined) return fromKeras3(options.keras3);
  return null;
}
