// The public site: every page pre-rendered, no JavaScript shipped.
// Two targets share this file: the Node host (default, `dist/site`, precompressed files) and the
// Cloudflare Worker (`ASTRO_TARGET=cloudflare`, `dist/cloudflare`, custom Worker entry declared
// as `main` in wrangler.toml, which a plain `wrangler deploy` reads: see own-worker-config.mjs).
import { defineConfig } from "astro/config";
import { SECURITY_HEADERS } from "./edge/lib/security-headers.ts";
import { labelTableCells } from "./edge/views/stacked-tables.ts";
import espaceAssets from "./site/build/espace-assets.mjs";
import mapAssets from "./site/build/map-assets.mjs";
import ownWorkerConfig from "./site/build/own-worker-config.mjs";

const target = process.env.ASTRO_TARGET === "cloudflare" ? "cloudflare" : "node";
// The Cloudflare adapter is a development dependency, loaded only for its target: a Node server
// installed with `npm ci --omit=dev` builds the site without it.
const cloudflare = target === "cloudflare" ? (await import("@astrojs/cloudflare")).default : undefined;

export default defineConfig({
	srcDir: "./site/src",
	publicDir: "./site/public",
	outDir: target === "cloudflare" ? "./dist/cloudflare" : "./dist/site",
	site: process.env.PUBLIC_URL ?? "http://localhost:4321",
	output: "static",
	trailingSlash: "never",
	build: { format: "file", inlineStylesheets: "never" },
	compressHTML: true,
	devToolbar: { enabled: false },
	prefetch: false,
	adapter: cloudflare ? cloudflare({ prerenderEnvironment: "node", imageService: "passthrough" }) : undefined,
	integrations: [
		// Before espace-assets, which precompresses what it writes (ADR 0030).
		mapAssets(),
		espaceAssets({
			precompress: target === "node",
			headers: target === "cloudflare" ? SECURITY_HEADERS : undefined,
			labelTables: labelTableCells,
		}),
		// After the adapter's own build hook: wrangler must deploy wrangler.toml's Worker.
		...(target === "cloudflare" ? [ownWorkerConfig()] : []),
	],
});
