// wrangler hands *.wasm imports to the Worker as compiled modules (wrangler.toml [[rules]]).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}

// Other binary build outputs (the precompiled catalog) arrive as ArrayBuffers (Data modules).
declare module '*.bin' {
  const data: ArrayBuffer;
  export default data;
}
