// Every test of the project: unit and route tests beside the code, end-to-end tests in a real
// browser (Debian's Chromium through playwright-core) against the Node host.
import { defineConfig } from "vitest/config";

export default defineConfig({
	test: {
		projects: [
			{
				extends: true,
				test: {
					name: "unit",
					include: [
						"{core,db,demo,edge,hosts,schema,worker,scripts,site}/**/*.test.{ts,tsx}",
						"tests/{acceptance,architecture}/**/*.test.ts",
					],
					environment: "node",
				},
			},
			{
				extends: true,
				test: {
					name: "e2e",
					include: ["tests/e2e/**/*.test.ts"],
					globalSetup: ["tests/e2e/global-setup.ts"],
					// One browser at a time on a 2-core machine; each file opens its own.
					fileParallelism: false,
					testTimeout: 60_000,
					hookTimeout: 180_000,
				},
			},
		],
	},
});
