// wrangler hands *.wasm imports to the Worker as compiled modules (wrangler.toml [[rules]]).
declare module '*.wasm' {
  const module: WebAssembly.Module;
  export default module;
}
