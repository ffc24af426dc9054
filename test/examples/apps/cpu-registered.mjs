// An app that imported tfjs's cpu backend but never chose one, augmenting inline to a tensor.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { createAugmenter } from 'edge-augment';

const image = { data: new Uint8Array(8 * 8 * 3).map((_, i) => i * 7), width: 8, height: 8, channels: 3 };
const aug = await createAugmenter({ spec: { rotationRange: 10 }, workers: 0 });
const { tensor } = await aug.augmentBatch([image], { output: 'tensor' });
const onCpu = tf.engine().state.tensorInfo.get(tensor.dataId)?.backend === tf.findBackend('cpu');
const out = { backend: tf.getBackend(), tensorOnCpu: onCpu, registered: Object.keys(tf.engine().registryFactory).sort(), shape: tensor.shape };
await aug.close();
console.log(JSON.stringify(out));
