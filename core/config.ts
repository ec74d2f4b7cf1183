// Configuration of both hosts: environment variables parsed once, at start, with one schema.
// A bad value stops the start with a message naming the variable; local defaults are safe for a
// developer's machine and refused where they would be unsafe (production).
import { z } from "zod";

const DEV_PEPPER = "dev-pepper-not-secret-change-me-in-production";

const optionalText = z
	.string()
	.trim()
	.transform((value) => (value === "" ? undefined : value))
	.optional();

const envSchema = z
	.object({
		ESPACE_ENV: z.enum(["development", "test", "production"]).default("development"),
		HOST: z.string().trim().min(1).default("127.0.0.1"),
		PORT: z.coerce.number().int().min(0).max(65535).default(4321),
		PUBLIC_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		DATABASE_URL: z
			.string()
			.trim()
			.regex(
				/^(file:|libsql:|https?:|:memory:$)/,
				"doit commencer par file:, libsql:, https: ou valoir :memory:",
			)
			.default("file:data/espace.db"),
		DATABASE_AUTH_TOKEN: optionalText,
		RESEND_API_KEY: optionalText,
		RESEND_BASE_URL: optionalText.pipe(z.url().optional()),
		MAIL_FROM: z
			.string()
			.trim()
			.min(3)
			.default("Espace Harmonie Mutuelle <ne-pas-repondre@espace.localhost>"),
		MAIL_REPLY_TO: optionalText.pipe(z.email().optional()),
		// Where staff alerts go (a practice's rights checks that look like harvesting); unset, to
		// every active staff account, as the data-protection reminders do.
		STAFF_ALERT_EMAIL: optionalText.pipe(z.email().optional()),
		// A practice's rights checks (the terms forbid harvesting): a burst a busy pharmacy never
		// reaches, and an hourly cap. Raised only where a load test must not be throttled (bench/).
		RIGHTS_CHECKS_PER_MINUTE: z.coerce.number().int().min(1).default(30),
		RIGHTS_CHECKS_PER_HOUR: z.coerce.number().int().min(1).default(300),
		// Resend's documented default: 2 requests per second per team, shared by every API key.
		MAIL_RATE_PER_SECOND: z.coerce.number().positive().max(1000).default(2),
		MAIL_BREAKER_FAILURES: z.coerce.number().int().min(1).max(1000).default(5),
		MAIL_BREAKER_COOLDOWN_SECONDS: z.coerce.number().positive().max(3600).default(5),
		SESSION_PEPPER: z.string().min(32, "doit compter au moins 32 caractères").default(DEV_PEPPER),
		LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
		BODY_LIMIT_BYTES: z.coerce
			.number()
			.int()
			.min(1024)
			.max(50 * 1024 * 1024)
			.default(6 * 1024 * 1024),
		// The network finder's map (ADR 0030): a MapLibre style for vector tiles (for example
		// PMTiles on the project's own storage); unset, the map draws France's packaged outline.
		MAP_STYLE_URL: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		SEED_SCALE: z.coerce.number().int().min(1).max(1000).default(1),
		WORKER: z.enum(["on", "off"]).default("on"),
		/** Maintenance switched by configuration (issue 15): reads served, writes refused with a 503. */
		MAINTENANCE: z.enum(["on", "off"]).default("off"),
		// Identity federations (ADR 0039): off unless issuer, client id and secret are all set.
		FRANCECONNECT_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		FRANCECONNECT_CLIENT_ID: optionalText,
		FRANCECONNECT_CLIENT_SECRET: optionalText,
		FRANCECONNECT_ACR: z.string().trim().min(1).default("eidas1"),
		PRO_SANTE_CONNECT_ISSUER: optionalText.pipe(z.url({ protocol: /^https?$/ }).optional()),
		PRO_SANTE_CONNECT_CLIENT_ID: optionalText,
		PRO_SANTE_CONNECT_CLIENT_SECRET: optionalText,
		PRO_SANTE_CONNECT_ACR: z.string().trim().min(1).default("eidas1"),
		EXPORT_ASYNC_ROWS: z.coerce.number().int().min(1).max(100_000_000).default(20_000),
		TRUSTED_PROXIES: z
			.string()
			.trim()
			.default("")
			.transform((value) =>
				value
					.split(",")
					.map((address) => address.trim())
					.filter(Boolean),
			)
			.pipe(
				z.array(z.union([z.ipv4(), z.ipv6()], { error: "liste d'adresses IP séparées par des virgules" })),
			),
	})
	.superRefine((env, ctx) => {
		for (const prefix of ["FRANCECONNECT", "PRO_SANTE_CONNECT"] as const) {
			const parts = [env[`${prefix}_ISSUER`], env[`${prefix}_CLIENT_ID`], env[`${prefix}_CLIENT_SECRET`]];
			if (parts.some(Boolean) && !parts.every(Boolean))
				ctx.addIssue({
					code: "custom",
					path: [`${prefix}_ISSUER`],
					message: `${prefix}_ISSUER, ${prefix}_CLIENT_ID et ${prefix}_CLIENT_SECRET vont ensemble : les trois ou aucun`,
				});
			if (env.ESPACE_ENV === "production" && parts[0] && !parts[0].startsWith("https://"))
				ctx.addIssue({
					code: "custom",
					path: [`${prefix}_ISSUER`],
					message: "doit être une adresse https:// en production",
				});
		}
		if (env.ESPACE_ENV !== "production") return;
		if (env.SESSION_PEPPER === DEV_PEPPER) {
			ctx.addIssue({
				code: "custom",
				path: ["SESSION_PEPPER"],
				message: "doit être défini en production (secret d'au moins 32 caractères)",
			});
		}
		if (!env.PUBLIC_URL?.startsWith("https://")) {
			ctx.addIssue({
				code: "custom",
				path: ["PUBLIC_URL"],
				message: "doit être une adresse https:// en production",
			});
		}
		// Without a transport the local mailbox would take every e-mail and mark it sent: sign-in
		// codes and reset links would silently go nowhere.
		if (!env.RESEND_API_KEY) {
			ctx.addIssue({
				code: "custom",
				path: ["RESEND_API_KEY"],
				message:
					"doit être défini en production : sans transport d'e-mail, les codes de connexion et les liens ne partiraient jamais",
			});
		}
	});

