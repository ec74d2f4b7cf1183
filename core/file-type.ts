// What an uploaded supporting document really is, read from its bytes (magic numbers), never
// from its name or the Content-Type the browser sent (SECURITY.md, uploads): only PDF, JPEG and
// PNG are accepted, up to 5 Mo. Also the reading of a multipart body with that limit enforced
// before the body is read whole: the declared Content-Length first, then a byte count that
// stops reading the stream as soon as it goes past the limit.

/** 5 Mo, the largest supporting document accepted. */
export const MAX_DOCUMENT_BYTES = 5 * 1024 * 1024;
/** Room for the multipart boundaries and the text fields that travel with the file. */
export const FORM_OVERHEAD_BYTES = 64 * 1024;

export const DOCUMENT_TYPES = {
	"application/pdf": { extension: "pdf", label: "PDF" },
	"image/jpeg": { extension: "jpg", label: "JPEG" },
	"image/png": { extension: "png", label: "PNG" },
} as const;
export type DocumentType = keyof typeof DOCUMENT_TYPES;

export function isDocumentType(value: string): value is DocumentType {
	return Object.hasOwn(DOCUMENT_TYPES, value);
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function startsWith(bytes: Uint8Array, prefix: readonly number[], offset = 0): boolean {
	if (bytes.length < offset + prefix.length) return false;
	return prefix.every((byte, index) => bytes[offset + index] === byte);
}

function ascii(text: string): number[] {
	return [...text].map((char) => char.charCodeAt(0));
}

/** True when `%%EOF` appears in the last KiB: a whole PDF, not just a file that starts like one. */
function endsLikePdf(bytes: Uint8Array): boolean {
	const tail = new TextDecoder("latin1").decode(bytes.subarray(Math.max(0, bytes.length - 1024)));
	return tail.includes("%%EOF");
}

/**
 * The type of a document from its first and last bytes, or null when it is none of the accepted
 * ones. PDF: `%PDF-` at offset 0 and `%%EOF` at the end. PNG: the 8-byte signature followed by
 * the IHDR chunk. JPEG: FF D8 FF (start of image, then a marker).
 */
export function sniffDocumentType(bytes: Uint8Array): DocumentType | null {
	if (startsWith(bytes, ascii("%PDF-")) && endsLikePdf(bytes)) return "application/pdf";
	if (startsWith(bytes, PNG_SIGNATURE) && startsWith(bytes, ascii("IHDR"), 12)) return "image/png";
	if (startsWith(bytes, [0xff, 0xd8, 0xff]) && bytes.length > 4) return "image/jpeg";
	return null;
}

export type LimitedBody =
	| { readonly ok: true; readonly bytes: Uint8Array<ArrayBuffer> }
	| { readonly ok: false; readonly reason: "too_large" };

/**
 * Reads a request body up to `limit` bytes. A Content-Length above the limit is refused without
 * reading anything; otherwise the stream is read chunk by chunk and cancelled as soon as the
 * count goes past the limit (a missing or lying Content-Length gains nothing).
 */
export async function readBodyWithLimit(request: Request, limit: number): Promise<LimitedBody> {
	const declared = Number(request.headers.get("Content-Length") ?? "");
	if (Number.isFinite(declared) && declared > limit) return { ok: false, reason: "too_large" };
	if (!request.body) return { ok: true, bytes: new Uint8Array(0) };
	const reader = request.body.getReader();
	const chunks: Uint8Array[] = [];
	let size = 0;
	for (;;) {
		const { done, value } = await reader.read();
		if (done) break;
		size += value.byteLength;
		if (size > limit) {
			await reader.cancel().catch(() => undefined);
			return { ok: false, reason: "too_large" };
		}
		chunks.push(value);
	}
	const bytes = new Uint8Array(size);
	let offset = 0;
	for (const chunk of chunks) {
		bytes.set(chunk, offset);
		offset += chunk.byteLength;
	}
	return { ok: true, bytes };
}

export type MultipartBody =
	| { readonly ok: true; readonly form: FormData }
	| { readonly ok: false; readonly reason: "too_large" | "unreadable" };

/** A multipart/form-data body read with the limit above, then parsed by the platform. */
export async function readMultipartWithLimit(request: Request, limit: number): Promise<MultipartBody> {
	const type = request.headers.get("Content-Type") ?? "";
	if (!type.toLowerCase().startsWith("multipart/form-data")) return { ok: false, reason: "unreadable" };
	const body = await readBodyWithLimit(request, limit);
	if (!body.ok) return body;
	try {
		const form = await new Response(body.bytes, { headers: { "Content-Type": type } }).formData();
		return { ok: true, form };
	} catch {
		return { ok: false, reason: "unreadable" };
	}
}
