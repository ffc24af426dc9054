/**
 * Every op, one line each: `export { op as <name> } from './<folder>/index.js';`. The registry reads
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
export { op as corruption } from './corruption/index.js';
