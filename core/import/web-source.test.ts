// The import API's reader on bodies cut anywhere (inside a UTF-8 character, a quoted field, a
// CRLF): the same records as the whole text gives, with the line each starts on.
import { describe, expect, it } from "vitest";
import { UNREADABLE_LINE } from "./run.ts";
import { MAX_RECORD_CHARS, readWebSource } from "./web-source.ts";

function streamOf(text: string, chunkBytes: number): ReadableStream<Uint8Array> {
	const bytes = new TextEncoder().encode(text);
	let offset = 0;
	return new ReadableStream({
		pull(controller) {
			if (offset >= bytes.length) return controller.close();
			controller.enqueue(bytes.slice(offset, offset + chunkBytes));
			offset += chunkBytes;
		},
	});
}

async function all(text: string, format: "csv" | "jsonl", chunkBytes: number) {
	const out = [];
	for await (const record of readWebSource(streamOf(text, chunkBytes), format)) out.push(record);
	return out;
}

describe("reading a streamed body", () => {
	const csv =
		'\uFEFFnom;ville\r\nÉloïse;"Saint-Étienne; Loire"\r\n\r\n"Zoé ""Z""";"deux\nlignes"\nAnna;Lyon;en trop\n';
	it.each([1, 2, 3, 7, 1000])("reads CSV records cut every %i bytes", async (chunkBytes) => {
		expect(await all(csv, "csv", chunkBytes)).toEqual([
			{ line: 2, record: { nom: "Éloïse", ville: "Saint-Étienne; Loire" } },
			{ line: 4, record: { nom: 'Zoé "Z"', ville: "deux\nlignes" } },
			{ line: 6, record: { nom: "Anna", ville: "Lyon", colonne_3: "en trop" } },
		]);
	});

	it("finds a comma separator from the header, and reads a last line without a line break", async () => {
		expect(await all("a,b\n1,2", "csv", 4)).toEqual([{ line: 2, record: { a: "1", b: "2" } }]);
	});

	it("reads JSON Lines, marking a line that is not an object", async () => {
		const text = '{"a":"é"}\n\n[1]\n{"b":2}';
		expect(await all(text, "jsonl", 3)).toEqual([
			{ line: 1, record: { a: "é" } },
			{ line: 3, record: UNREADABLE_LINE },
			{ line: 4, record: { b: 2 } },
		]);
	});

	it("stops at a record longer than any core-system line, without holding more of it", async () => {
		const text = `a;b\n"${"x".repeat(MAX_RECORD_CHARS + 10)}`;
		await expect(all(text, "csv", 4096)).rejects.toThrow(/ligne 2 : plus de 65536 caractères/);
	});
});
