// Astro integration run after every build of the public site:
// - writes `_espace/assets.json`, naming the hashed stylesheet so that the edge app's private
//   pages link the very same file as the public pages (one stylesheet, cached once);
// - for Cloudflare, adds the security headers of every static file to `_headers`;
// - precompresses every text file (brotli and gzip) so that the Node host serves them without
//   compressing on each request (Cloudflare compresses at its edge by itself);
// - labels the cells of every table with their column header, for narrow screens.
import { mkdir, readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { brotliCompress, constants, gzip } from "node:zlib";

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);
const COMPRESSIBLE = /\.(html|css|js|mjs|json|svg|txt|xml|webmanifest)$/;

async function* walk(dir) {
	for (const entry of await readdir(dir, { withFileTypes: true })) {
		const path = join(dir, entry.name);
		if (entry.isDirectory()) yield* walk(path);
		else yield path;
	}
}

/** @param {{ precompress: boolean, headers?: Record<string, string>, labelTables?: (html: string) => string }} options */
export default function espaceAssets(options) {
	return {
		name: "espace-assets",
		hooks: {
			"astro:build:done": async ({ dir, logger }) => {
				const root = fileURLToPath(dir);
				const stylesheets = [];
				for await (const file of walk(root)) {
					const rel = `/${relative(root, file).split("\\").join("/")}`;
					if (rel.startsWith("/_astro/") && rel.endsWith(".css")) stylesheets.push(rel);
				}
				stylesheets.sort();
				if (options.labelTables) {
					// The same narrow-screen labels as the private pages (edge/views/stacked-tables.ts).
					for await (const file of walk(root)) {
						if (!file.endsWith(".html")) continue;
						const html = await readFile(file, "utf8");
						const labelled = options.labelTables(html);
						if (labelled !== html) await writeFile(file, labelled);
					}
				}
				await mkdir(join(root, "_espace"), { recursive: true });
				await writeFile(
					join(root, "_espace", "assets.json"),
					JSON.stringify({ env: process.env.ESPACE_ENV ?? "development", stylesheets }, null, "\t"),
				);
				if (options.headers) {
					// Cloudflare serves static files without running the Worker: their headers come
					// from `_headers`. Appended to what the adapter wrote (immutable /_astro/*).
					const lines = Object.entries(options.headers).map(([name, value]) => `  ${name}: ${value}`);
					const path = join(root, "_headers");
					let existing = "";
					try {
						existing = await readFile(path, "utf8");
					} catch {}
					await writeFile(path, `${existing.trimEnd()}\n/*\n${lines.join("\n")}\n`.trimStart());
				}
				if (!options.precompress) return;
				let count = 0;
				for await (const file of walk(root)) {
					if (!COMPRESSIBLE.test(file)) continue;
					const body = await readFile(file);
					const { size } = await stat(file);
					await writeFile(
						`${file}.br`,
						await brotli(body, {
							params: {
								[constants.BROTLI_PARAM_QUALITY]: 11,
								[constants.BROTLI_PARAM_SIZE_HINT]: size,
							},
						}),
					);
					await writeFile(`${file}.gz`, await gz(body, { level: 9 }));
					count++;
				}
				logger.info(`${stylesheets.length} stylesheet(s) listed, ${count} files precompressed`);
			},
		},
	};
}
