// SHA-256 in lowercase hex, of a text's UTF-8 bytes or of bytes: session and link-token secrets,
// recovery codes, audit entries, uploaded files. node:crypto is native on the Node host and in the
// Worker (nodejs_compat), several times faster than hashing in JavaScript on every request.
import { createHash } from "node:crypto";

export function sha256Hex(input: string | Uint8Array): string {
	return createHash("sha256").update(input).digest("hex");
}