export interface Config {
	readonly env: "development" | "test" | "production";
	readonly host: string;
	readonly port: number;
	/** Base of every link the application writes (e-mails, redirects): never taken from the Host header. */
	readonly publicUrl: URL;
	readonly database: { readonly url: string; readonly authToken: string | undefined };
	readonly mail: {
		readonly resendApiKey: string | undefined;
		readonly resendBaseUrl: string | undefined;
		readonly from: string;
		readonly replyTo: string | undefined;
		/** Requests per second to the provider, batch or single (ADR 0015). */
		readonly ratePerSecond: number;
		/** Consecutive transport failures that open the circuit breaker. */
		readonly breakerThreshold: number;
		/** First wait of an open breaker before its probe (doubles after each failed probe). */
		readonly breakerCooldownMs: number;
	};
	/** Where staff alerts go (STAFF_ALERT_EMAIL); undefined: every active staff account. */
	readonly staffAlertTo: string | undefined;
	/** Rights checks allowed per practice (RIGHTS_CHECKS_PER_MINUTE, RIGHTS_CHECKS_PER_HOUR). */
	readonly rightsCheckLimits: { readonly perMinute: number; readonly perHour: number };
	readonly sessionPepper: string;
	readonly logLevel: "debug" | "info" | "warn" | "error" | "silent";
	readonly bodyLimitBytes: number;
	readonly seedScale: number;
	/** The network finder's vector-tile style; undefined: France's outline, no tile server. */
	readonly mapStyleUrl: string | undefined;
	readonly workerInProcess: boolean;
	/**
	 * Addresses of the reverse proxies in front of the Node host: from them only, the client's
	 * address is read from `X-Forwarded-For` (empty: the socket's address, never a header).
	 */
	readonly trustedProxies: readonly string[];
	/** MAINTENANCE=on: the maintenance mode, whatever the database says (core/maintenance.ts). */
	readonly maintenance: boolean;
	/** The identity federations that are configured (ADR 0039); absent ones are off. */
	readonly federation: FederationConfig;
	/** From this many rows (estimated), « Mes données » exports are built by the worker and e-mailed (ADR 0038). */
	readonly exportAsyncRows: number;
}

