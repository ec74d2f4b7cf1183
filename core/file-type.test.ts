import { describe, expect, it } from "vitest";
import { tinyPdf, tinyPng } from "../tests/support/file-samples.ts";
import { readBodyWithLimit, readMultipartWithLimit, sniffDocumentType } from "./file-type.ts";

/** A stream of `total` bytes in 64 KiB chunks that counts how much was pulled. */
function countingStream(total: number): { stream: ReadableStream<Uint8Array>; pulled: () => number } {
	let sent = 0;
	const stream = new ReadableStream<Uint8Array>({
		pull(controller) {
			if (sent >= total) return controller.close();
			const size = Math.min(65_536, total - sent);
			sent += size;
			controller.enqueue(new Uint8Array(size));
		},
	});
	return { stream, pulled: () => sent };
}

describe("the type of a document, read from its bytes", () => {
	it("recognises a real PDF, PNG and JPEG", async () => {
		expect(sniffDocumentType(await tinyPdf())).toBe("application/pdf");
		expect(sniffDocumentType(tinyPng())).toBe("image/png");
		expect(sniffDocumentType(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 16, 0x4a, 0x46]))).toBe("image/jpeg");
	});

	it("refuses HTML, a truncated PDF and an empty file, whatever they are called", () => {
		const html = new TextEncoder().encode("<!doctype html><script>alert(1)</script>");
		expect(sniffDocumentType(html)).toBeNull();
		expect(sniffDocumentType(new TextEncoder().encode("%PDF-1.7\n<html><script>x</script>"))).toBeNull();
		expect(sniffDocumentType(new TextEncoder().encode("GIF89a"))).toBeNull();
		expect(sniffDocumentType(new Uint8Array(0))).toBeNull();
	});
});

describe("reading a body within a limit", () => {
	it("refuses a declared Content-Length above the limit without reading anything", async () => {
		const { stream, pulled } = countingStream(2_000_000);
		const request = new Request("http://localhost/", {
			method: "POST",
			body: stream,
			headers: { "Content-Length": "2000000" },
			duplex: "half",
		} as RequestInit);
		expect(await readBodyWithLimit(request, 1_000_000)).toEqual({ ok: false, reason: "too_large" });
		expect(pulled()).toBeLessThan(200_000);
	});

	it("stops reading a stream without Content-Length as soon as it passes the limit", async () => {
		const { stream, pulled } = countingStream(5_000_000);
		const request = new Request("http://localhost/", {
			method: "POST",
			body: stream,
			duplex: "half",
		} as RequestInit);
		expect(await readBodyWithLimit(request, 1_000_000)).toEqual({ ok: false, reason: "too_large" });
		expect(pulled()).toBeLessThan(1_300_000);
	});

	it("parses a multipart form within the limit, and refuses another content type", async () => {
		const form = new FormData();
		form.set("nom", "Mercier");
		form.set("justificatif", new File([tinyPng()], "photo.png", { type: "image/png" }));
		const parsed = await readMultipartWithLimit(
			new Request("http://localhost/", { method: "POST", body: form }),
			100_000,
		);
		expect(parsed.ok && parsed.form.get("nom")).toBe("Mercier");
		const urlencoded = new Request("http://localhost/", {
			method: "POST",
			body: new URLSearchParams({ a: "b" }),
		});
		expect(await readMultipartWithLimit(urlencoded, 100_000)).toEqual({ ok: false, reason: "unreadable" });
	});
});
