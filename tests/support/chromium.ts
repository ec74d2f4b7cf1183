// Debian's Chromium for the browser tests: installed with apt when missing (never a browser
// downloaded by a test tool), launched headless with the flags this machine needs.
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { type Browser, chromium } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

export function ensureChromium(): void {
	if (existsSync(CHROMIUM_PATH)) return;
	process.stderr.write("Chromium is missing: installing Debian's package (apt-get install chromium)…\n");
	const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
	execFileSync("apt-get", ["update"], { stdio: "inherit", env });
	execFileSync("apt-get", ["install", "-y", "--no-install-recommends", "chromium"], {
		stdio: "inherit",
		env,
	});
	if (!existsSync(CHROMIUM_PATH))
		throw new Error(`Chromium was not found at ${CHROMIUM_PATH} after installation`);
}

export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: CHROMIUM_PATH,
		headless: true,
		args: [
			"--headless",
			"--no-sandbox",
			"--disable-gpu",
			"--disable-background-networking",
			"--disable-component-update",
			"--no-first-run",
			"--disable-quic",
			"--disable-sync",
		],
	});
}
