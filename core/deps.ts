// What the edge app receives from the host that starts it: it never reaches for globals, so the
// same code runs under Node and on Cloudflare Workers, and tests inject a fixed clock and
// deterministic randomness.
import type { Database } from "../db/client.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./logger.ts";
import type { DocumentStorage } from "./storage.ts";

/** One version of the terms of use, as the public site's build lists it (`/cgu/versions.json`). */
export interface CguVersion {
	readonly version: string;
	/** `YYYY-MM-DD`: the version is in force from this day (Paris) on. */
	readonly effectiveDate: string;
	readonly summary: string;
	readonly demo: boolean;
	readonly url: string;
}

export interface SiteAssets {
	/** Hashed stylesheets emitted by the public site's build, shared by the private pages. */
	readonly stylesheets: readonly string[];
	/** Every version of the CGU, oldest first. */
	readonly cguVersions: readonly CguVersion[];
}

export interface AppDeps {
	readonly config: Config;
	readonly db: Database;
	readonly logger: Logger;
	/** Current time; injected so that tests and schedules are deterministic. */
	readonly clock: () => Date;
	/** Cryptographically secure random bytes; injected for deterministic tests. */
	readonly randomBytes: (length: number) => Uint8Array;
	/** Resolved lazily: the Cloudflare host reads it from the assets binding on first use. */
	readonly assets: () => Promise<SiteAssets>;
	/** Uploaded documents (a folder beside the database on Node, R2 on Cloudflare). */
	readonly storage?: DocumentStorage;
}

/**
 * Bytes from the platform's CSPRNG. Every request draws a few (its request id), and each call to
 * the generator has a fixed cost larger than the bytes themselves: small draws are served from a
 * pool filled 4 KiB at a time, each byte handed out once and wiped from the pool.
 */
const POOL_SIZE = 4096;
const pool = new Uint8Array(POOL_SIZE);
let poolOffset = POOL_SIZE;

export function cryptoRandomBytes(length: number): Uint8Array {
	if (length > POOL_SIZE / 16) return crypto.getRandomValues(new Uint8Array(length));
	if (poolOffset + length > POOL_SIZE) {
		crypto.getRandomValues(pool);
		poolOffset = 0;
	}
	const bytes = pool.slice(poolOffset, poolOffset + length);
	pool.fill(0, poolOffset, poolOffset + length);
	poolOffset += length;
	return bytes;
}
