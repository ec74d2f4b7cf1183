// How a PDF leaves the edge app: downloaded (never shown inline in a frame), under a plain ASCII
// file name, and never stored by a browser or a proxy since it holds personal or health data.
import type { Context } from "hono";

/** "releve-2026-10.pdf" stays; anything outside [a-z0-9.-] becomes "-". */
export function safeFileName(name: string): string {
	const cleaned = name
		.normalize("NFD")
		.replace(/[\u0300-\u036f]/g, "")
		.toLowerCase()
		.replace(/[^a-z0-9.-]+/g, "-")
		.replace(/^-+|-+$/g, "");
	return cleaned.endsWith(".pdf") ? cleaned : `${cleaned || "document"}.pdf`;
}

export function pdfResponse(c: Context, bytes: Uint8Array, fileName: string): Response {
	return c.body(bytes as Uint8Array<ArrayBuffer>, 200, {
		"Content-Type": "application/pdf",
		"Content-Disposition": `attachment; filename="${safeFileName(fileName)}"`,
		"Content-Length": String(bytes.byteLength),
		"Cache-Control": "no-store",
	});
}
