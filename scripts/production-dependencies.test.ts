// An operator installs with `npm ci --omit=dev` (README, "Deploying on a Node server"): every
// package that the production commands load at run time must then be in `dependencies`. Until
// issue 9, `npm start` needed tsx and `astro build` the Cloudflare adapter, both development
// dependencies. esbuild follows each entry point's imports the way tsx runs them (type-only
// imports erased) and lists every bare package it reaches.
import { readdir, readFile } from "node:fs/promises";
import { builtinModules } from "node:module";
import { join, resolve } from "node:path";
import { build } from "esbuild";
import { describe, expect, it } from "vitest";

const root = resolve(import.meta.dirname, "..");

interface PackageJson {
	scripts: Record<string, string>;
	dependencies: Record<string, string>;
	devDependencies: Record<string, string>;
}

/** Scripts for developers only: never run on a production server. */
const DEVELOPMENT_SCRIPTS = new Set([
	"lint",
	"format",
	"typecheck",
	"test",
	"test:vitest",
	"check:cloudflare",
	// The Worker is built on the operator's machine with the adapter and wrangler (README).
	"build:cloudflare",
	"bench",
	// The accessibility audit drives Chromium on a developer's machine (issue 15).
	"audit:rgaa",
]);

/** Packages loaded by a dynamic import() only, on a path production never takes, with the reason. */
const DYNAMIC_OUTSIDE_PRODUCTION: Record<string, string> = {
	"@astrojs/cloudflare": "astro.config.mjs loads it only when ASTRO_TARGET=cloudflare (the Worker's build)",
};

async function packageJson(): Promise<PackageJson> {
	return JSON.parse(await readFile(join(root, "package.json"), "utf8")) as PackageJson;
}

function packageName(specifier: string): string {
	const parts = specifier.split("/");
	return specifier.startsWith("@") ? parts.slice(0, 2).join("/") : (parts[0] ?? specifier);
}

function isBuiltin(specifier: string): boolean {
	return specifier.startsWith("node:") || builtinModules.includes(specifier.split("/")[0] ?? "");
}

/** Bare packages imported, directly or through the project's own files, from `entryPoints`. */
async function packagesReachedFrom(entryPoints: string[]): Promise<Map<string, string>> {
	const result = await build({
		entryPoints,
		absWorkingDir: root,
		bundle: true,
		write: false,
		metafile: true,
		platform: "node",
		format: "esm",
		outdir: "out",
		packages: "external",
		// `astro:content` and the like are resolved by Astro's own build, not by Node.
		external: ["astro:*"],
		jsx: "automatic",
		jsxImportSource: "hono/jsx",
		logLevel: "silent",
	});
	const reached = new Map<string, string>();
	for (const [file, input] of Object.entries(result.metafile.inputs)) {
		for (const item of input.imports) {
			if (!item.external || isBuiltin(item.path) || item.path.startsWith("astro:")) continue;
			const name = packageName(item.path);
			if (item.kind === "dynamic-import" && name in DYNAMIC_OUTSIDE_PRODUCTION) continue;
			if (!reached.has(name)) reached.set(name, file);
		}
	}
	return reached;
}

/** The TypeScript files that `tsx <file>` scripts run. */
function tsxEntryPoints(scripts: Record<string, string>): string[] {
	return (
		Object.entries(scripts)
			.filter(([name, command]) => !DEVELOPMENT_SCRIPTS.has(name) && command.startsWith("tsx "))
			// The file is the first argument that is not a flag of Node's (`tsx --max-semi-space-size=4 …`).
			.map(
				([, command]) =>
					command
						.split(/\s+/)
						.slice(1)
						.find((word) => !word.startsWith("-")) as string,
			)
	);
}

/** Site sources: `.astro` files are not JavaScript, so their frontmatter imports are read as text. */
async function siteImports(): Promise<Map<string, string>> {
	const found = new Map<string, string>();
	const dir = join(root, "site");
	for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
		// Tests beside the build's code are not part of it.
		if (!entry.isFile() || !/\.(astro|ts|mjs|js)$/.test(entry.name) || /\.test\.[a-z]+$/.test(entry.name))
			continue;
		const file = join(entry.parentPath, entry.name);
		const text = await readFile(file, "utf8");
		for (const match of text.matchAll(/(?:^|\n)\s*import\s+(?!type\b)[^;]*?from\s+["']([^"'.][^"']*)["']/g)) {
			const specifier = match[1] as string;
			if (isBuiltin(specifier) || specifier.startsWith("astro:")) continue;
			found.set(packageName(specifier), file.slice(root.length + 1));
		}
	}
	return found;
}

describe("the production install (npm ci --omit=dev)", () => {
	it("has the program of every production script in dependencies", async () => {
		const { scripts, dependencies } = await packageJson();
		const programs = Object.entries(scripts)
			.filter(([name]) => !DEVELOPMENT_SCRIPTS.has(name))
			.map(([name, command]): [string, string] => [name, command.split(/\s+/)[0] ?? ""]);
		expect(programs.length).toBeGreaterThan(5);
		const missing = programs.filter(([, program]) => !(program in dependencies));
		expect(missing).toEqual([]);
	});

	it("has every package the production commands and the Node site build import in dependencies", async () => {
		const { scripts, dependencies, devDependencies } = await packageJson();
		const entryPoints = [...tsxEntryPoints(scripts), "astro.config.mjs"];
		expect(entryPoints).toEqual(
			expect.arrayContaining([
				"scripts/start.ts",
				"scripts/worker.ts",
				"scripts/migrate.ts",
				"astro.config.mjs",
			]),
		);
		const reached = new Map([...(await packagesReachedFrom(entryPoints)), ...(await siteImports())]);
		expect(reached.has("hono")).toBe(true);
		const wrong = [...reached]
			.filter(([name]) => !(name in dependencies))
			.map(
				([name, file]) =>
					`${name} (from ${file}) ${name in devDependencies ? "is a devDependency" : "is not declared"}`,
			);
		expect(wrong).toEqual([]);
	});
});
