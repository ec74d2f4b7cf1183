// `npm start` runs the portal with the flags the benchmarks measure it with.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expect, it } from "vitest";
import { SERVER_NODE_FLAGS } from "./server-node-flags.ts";

it("npm start passes the server's Node flags to tsx", async () => {
	const { scripts } = JSON.parse(await readFile(join(import.meta.dirname, "..", "package.json"), "utf8")) as {
		scripts: Record<string, string>;
	};
	expect(scripts.start).toBe(`tsx ${SERVER_NODE_FLAGS.join(" ")} scripts/start.ts`);
});
