// Uploaded documents under the Node host: files in a folder beside the database file
// (`file:data/espace.db` → `data/documents/`), written atomically (temporary file, then rename),
// with the content type in a sidecar file. Never under the static root (dist/, site/public/).
import { mkdir, readFile, rename, rm, writeFile } from "node:fs/promises";
import { dirname, isAbsolute, join, relative, resolve, sep } from "node:path";
import { assertStorageKey, type DocumentStorage } from "../core/storage.ts";

/** The folder of the documents for a DATABASE_URL: beside a `file:` database, else `data/documents`. */
export function documentsDirectoryFor(databaseUrl: string, cwd: string = process.cwd()): string {
	const path = databaseUrl.startsWith("file:") ? (databaseUrl.slice("file:".length).split("?")[0] ?? "") : "";
	if (!path || path.startsWith(":memory:")) return resolve(cwd, "data", "documents");
	const file = path.startsWith("//") ? path.replace(/^\/\/[^/]*/, "") : path;
	return resolve(cwd, dirname(file), "documents");
}

const FORBIDDEN_ROOTS = ["dist", join("site", "public")];

function assertOutsideStaticRoot(root: string, cwd: string): void {
	for (const forbidden of FORBIDDEN_ROOTS) {
		const rel = relative(resolve(cwd, forbidden), root);
		if (rel === "" || (!rel.startsWith("..") && !isAbsolute(rel))) {
			throw new Error(`Documents must not be stored under the static root (${forbidden}).`);
		}
	}
}

export function createNodeDocumentStorage(root: string, cwd: string = process.cwd()): DocumentStorage {
	const base = resolve(root);
	assertOutsideStaticRoot(base, cwd);
	const pathOf = (key: string): string => {
		assertStorageKey(key);
		const path = resolve(base, ...key.split("/"));
		if (!path.startsWith(base + sep)) throw new RangeError("Invalid storage key.");
		return path;
	};
	return {
		async put(key, bytes, contentType) {
			const path = pathOf(key);
			await mkdir(dirname(path), { recursive: true });
			const temporary = `${path}.${process.pid}.tmp`;
			await writeFile(`${path}.type`, contentType, { mode: 0o600 });
			await writeFile(temporary, bytes, { mode: 0o600 });
			await rename(temporary, path);
		},
		async get(key) {
			const path = pathOf(key);
			try {
				const [bytes, contentType] = await Promise.all([readFile(path), readFile(`${path}.type`, "utf8")]);
				return { bytes: new Uint8Array(bytes), contentType: contentType.trim() };
			} catch (error) {
				if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
				throw error;
			}
		},
		async delete(key) {
			const path = pathOf(key);
			await rm(path, { force: true });
			await rm(`${path}.type`, { force: true });
		},
	};
}
