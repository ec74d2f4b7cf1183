// For tests only: small real documents of each accepted type, built in memory, so that upload
// tests send true bytes (a PDF pdf-lib can read, a PNG any viewer opens) without fixture files.
import { crc32, deflateSync } from "node:zlib";
import { PDFDocument } from "pdf-lib";

/** A real 1×1 PNG: signature, IHDR, IDAT (deflated scanline), IEND, each chunk with its CRC. */
export function tinyPng(): Uint8Array<ArrayBuffer> {
	const chunk = (type: string, data: Uint8Array) => {
		const out = new Uint8Array(12 + data.length);
		const view = new DataView(out.buffer);
		view.setUint32(0, data.length);
		out.set(new TextEncoder().encode(type), 4);
		out.set(data, 8);
		view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
		return out;
	};
	const header = new Uint8Array(13);
	const view = new DataView(header.buffer);
	view.setUint32(0, 1);
	view.setUint32(4, 1);
	header.set([8, 2, 0, 0, 0], 8);
	const parts = [
		new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
		chunk("IHDR", header),
		chunk("IDAT", new Uint8Array(deflateSync(new Uint8Array([0, 255, 255, 255])))),
		chunk("IEND", new Uint8Array(0)),
	];
	const png = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
	let offset = 0;
	for (const part of parts) {
		png.set(part, offset);
		offset += part.length;
	}
	return png;
}

export async function tinyPdf(): Promise<Uint8Array<ArrayBuffer>> {
	const doc = await PDFDocument.create();
	doc.addPage([200, 200]).drawText("Livret de famille", { x: 20, y: 100, size: 12 });
	return new Uint8Array(await doc.save());
}
