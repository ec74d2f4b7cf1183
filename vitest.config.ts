// Every test of the project: unit and route tests beside the code, end-to-end tests in a real
// browser (Debian's Chromium through playwright-core) against the Node host.
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		// Vitest's default is one worker less than the cores: one on this 2-core machine. With two,
		// two unit files run at a time. The browser files (fileParallelism false) run in a last group
		// of their own, after the unit files: vitest puts every such project in one sequential group.
		// Running that group beside the unit files in a second process was measured slower (ADR 0046).
		maxWorkers: 2,
		projects: [
			{
				extends: true,
				test: {
					name: "unit",
					include: [
						"{core,db,demo,edge,hosts,schema,worker,scripts,site,bench}/**/*.test.{ts,tsx}",
						"tests/{acceptance,architecture}/**/*.test.ts",
					],
					environment: "node",
					// Not isolated: the files share one module graph per worker, so the app's imports
					// (Hono, drizzle, the schema, the views) are evaluated once per worker rather than
					// once per file; that was about half of the unit files' time (ADR 0046). A test
					// that changes shared state must restore it (the one env stub is undone in
					// afterEach; there are no module mocks: dependencies are injected).
					isolate: false,
					// Beside a browser test, a unit test gets half the machine: 5 s was too tight for
					// the PDF and password-strength tests on a loaded machine.
					testTimeout: 20_000,
				},
			},
			{
				extends: true,
				test: {
					name: "e2e",
					include: ["tests/e2e/**/*.test.ts"],
					globalSetup: ["tests/e2e/global-setup.ts"],
					// One browser at a time on a 2-core machine; each file opens its own. Within a file,
					// tests marked concurrent (independent page loads) run three at a time.
					fileParallelism: false,
					maxConcurrency: 3,
					testTimeout: 60_000,
					hookTimeout: 180_000,
				},
			},
			{
				extends: true,
				test: {
					// The Worker as deployed, in workerd (wrangler dev), against the Hrana test double
					// of Turso (ADR 0012); the double's own tests run here too.
					name: "workerd",
					include: ["tests/workerd/**/*.test.ts"],
					// After the other projects: its astro build must not race the e2e setup's build
					// (same .astro cache), and two cores are enough for one of them at a time.
					sequence: { groupOrder: 1 },
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 300_000,
				},
			},
		],
	},
});
