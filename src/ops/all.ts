/**
 * Every op, one line each: `export { op as <name> }` from its folder's index.js (`./<folder>/index.js`). The registry reads
 * this module; nothing else needs to change to add an op.
 */
export { op as compose } from './compose/index.js';
export { op as oneOf } from './one-of/index.js';
export { op as someOf } from './some-of/index.js';
export { op as imageDataGenerator } from './image-data-generator/index.js';
export { op as hflip } from './hflip/index.js';
export { op as vflip } from './vflip/index.js';
export { op as rot90 } from './rot90/index.js';
export { op as transpose } from './transpose/index.js';
export { op as invert } from './invert/index.js';
export { op as boxBlur } from './box-blur/index.js';
export { op as coarseDropout } from './coarse-dropout/index.js';
export { op as downscale } from './downscale/index.js';
export { op as gaussianBlur } from './gaussian-blur/index.js';
export { op as gaussianNoise } from './gaussian-noise/index.js';
export { op as gridDropout } from './grid-dropout/index.js';
export { op as jpeg } from './jpeg/index.js';
export { op as motionBlur } from './motion-blur/index.js';
export { op as randomErasing } from './random-erasing/index.js';
export { op as saltPepper } from './salt-pepper/index.js';
export { op as shotNoise } from './shot-noise/index.js';
