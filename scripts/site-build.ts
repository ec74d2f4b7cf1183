// Builds the public site when its sources are newer than the last build (or when the last build
// was made for another environment), so that `npm start` on a fresh clone just works and a
// second start costs nothing.
import { spawn } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";

export const SITE_OUT_DIR = "dist/site";
const SOURCES = [
	"site",
	"core/organisation.ts",
	"core/navigation.ts",
	"tests/fixtures/cgu",
	"astro.config.mjs",
	"edge/lib/security-headers.ts",
	"edge/views/stacked-tables.ts",
];

async function newestMtime(path: string): Promise<number> {
	let info: Awaited<ReturnType<typeof stat>>;
	try {
		info = await stat(path);
	} catch {
		return 0;
	}
	if (!info.isDirectory()) return info.mtimeMs;
	let newest = info.mtimeMs;
	for (const entry of await readdir(path, { recursive: true, withFileTypes: true })) {
		if (entry.isFile()) newest = Math.max(newest, (await stat(join(entry.parentPath, entry.name))).mtimeMs);
	}
	return newest;
}

interface BuildManifest {
	readonly env: string;
	readonly stylesheets: string[];
}

export async function readSiteManifest(root: string): Promise<BuildManifest | undefined> {
	try {
		return JSON.parse(
			await readFile(join(root, SITE_OUT_DIR, "_espace", "assets.json"), "utf8"),
		) as BuildManifest;
	} catch {
		return undefined;
	}
}

export async function isSiteStale(root: string, env: string): Promise<boolean> {
	const manifest = await readSiteManifest(root);
	if (!manifest || (manifest.env === "production") !== (env === "production")) return true;
	const built = await newestMtime(join(root, SITE_OUT_DIR, "_espace", "assets.json"));
	const sources = await Promise.all(SOURCES.map((source) => newestMtime(join(root, source))));
	return Math.max(...sources) > built;
}

export async function buildSite(root: string, env: string): Promise<void> {
	const astro = join(
		dirname(createRequire(import.meta.url).resolve("astro/package.json")),
		"bin",
		"astro.mjs",
	);
	await new Promise<void>((resolve, reject) => {
		const child = spawn(process.execPath, [astro, "build", "--silent"], {
			cwd: root,
			stdio: ["ignore", "inherit", "inherit"],
			env: { ...process.env, ESPACE_ENV: env, ASTRO_TARGET: "node", ASTRO_TELEMETRY_DISABLED: "1" },
		});
		child.on("error", reject);
		child.on("exit", (code) =>
			code === 0 ? resolve() : reject(new Error(`astro build exited with ${code}`)),
		);
	});
}

export async function ensureSiteBuilt(root: string, env: string): Promise<boolean> {
	if (!(await isSiteStale(root, env))) return false;
	await buildSite(root, env);
	return true;
}
