// The project's own import graph, read from the source with TypeScript's pre-processor (every
// import, export ... from, import() and require), and the rules it must keep (ADR 0016):
//   schema <- db <- core <- {edge, worker, demo} <- hosts <- scripts <- bench
// Every arrow points down; edge, worker and demo never import each other; the public site
// imports only the organisation's identity and navigation data; the layers under edge and
// worker know nothing of HTTP, and edge runs no SQL of its own; test code is never imported by
// the product (benchmarks may use the tests' helpers); no import cycle.
import { readdirSync, readFileSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import ts from "typescript";

export interface ImportEdge {
	readonly from: string;
	/** A project path (relative to the root, "/"-separated) or, for a package, its name. */
	readonly to: string;
	readonly package?: boolean;
}

const SOURCE = /\.(ts|tsx|mts|mjs|js|astro)$/;
const SKIPPED_FOLDERS = new Set(["node_modules", "dist", ".wrangler", ".astro", "data", ".git", "results"]);
const SUFFIXES = ["", ".ts", ".tsx", ".mts", ".mjs", ".js", "/index.ts", "/index.tsx"];

function listSources(root: string, folder = root, found: string[] = []): string[] {
	for (const entry of readdirSync(folder, { withFileTypes: true })) {
		if (entry.isDirectory()) {
			if (!SKIPPED_FOLDERS.has(entry.name)) listSources(root, join(folder, entry.name), found);
		} else if (SOURCE.test(entry.name)) {
			found.push(relative(root, join(folder, entry.name)).split(sep).join("/"));
		}
	}
	return found;
}

/** An .astro file's imports live in its frontmatter (between the first two "---" lines). */
function scriptOf(file: string, text: string): string {
	if (!file.endsWith(".astro")) return text;
	const match = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text);
	return match?.[1] ?? "";
}

export function readImportGraph(root: string): ImportEdge[] {
	const files = listSources(root);
	const known = new Set(files);
	const edges: ImportEdge[] = [];
	for (const from of files) {
		const text = scriptOf(from, readFileSync(join(root, from), "utf8"));
		for (const { fileName } of ts.preProcessFile(text, true, true).importedFiles) {
			if (!fileName.startsWith(".")) {
				edges.push({ from, to: fileName, package: true });
				continue;
			}
			const base = posix.normalize(posix.join(posix.dirname(from), fileName));
			const to = SUFFIXES.map((suffix) => base + suffix).find((candidate) => known.has(candidate)) ?? base;
			edges.push({ from, to });
		}
	}
	return edges;
}

// --- Layers --------------------------------------------------------------------------------
/** Lower ranks are imported by higher ones, never the reverse. */
const RANKS: Readonly<Record<string, number>> = {
	schema: 0,
	db: 1,
	core: 2,
	edge: 3,
	worker: 3,
	demo: 3,
	hosts: 4,
	scripts: 5,
	root: 5,
	tests: 6,
	// Benchmarks drive the real app with the tests' helpers (a test database, bounded polling).
	bench: 7,
};
/** What the public site may import from outside itself. */
const SITE_MAY_IMPORT = new Set(["core/organisation.ts", "core/navigation.ts"]);
/** Layers that hold no HTTP: they must not import the web framework. */
const NO_HTTP = new Set(["schema", "db", "core"]);
/** The web framework, but not its JSX runtime (the mail templates' HTML is written in JSX). */
const HTTP_PACKAGE = /^hono$|^hono\/(?!jsx($|\/))|^@hono\//;

export function isTestFile(path: string): boolean {
	return path.startsWith("tests/") || /\.test\.(ts|tsx)$/.test(path);
}

export function layerOf(path: string): string {
	const top = path.includes("/") ? (path.split("/")[0] as string) : "root";
	if (top === "site") return "site";
	return top in RANKS ? top : "root";
}

export interface Violation {
	readonly edge: ImportEdge;
	readonly reason: string;
}

export function layerViolations(edges: readonly ImportEdge[]): Violation[] {
	const violations: Violation[] = [];
	for (const edge of edges) {
		const { from, to } = edge;
		if (isTestFile(from)) continue; // tests sit above everything and may reach anything
		const fromLayer = layerOf(from);
		if (edge.package) {
			if (NO_HTTP.has(fromLayer) && HTTP_PACKAGE.test(to))
				violations.push({ edge, reason: `${fromLayer}/ must know nothing of HTTP (imports ${to})` });
			if (fromLayer === "edge" && /^drizzle-orm($|\/)/.test(to))
				violations.push({ edge, reason: "edge/ runs no SQL of its own: a service in core/ does" });
			continue;
		}
		const toLayer = layerOf(to);
		if (isTestFile(to) && fromLayer !== "bench") {
			violations.push({ edge, reason: "product code imports test code" });
			continue;
		}
		if (fromLayer === "site") {
			if (toLayer !== "site" && !SITE_MAY_IMPORT.has(to))
				violations.push({
					edge,
					reason: "the public site imports only core/organisation.ts and core/navigation.ts",
				});
			continue;
		}
		// The root's astro.config.mjs builds the site with its integration.
		if (toLayer === "site" && fromLayer !== "root") {
			violations.push({ edge, reason: "only the public site imports the public site" });
			continue;
		}
		if (fromLayer === toLayer || toLayer === "site") continue;
		const fromRank = RANKS[fromLayer] as number;
		const toRank = RANKS[toLayer] as number;
		if (toRank > fromRank)
			violations.push({ edge, reason: `${fromLayer}/ imports the layer above it, ${toLayer}/` });
		else if (toRank === fromRank)
			violations.push({ edge, reason: `${fromLayer}/ and ${toLayer}/ never import each other` });
	}
	return violations;
}

// --- Cycles --------------------------------------------------------------------------------
/** Every group of files that import each other (Tarjan's strongly connected components). */
export function importCycles(edges: readonly ImportEdge[]): string[][] {
	const next = new Map<string, string[]>();
	for (const { from, to } of edges) {
		if (from === to) continue;
		next.set(from, [...(next.get(from) ?? []), to]);
	}
	let counter = 0;
	const index = new Map<string, number>();
	const low = new Map<string, number>();
	const stack: string[] = [];
	const onStack = new Set<string>();
	const cycles: string[][] = [];
	const visit = (node: string): void => {
		index.set(node, counter);
		low.set(node, counter);
		counter++;
		stack.push(node);
		onStack.add(node);
		for (const target of next.get(node) ?? []) {
			if (!index.has(target)) {
				visit(target);
				low.set(node, Math.min(low.get(node) as number, low.get(target) as number));
			} else if (onStack.has(target)) {
				low.set(node, Math.min(low.get(node) as number, index.get(target) as number));
			}
		}
		if (low.get(node) === index.get(node)) {
			const group: string[] = [];
			let member: string;
			do {
				member = stack.pop() as string;
				onStack.delete(member);
				group.push(member);
			} while (member !== node);
			if (group.length > 1) cycles.push(group.sort());
		}
	};
	for (const node of next.keys()) if (!index.has(node)) visit(node);
	for (const { from, to } of edges) if (from === to) cycles.push([from]);
	return cycles;
}

export function checkTree(root: string): { violations: Violation[]; cycles: string[][] } {
	const edges = readImportGraph(root);
	return { violations: layerViolations(edges), cycles: importCycles(edges.filter((edge) => !edge.package)) };
}
