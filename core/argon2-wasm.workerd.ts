// The Argon2id WebAssembly on Cloudflare Workers: workerd forbids compiling WebAssembly at run
// time, so the module is imported and wrangler's bundler uploads it as a compiled module
// (its default CompiledWasm rule for *.wasm). Chosen by the "workerd" condition of
// "#argon2-wasm" in package.json `imports`, which wrangler's esbuild resolves (ADR 0011).
import argon2Wasm from "@phi-ag/argon2/argon2.wasm";

export async function loadArgon2Module(): Promise<WebAssembly.Module> {
	return argon2Wasm;
}
