// The guard of ADR 0016: every import points down a layer and no import closes a cycle. It reads
// the real tree, and proves on a throw-away tree that it does catch what it forbids.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { checkTree, importCycles, layerViolations, readImportGraph } from "./import-graph.ts";

const root = resolve(import.meta.dirname, "../..");

const describeViolations = (found: ReturnType<typeof checkTree>["violations"]) =>
	found.map(({ edge, reason }) => `${edge.from} -> ${edge.to}: ${reason}`);

describe("the project's layers", () => {
	const tree = checkTree(root);

	it("has no import that points up a layer or sideways between edge, worker and demo", () => {
		expect(describeViolations(tree.violations)).toEqual([]);
	});

	it("has no import cycle", () => {
		expect(tree.cycles).toEqual([]);
	});

	it("reads the real graph (the edge app reaches the business rules and the database)", () => {
		const edges = readImportGraph(root);
		expect(edges.some((edge) => edge.from.startsWith("edge/routes/") && edge.to.startsWith("core/"))).toBe(
			true,
		);
		expect(edges.some((edge) => edge.from.startsWith("core/") && edge.to.startsWith("db/"))).toBe(true);
	});
});

describe("the guard", () => {
	const scratch = mkdtempSync(join(tmpdir(), "espace-layers-"));
	afterAll(() => rmSync(scratch, { recursive: true, force: true }));
	const write = (path: string, text: string) => {
		mkdirSync(dirname(join(scratch, path)), { recursive: true });
		writeFileSync(join(scratch, path), text);
	};

	it("fails on a business rule that imports a route, on edge importing worker and on a cycle", () => {
		write("schema/tables.ts", "export const t = 1;\n");
		write(
			"core/audit.ts",
			'import { t } from "../schema/tables.ts";\nimport { r } from "../edge/routes/a.ts";\n',
		);
		write(
			"edge/routes/a.ts",
			'import "../../core/audit.ts";\nimport "../../worker/x.ts";\nexport const r = 1;\n',
		);
		write("worker/x.ts", 'import type { Y } from "./y.ts";\n');
		write("worker/y.ts", 'export type Y = 1;\nimport("./x.ts");\n');
		write("core/http.ts", 'import { Hono } from "hono";\n');
		write("site/src/pages/a.astro", '---\nimport { x } from "../../../core/audit.ts";\n---\n<p>a</p>\n');
		write("core/uses-tests.ts", 'import "../tests/support/x.ts";\n');
		write("tests/support/x.ts", 'import "../../edge/routes/a.ts";\n');
		write("edge/routes/a.test.ts", 'import "../../hosts/node.ts";\n');
		write("edge/routes/sql.ts", 'import { eq } from "drizzle-orm";\n');

		const { violations, cycles } = checkTree(scratch);
		expect(describeViolations(violations).sort()).toEqual([
			"core/audit.ts -> edge/routes/a.ts: core/ imports the layer above it, edge/",
			"core/http.ts -> hono: core/ must know nothing of HTTP (imports hono)",
			"core/uses-tests.ts -> tests/support/x.ts: product code imports test code",
			"edge/routes/a.ts -> worker/x.ts: edge/ and worker/ never import each other",
			"edge/routes/sql.ts -> drizzle-orm: edge/ runs no SQL of its own: a service in core/ does",
			"site/src/pages/a.astro -> core/audit.ts: the public site imports only core/organisation.ts and core/navigation.ts",
		]);
		expect(cycles.map((group) => group.join(" ")).sort()).toEqual([
			"core/audit.ts edge/routes/a.ts",
			"worker/x.ts worker/y.ts",
		]);
	});

	it("passes on a tree whose imports all point down", () => {
		const edges = [
			{ from: "db/client.ts", to: "schema/tables.ts" },
			{ from: "core/audit.ts", to: "db/client.ts" },
			{ from: "edge/routes/a.ts", to: "core/audit.ts" },
			{ from: "worker/tasks/b.ts", to: "core/audit.ts" },
			{ from: "hosts/node.ts", to: "edge/routes/a.ts" },
			{ from: "hosts/node.ts", to: "worker/tasks/b.ts" },
			{ from: "scripts/start.ts", to: "hosts/node.ts" },
			{ from: "site/src/pages/index.astro", to: "core/organisation.ts" },
		];
		expect(layerViolations(edges)).toEqual([]);
		expect(importCycles(edges)).toEqual([]);
	});
});
