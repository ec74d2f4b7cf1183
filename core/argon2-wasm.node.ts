// The Argon2id WebAssembly on Node (and tsx, vitest): compiled from the package's file. Chosen by
// the default condition of "#argon2-wasm" in package.json `imports` (ADR 0011).
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";

export async function loadArgon2Module(): Promise<WebAssembly.Module> {
	const path = createRequire(import.meta.url).resolve("@phi-ag/argon2/argon2.wasm");
	return WebAssembly.compile(await readFile(path));
}
