/**
 * Plain data types shared by every room of the SDK.
 */

/** Channels an interleaved u8 image may have. */
export type Channels = 1 | 3 | 4;

/**
 * An interleaved 8-bit image: `data[(y * width + x) * channels + c]`.
 * Inputs may also be an {@link ImageDataLike} (a browser `ImageData`): RGBA, `channels` 4.
 */
export interface RawImage {
  /** `width × height × channels` bytes, row-major, channels interleaved. */
  data: Uint8Array | Uint8ClampedArray;
  /** Pixels per row. */
  width: number;
  /** Rows. */
  height: number;
  /** 1 (grey), 3 (RGB) or 4 (RGBA). */
  channels: Channels;
}

/**
 * What a browser `ImageData` is — RGBA bytes without a `channels` field. Accepted wherever the SDK
 * takes a {@link RawImage} as input, as `channels: 4`.
 *
 * @example
 * ```ts
 * const frame = ctx.getImageData(0, 0, 224, 224);
 * const variants = await aug.augment(frame, { variants: 4 });
 * ```
 */
export interface ImageDataLike {
  /** `width × height × 4` RGBA bytes. */
  readonly data: Uint8ClampedArray;
  /** Pixels per row. */
  readonly width: number;
  /** Rows. */
  readonly height: number;
  /** Absent: an ImageData is always RGBA. */
  readonly channels?: undefined;
}

/** An image input: a {@link RawImage}, or an `ImageData` ({@link ImageDataLike}, RGBA). */
export type RawImageLike = RawImage | ImageDataLike;
