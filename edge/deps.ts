// What the edge app receives from the host that starts it: it never reaches for globals, so the
// same code runs under Node and on Cloudflare Workers, and tests inject a fixed clock and
// deterministic randomness.
import type { Database } from "../schema/db.ts";
import type { Config } from "./config.ts";
import type { Logger } from "./lib/logger.ts";

export interface SiteAssets {
	/** Hashed stylesheets emitted by the public site's build, shared by the private pages. */
	readonly stylesheets: readonly string[];
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
}

export function cryptoRandomBytes(length: number): Uint8Array {
	return crypto.getRandomValues(new Uint8Array(length));
}
