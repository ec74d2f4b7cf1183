// The public site: every page pre-rendered, no JavaScript shipped.
// Two targets share this file: the Node host (default, `dist/site`, precompressed files) and the
// Cloudflare Worker (`ASTRO_TARGET=cloudflare`, `dist/cloudflare`, custom Worker entry declared
// as `main` in wrangler.toml).
import cloudflare from "@astrojs/cloudflare";
import { defineConfig } from "astro/config";
import { SECURITY_HEADERS } from "./edge/lib/security-headers.ts";
import { labelTableCells } from "./edge/views/stacked-tables.ts";
import espaceAssets from "./site/build/espace-assets.mjs";

const target = process.env.ASTRO_TARGET === "cloudflare" ? "cloudflare" : "node";

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
	adapter:
		target === "cloudflare"
			? cloudflare({ prerenderEnvironment: "node", imageService: "passthrough" })
			: undefined,
	integrations: [
		espaceAssets({
			precompress: target === "node",
			headers: target === "cloudflare" ? SECURITY_HEADERS : undefined,
			labelTables: labelTableCells,
		}),
	],
});
