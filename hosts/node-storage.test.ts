import { mkdtemp, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createNodeDocumentStorage, documentsDirectoryFor } from "./node-storage.ts";

let dir: string;
beforeAll(async () => {
	dir = await mkdtemp(join(tmpdir(), "espace-documents-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("the documents folder of the Node host", () => {
	it("sits beside the database file, or in data/documents", () => {
		expect(documentsDirectoryFor("file:data/espace.db", "/srv/espace")).toBe("/srv/espace/data/documents");
		expect(documentsDirectoryFor("file:/var/lib/espace/espace.db", "/srv")).toBe("/var/lib/espace/documents");
		expect(documentsDirectoryFor("file:///var/lib/espace/espace.db", "/srv")).toBe(
			"/var/lib/espace/documents",
		);
		expect(documentsDirectoryFor(":memory:", "/srv/espace")).toBe("/srv/espace/data/documents");
		expect(documentsDirectoryFor("libsql://espace.turso.io", "/srv/espace")).toBe(
			"/srv/espace/data/documents",
		);
	});

	it("is never under the static root", () => {
		expect(() => createNodeDocumentStorage("/srv/espace/dist/client/documents", "/srv/espace")).toThrow(
			/static root/,
		);
		expect(() => createNodeDocumentStorage("/srv/espace/site/public", "/srv/espace")).toThrow(/static root/);
	});
});

describe("the Node storage", () => {
	it("writes a file readable by its owner only, reads it back with its type, deletes it", async () => {
		const storage = createNodeDocumentStorage(join(dir, "documents"));
		const bytes = new TextEncoder().encode("%PDF-1.7 … %%EOF");
		await storage.put("documents/2026/abc.pdf", bytes, "application/pdf");
		expect(await storage.get("documents/2026/abc.pdf")).toEqual({ bytes, contentType: "application/pdf" });
		const file = await stat(join(dir, "documents", "documents", "2026", "abc.pdf"));
		expect(file.mode & 0o077).toBe(0);
		// No temporary file left behind.
		expect((await readdir(join(dir, "documents", "documents", "2026"))).sort()).toEqual([
			"abc.pdf",
			"abc.pdf.type",
		]);
		await storage.delete("documents/2026/abc.pdf");
		expect(await storage.get("documents/2026/abc.pdf")).toBeNull();
		await storage.delete("documents/2026/abc.pdf");
	});

	it("refuses keys that would leave its folder", async () => {
		const storage = createNodeDocumentStorage(join(dir, "documents"));
		await expect(storage.put("../escape.pdf", new Uint8Array(1), "application/pdf")).rejects.toThrow(
			RangeError,
		);
		await expect(storage.get("documents/../../x")).rejects.toThrow(RangeError);
	});
});
