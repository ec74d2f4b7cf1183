// The password benchmark's baseline, on Node and in workerd: PBKDF2-SHA256 at 100 000 iterations
// through WebCrypto, the strongest PBKDF2 that Cloudflare Workers allow.
export async function pbkdf2Baseline(password: string): Promise<ArrayBuffer> {
	const key = await crypto.subtle.importKey("raw", new TextEncoder().encode(password), "PBKDF2", false, [
		"deriveBits",
	]);
	const salt = crypto.getRandomValues(new Uint8Array(16));
	return crypto.subtle.deriveBits({ name: "PBKDF2", hash: "SHA-256", salt, iterations: 100_000 }, key, 256);
}