/** One OpenID Connect provider: where it is, who we are to it, and the `acr` level we require. */
export interface FederationProviderConfig {
	readonly issuer: URL;
	readonly clientId: string;
	readonly clientSecret: string;
	readonly acr: string;
}

export interface FederationConfig {
	readonly franceconnect: FederationProviderConfig | undefined;
	readonly proSanteConnect: FederationProviderConfig | undefined;
}

function providerConfig(
	issuer: string | undefined,
	clientId: string | undefined,
	clientSecret: string | undefined,
	acr: string,
): FederationProviderConfig | undefined {
	if (!issuer || !clientId || !clientSecret) return undefined;
	return { issuer: new URL(issuer), clientId, clientSecret, acr };
}

export class ConfigError extends Error {
	override name = "ConfigError";
}

/** Parses the environment; throws a ConfigError naming every bad variable. */
export function parseConfig(source: Record<string, string | undefined>): Config {
	const parsed = envSchema.safeParse(source);
	if (!parsed.success) {
		const lines = parsed.error.issues.map((issue) => `- ${issue.path.join(".")} : ${issue.message}`);
		throw new ConfigError(`Configuration invalide :\n${lines.join("\n")}`);
	}
	const env = parsed.data;
	const publicUrl = new URL(env.PUBLIC_URL ?? `http://localhost:${env.PORT}`);
	return {
		env: env.ESPACE_ENV,
		host: env.HOST,
		port: env.PORT,
		publicUrl,
		database: { url: env.DATABASE_URL, authToken: env.DATABASE_AUTH_TOKEN },
		mail: {
			resendApiKey: env.RESEND_API_KEY,
			resendBaseUrl: env.RESEND_BASE_URL,
			from: env.MAIL_FROM,
			replyTo: env.MAIL_REPLY_TO,
			ratePerSecond: env.MAIL_RATE_PER_SECOND,
			breakerThreshold: env.MAIL_BREAKER_FAILURES,
			breakerCooldownMs: Math.round(env.MAIL_BREAKER_COOLDOWN_SECONDS * 1000),
		},
		staffAlertTo: env.STAFF_ALERT_EMAIL,
		rightsCheckLimits: { perMinute: env.RIGHTS_CHECKS_PER_MINUTE, perHour: env.RIGHTS_CHECKS_PER_HOUR },
		sessionPepper: env.SESSION_PEPPER,
		logLevel: env.LOG_LEVEL,
		bodyLimitBytes: env.BODY_LIMIT_BYTES,
		seedScale: env.SEED_SCALE,
		mapStyleUrl: env.MAP_STYLE_URL,
		workerInProcess: env.WORKER === "on",
		trustedProxies: env.TRUSTED_PROXIES,
		maintenance: env.MAINTENANCE === "on",
		federation: {
			franceconnect: providerConfig(
				env.FRANCECONNECT_ISSUER,
				env.FRANCECONNECT_CLIENT_ID,
				env.FRANCECONNECT_CLIENT_SECRET,
				env.FRANCECONNECT_ACR,
			),
			proSanteConnect: providerConfig(
				env.PRO_SANTE_CONNECT_ISSUER,
				env.PRO_SANTE_CONNECT_CLIENT_ID,
				env.PRO_SANTE_CONNECT_CLIENT_SECRET,
				env.PRO_SANTE_CONNECT_ACR,
			),
		},
		exportAsyncRows: env.EXPORT_ASYNC_ROWS,
	};
}
