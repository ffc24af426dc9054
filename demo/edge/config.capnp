# workerd config for the edge-augment demo (run from the build folder made by build.mjs):
#   node demo/edge/build.mjs && node_modules/.bin/workerd serve demo/edge/build/config.capnp
# Every .wasm is a `wasm` module = CompiledWasm: workerd hands the worker a WebAssembly.Module.
using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [(name = "main", worker = .demoWorker)],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "main")],
);

const demoWorker :Workerd.Worker = (
  modules = [
    (name = "worker.js", esModule = embed "worker.js"),
    (name = "wasm/tfjs-backend-wasm.wasm", wasm = embed "wasm/tfjs-backend-wasm.wasm"),
    (name = "wasm/tfjs-backend-wasm-simd.wasm", wasm = embed "wasm/tfjs-backend-wasm-simd.wasm"),
    (name = "wasm/warp.wasm", wasm = embed "wasm/warp.wasm"),
    (name = "wasm/conv.wasm", wasm = embed "wasm/conv.wasm"),
    (name = "wasm/squoosh_png_bg.wasm", wasm = embed "wasm/squoosh_png_bg.wasm"),
    (name = "wasm/mozjpeg_dec.wasm", wasm = embed "wasm/mozjpeg_dec.wasm"),
    (name = "wasm/webp_dec.wasm", wasm = embed "wasm/webp_dec.wasm"),
    (name = "wasm/mozjpeg_enc.wasm", wasm = embed "wasm/mozjpeg_enc.wasm"),
  ],
  compatibilityDate = "2024-09-23",
);
