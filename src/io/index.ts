/**
 * The io room: images in and out (sniff, decode, encode, normalise, resize), folder datasets with
 * Keras `flow_from_directory` semantics, and upload manifests. Explicit named exports only.
 */
export { sniffImage, detectFormat, mimeTypeOf, assertPixelBudget, readExifOrientation, DEFAULT_MAX_PIXELS } from './sniff.js';
export type { ImageFormat, ExifOrientation, ImageHeader, SniffOptions } from './sniff.js';
export { decodeImage, decodeMany, toBytes } from './decode.js';
export type { EncodedInput, DecodeOptions, DecodeResult, DecodeManyOptions } from './decode.js';
export { encodeImage, encodeImageToBlob } from './encode.js';
export type { EncodeFormat, EncodeOptions } from './encode.js';
export { setCodecModules, resetCodecs, CODEC_WASM_FILES } from './codecs.js';
export type { CodecModules, CodecName } from './codecs.js';
export { toRawImage } from './raw.js';
export type { ImageInput, TensorLike, ToRawImageOptions } from './raw.js';
export { validateRawImage, convertChannels } from './pixels.js';
export { applyOrientation } from './orientation.js';
export { resizeRawImage } from './resize.js';
export type { ResizeMethod } from './resize.js';
export {
  listDirectory, makeLabel, shuffleIndices, splitBounds, readDatasetFile, comparePython, KERAS_IMAGE_EXTENSIONS,
} from './directory.js';
export type {
  ClassMode, DirectorySource, DirectoryHandleLike, FileHandleLike, RelativeFileLike, ListDirectoryOptions, DatasetFile, DirectoryListing,
} from './directory.js';
export {
  sha256Hex, createManifest, addManifestSource, addManifestVariant, validateManifest, verifyVariant, MANIFEST_FORMAT_VERSION,
} from './manifest.js';
export type { UploadManifest, ManifestSource, ManifestVariant } from './manifest.js';
