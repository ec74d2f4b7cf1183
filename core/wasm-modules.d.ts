// A `.wasm` import is a compiled WebAssembly.Module under wrangler's bundler (CompiledWasm rule).
declare module "*.wasm" {
	const module: WebAssembly.Module;
	export default module;
}
