// For tests only: the text of a PDF as a reader would copy it, read by Debian's pdftotext
// (poppler-utils), installed with apt when missing, the way tests/support/chromium.ts installs
// Chromium. pdf-lib writes PDFs but cannot read their text back.
import { execFile, execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";

export const PDFTOTEXT_PATH = process.env.PDFTOTEXT_PATH ?? "/usr/bin/pdftotext";

/** Call it in a `beforeAll` with a long timeout: on a fresh machine it installs a package. */
export function ensurePdftotext(): void {
	if (existsSync(PDFTOTEXT_PATH)) return;
	process.stderr.write(
		"pdftotext is missing: installing Debian's package (apt-get install poppler-utils)…\n",
	);
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	// Several test files may ask at once: wait for apt's lock instead of failing on it.
	const lock = ["-o", "DPkg::Lock::Timeout=300"];
	execFileSync("apt-get", [...lock, "update"], { stdio: "inherit", env });
	execFileSync("apt-get", [...lock, "install", "-y", "--no-install-recommends", "poppler-utils"], {
		stdio: "inherit",
		env,
	});
	if (!existsSync(PDFTOTEXT_PATH))
		throw new Error(`pdftotext was not found at ${PDFTOTEXT_PATH} after installation`);
}

/**
 * The text of every page, pages separated by a form feed, in reading order with each table row
 * on one line (`-layout`). Runs of white space (including the no-break spaces of "12,50 €")
 * become one plain space, so tests can look for sentences and rows.
 */
export async function pdfText(bytes: Uint8Array): Promise<string> {
	ensurePdftotext();
	const dir = await mkdtemp(join(tmpdir(), "espace-pdf-"));
	try {
		const file = join(dir, "document.pdf");
		await writeFile(file, bytes);
		const { stdout } = await promisify(execFile)(PDFTOTEXT_PATH, ["-layout", "-enc", "UTF-8", file, "-"], {
			maxBuffer: 16 * 1024 * 1024,
		});
		return stdout
			.split("\f")
			.map((page) => page.replace(/\s+/g, " ").trim())
			.join("\f");
	} finally {
		await rm(dir, { recursive: true, force: true });
	}
}
