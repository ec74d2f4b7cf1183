// Astro integration for the Cloudflare target: the deployed Worker is ours (wrangler.toml, `main`
// = hosts/cloudflare.ts), not the adapter's. The site is fully static, so the adapter's Vite
// plugin builds it "assets-only": it writes a config without `main` (plus a SESSION KV binding we
// do not use) next to the static files, and `.wrangler/deploy/config.json`, which silently
// redirects every later `wrangler deploy` / `wrangler dev` to that config — an empty Worker.
// Removing both after the build makes a plain `npx wrangler deploy` read wrangler.toml.
import { readFile, rm } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const REDIRECT = ".wrangler/deploy/config.json";

/** @returns {import("astro").AstroIntegration} */
export default function ownWorkerConfig() {
	/** @type {string} */
	let root = "";
	return {
		name: "espace-own-worker-config",
		hooks: {
			"astro:config:done": ({ config }) => {
				root = fileURLToPath(config.root);
			},
			"astro:build:done": async ({ dir, logger }) => {
				const redirect = join(root, REDIRECT);
				let target;
				try {
					target = JSON.parse(await readFile(redirect, "utf8")).configPath;
				} catch {
					return;
				}
				await rm(redirect);
				await rm(join(fileURLToPath(dir), "wrangler.json"), { force: true });
				logger.info(
					`removed the adapter's assets-only Worker config (${target}): wrangler reads wrangler.toml`,
				);
			},
		},
	};
}
