// Argon2id by libargon2, the reference C implementation, compiled to WebAssembly with SIMD
// (@phi-ag/argon2's argon2.wasm). The WebAssembly module comes precompiled from the host's loader
// ("#argon2-wasm" in package.json `imports`): Cloudflare Workers forbid compiling WebAssembly at
// run time, so there the bundler hands over the module; on Node the loader compiles the file.
// See ADR 0011.
//
// The package's own JavaScript wrapper takes the password as a string only; the pepper scheme
// hashes raw MAC bytes, so this file calls libargon2's C API (argon2_hash, argon2_verify) itself.
// The PHC encoding, its parsing and the constant-time comparison stay libargon2's.
import { loadArgon2Module } from "#argon2-wasm";

/** libargon2's C API as exported by the WebAssembly build (argon2.h). */
interface Argon2Exports {
	readonly memory: WebAssembly.Memory;
	_initialize(): void;
	malloc(size: number): number;
	free(pointer: number): void;
	argon2_hash(
		timeCost: number,
		memoryCost: number,
		parallelism: number,
		password: number,
		passwordLength: number,
		salt: number,
		saltLength: number,
		hash: number,
		hashLength: number,
		encoded: number,
		encodedLength: number,
		type: number,
		version: number,
	): number;
	argon2_verify(encoded: number, password: number, passwordLength: number, type: number): number;
	argon2_encodedlen(
		timeCost: number,
		memoryCost: number,
		parallelism: number,
		saltLength: number,
		hashLength: number,
		type: number,
	): number;
	argon2_error_message(code: number): number;
}

const ARGON2ID = 2;
const VERSION_13 = 0x13;
const ARGON2_OK = 0;
const ARGON2_VERIFY_MISMATCH = -35;
// Codes by which libargon2's decoder refuses a stored string (bad syntax, or parameters out of
// range): the hash is malformed, which is a mismatch, not a failure of the machine. Every other
// code (memory allocation above all) is an internal error.
const MALFORMED_HASH_CODES = new Set([
	-2, // output too short
	-3, // output too long
	-6, // salt too short
	-7, // salt too long
	-12, // time too small
	-13, // time too large
	-14, // memory too little
	-15, // memory too much
	-16, // lanes too few
	-17, // lanes too many
	-28, // threads too few
	-29, // threads too many
	-32, // decoding failed
	-34, // decoding length failed
]);

export interface Argon2idParameters {
	/** KiB. */
	readonly memorySize: number;
	readonly iterations: number;
	readonly parallelism: number;
	readonly hashLength: number;
}

/** libargon2 failed for another reason than a wrong password or a malformed hash. */
export class Argon2Error extends Error {
	override readonly name = "Argon2Error";
	constructor(
		readonly code: number,
		message: string,
	) {
		super(`Argon2id failed (${code}): ${message}`);
	}
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

/** One WebAssembly instance; its calls are synchronous, so requests never interleave inside it. */
class Argon2id {
	readonly #wasm: Argon2Exports;

	constructor(instance: WebAssembly.Instance) {
		this.#wasm = instance.exports as unknown as Argon2Exports;
		this.#wasm._initialize();
	}

	/** The PHC string ($argon2id$v=19$m=…,t=…,p=…$salt$hash) of `password` with `salt`. */
	hash(password: Uint8Array, salt: Uint8Array, parameters: Argon2idParameters): string {
		const { memorySize, iterations, parallelism, hashLength } = parameters;
		const wasm = this.#wasm;
		const encodedLength = wasm.argon2_encodedlen(
			iterations,
			memorySize,
			parallelism,
			salt.length,
			hashLength,
			ARGON2ID,
		);
		return this.#withHeap((allocate) => {
			const encoded = allocate(encodedLength);
			const code = wasm.argon2_hash(
				iterations,
				memorySize,
				parallelism,
				allocate(password),
				password.length,
				allocate(salt),
				salt.length,
				allocate(hashLength),
				hashLength,
				encoded,
				encodedLength,
				ARGON2ID,
				VERSION_13,
			);
			if (code !== ARGON2_OK) throw this.#error(code);
			return this.#cString(encoded);
		});
	}

	/** True on a match, false on a mismatch or a string libargon2 cannot decode; throws otherwise. */
	verify(encoded: string, password: Uint8Array): boolean {
		const wasm = this.#wasm;
		return this.#withHeap((allocate) => {
			const code = wasm.argon2_verify(
				allocate(encoder.encode(`${encoded}\0`)),
				allocate(password),
				password.length,
				ARGON2ID,
			);
			if (code === ARGON2_OK) return true;
			if (code === ARGON2_VERIFY_MISMATCH || MALFORMED_HASH_CODES.has(code)) return false;
			throw this.#error(code);
		});
	}

	/**
	 * Runs `use` with an allocator of the WebAssembly heap (an array is copied in, a number reserves
	 * that many bytes); everything allocated is wiped and freed afterwards, whatever happens: the
	 * heap outlives the request, and without a pepper the input is the password itself.
	 */
	#withHeap<T>(use: (allocate: (item: Uint8Array | number) => number) => T): T {
		const wasm = this.#wasm;
		const blocks: { pointer: number; size: number }[] = [];
		const allocate = (item: Uint8Array | number): number => {
			// malloc(0) may answer NULL, which libargon2 reads as a missing argument.
			const size = Math.max(typeof item === "number" ? item : item.length, 1);
			const pointer = wasm.malloc(size);
			if (pointer === 0) throw new Argon2Error(-22, "WebAssembly heap exhausted");
			blocks.push({ pointer, size });
			if (typeof item !== "number") new Uint8Array(wasm.memory.buffer).set(item, pointer);
			return pointer;
		};
		try {
			return use(allocate);
		} finally {
			for (const { pointer, size } of blocks) {
				new Uint8Array(wasm.memory.buffer, pointer, size).fill(0);
				wasm.free(pointer);
			}
		}
	}

	#cString(pointer: number): string {
		const heap = new Uint8Array(this.#wasm.memory.buffer);
		const end = heap.indexOf(0, pointer);
		return decoder.decode(heap.subarray(pointer, end));
	}

	#error(code: number): Argon2Error {
		return new Argon2Error(code, this.#cString(this.#wasm.argon2_error_message(code)));
	}
}

let loaded: Promise<Argon2id> | undefined;

async function instantiate(): Promise<Argon2id> {
	const module = await loadArgon2Module();
	return new Argon2id(await WebAssembly.instantiate(module, {}));
}

/**
 * Runs `use` on the isolate's Argon2id instance. A failed load is not kept (the next call tries
 * again), and an instance that trapped (out of memory, a bug) is dropped: its heap may be corrupt.
 */
export async function withArgon2id<T>(use: (argon2: Argon2id) => T): Promise<T> {
	loaded ??= instantiate();
	const current = loaded;
	let argon2: Argon2id;
	try {
		argon2 = await current;
	} catch (error) {
		if (loaded === current) loaded = undefined;
		throw error;
	}
	try {
		return use(argon2);
	} catch (error) {
		if (error instanceof WebAssembly.RuntimeError && loaded === current) loaded = undefined;
		throw error;
	}
}
