// Known answers of the password module, shared by its tests on Node and in workerd.

/** The pepper of the tests (a SESSION_PEPPER of the required length). */
export const KNOWN_PEPPER = "test-pepper-of-at-least-32-characters";

/**
 * Made by the previous implementation (hash-wasm 4.13, before ADR 0011) with the salt of
 * `hashWasmSalt`: hashes stored then (demo seeds, real accounts) must keep verifying.
 */
export const HASH_WASM = {
	password: "Mot de passe déjà utilisé — ünïcödé 🔐",
	peppered:
		"$argon2id$v=19$m=19456,t=2,p=1$CzBVep/E6Q4zWH2ix+wRNg$GqiX8MuQ0KI1avM6SdgUJeUWImlB/S0dubcC5l0m1Sk",
	unpeppered:
		"$argon2id$v=19$m=19456,t=2,p=1$CzBVep/E6Q4zWH2ix+wRNg$GyiGPMHqoE8MBXnJSosR5Ss7xfBCZaMIvPRMboFaYwE",
} as const;

export function hashWasmSalt(length: number): Uint8Array {
	return Uint8Array.from({ length }, (_, i) => (i * 37 + 11) % 256);
}

/**
 * Argon2id version 0x13 vectors of the reference implementation's own tests (phc-winner-argon2,
 * src/test.c): password "password", salt "somesalt", no secret, no associated data. RFC 9106's
 * vector uses a secret and associated data, which the password module never passes.
 */
export const REFERENCE_VECTORS = [
	{
		m: 65536,
		t: 2,
		p: 1,
		phc: "$argon2id$v=19$m=65536,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc",
	},
	{
		m: 65536,
		t: 1,
		p: 1,
		phc: "$argon2id$v=19$m=65536,t=1,p=1$c29tZXNhbHQ$9qWtwbpyPd3vm1rB1GThgPzZ3/ydHL92zKL+15XZypg",
	},
	{
		m: 256,
		t: 2,
		p: 1,
		phc: "$argon2id$v=19$m=256,t=2,p=1$c29tZXNhbHQ$nf65EOgLrQMR/uIPnA4rEsF5h7TKyQwu9U1bMCHGi/4",
	},
	{
		m: 256,
		t: 2,
		p: 2,
		phc: "$argon2id$v=19$m=256,t=2,p=2$c29tZXNhbHQ$bQk8UB/VmZZF4Oo79iDXuL5/0ttZwg2f/5U52iv1cDc",
	},
] as const;

/** Well-formed, but asks for 2 GiB: more than the WebAssembly heap can grow to. */
export const UNCOMPUTABLE_HASH =
	"$argon2id$v=19$m=2097151,t=2,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
