/**
 * Plain data types shared by every room of the SDK.
 */

/** Channels an interleaved u8 image may have. */
export type Channels = 1 | 3 | 4;

/**
 * An interleaved 8-bit image: `data[(y * width + x) * channels + c]`.
 * RGBA `ImageData` is a RawImage with `channels: 4`.
 */
export interface RawImage {
  data: Uint8Array | Uint8ClampedArray;
  width: number;
  height: number;
  channels: Channels;
}
