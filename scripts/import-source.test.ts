// `npm run import` runs with the same Node flags as the import benchmark's phases (ADR 0042):
// the bench measures the memory of the process the CLI starts, so neither may drift alone.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { IMPORT_NODE_FLAGS } from "./import-source.ts";

describe("the import's Node flags", () => {
	it("are the flags of `npm run import`", async () => {
		const manifest = JSON.parse(await readFile(join(import.meta.dirname, "..", "package.json"), "utf8")) as {
			scripts: Record<string, string>;
		};
		expect(manifest.scripts.import).toBe(`tsx ${IMPORT_NODE_FLAGS.join(" ")} scripts/import.ts`);
	});
});
