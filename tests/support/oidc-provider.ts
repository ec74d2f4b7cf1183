// A real OpenID Connect provider (`oidc-provider`) on 127.0.0.1, configured like FranceConnect or
// Pro Santé Connect (scopes, claims, acr values), for the federation tests (ADR 0039). Its login
// and consent screens are replaced by a handler that signs in whoever the test chose (or answers
// with the error it chose), so that Node's fetch can drive the redirects without a browser.
import { generateKeyPairSync, randomBytes } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import Provider, { type Configuration } from "oidc-provider";

export type FederationKind = "franceconnect" | "pro_sante_connect";

/** Who signs in at the next authorization, at which assurance level; or the error to answer. */
export type NextLogin =
	| { readonly sub: string; readonly acr: string }
	| { readonly error: "access_denied"; readonly description: string };

// FranceConnect's "identité pivot" (the claims we ask for), and what Pro Santé Connect returns under
// its single `scope_all`: the RPPS-based identifier (`SubjectNameID`, "8" + RPPS number), the
// practice data (`SubjectRefPro`), the names. Assumed from the public documentation.
const SCOPES: Record<FederationKind, { scopes: string[]; claims: Configuration["claims"] }> = {
	franceconnect: {
		scopes: ["openid", "given_name", "family_name", "birthdate", "email"],
		claims: {
			given_name: ["given_name"],
			family_name: ["family_name"],
			birthdate: ["birthdate"],
			email: ["email"],
			acr: null,
		},
	},
	pro_sante_connect: {
		scopes: ["openid", "scope_all"],
		claims: {
			scope_all: ["SubjectNameID", "SubjectRefPro", "family_name", "given_name", "preferred_username"],
			acr: null,
		},
	},
};

export interface TestOidcProvider {
	readonly issuer: string;
	readonly clientId: string;
	readonly clientSecret: string;
	/** The environment variables that configure the portal for this provider. */
	readonly env: Record<string, string>;
	/** Sets who the next authorization signs in (or its error). */
	next(login: NextLogin): void;
	/** Registers a person the provider knows, with their claims. */
	person(sub: string, claims: Record<string, unknown>): void;
	/**
	 * Follows an authorization request through the provider (its cookies kept, like a browser's)
	 * until it sends the browser back to the client; returns that address.
	 */
	authorize(url: string): Promise<URL>;
	close(): Promise<void>;
}

export async function startTestOidcProvider(options: {
	kind: FederationKind;
	/** The portal's public origin, e.g. http://localhost. */
	clientOrigin: string;
}): Promise<TestOidcProvider> {
	const server: Server = createServer();
	await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
	const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
	const slug = options.kind === "franceconnect" ? "franceconnect" : "pro-sante-connect";
	const clientId = `espace-${slug}`;
	const clientSecret = randomBytes(24).toString("hex");
	const people = new Map<string, Record<string, unknown>>();
	let nextLogin: NextLogin = { error: "access_denied", description: "no login was programmed" };
	const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
	const { scopes, claims } = SCOPES[options.kind];

	const provider = new Provider(issuer, {
		clients: [
			{
				client_id: clientId,
				client_secret: clientSecret,
				redirect_uris: [`${options.clientOrigin}/connexion/${slug}/retour`],
				post_logout_redirect_uris: [`${options.clientOrigin}/connexion?message=deconnecte`],
				response_types: ["code"],
				grant_types: ["authorization_code"],
				token_endpoint_auth_method: "client_secret_basic",
			},
		],
		scopes,
		claims,
		acrValues: ["eidas1", "eidas2", "eidas3"],
		pkce: { required: () => true },
		jwks: { keys: [{ ...privateKey.export({ format: "jwk" }), kid: "test-key", alg: "RS256", use: "sig" }] },
		cookies: { keys: [randomBytes(32).toString("hex")] },
		// Short, explicit lifetimes (seconds), as the federations' own: a code lives one minute.
		ttl: {
			AuthorizationCode: 60,
			Interaction: 600,
			Grant: 600,
			Session: 3600,
			AccessToken: 600,
			IdToken: 600,
		},
		features: {
			devInteractions: { enabled: false },
			rpInitiatedLogout: { enabled: true },
		},
		interactions: { url: (_ctx, interaction) => `/interaction/${interaction.uid}` },
		findAccount: (_ctx, sub) => {
			const known = people.get(sub);
			return known ? { accountId: sub, claims: () => ({ sub, ...known }) } : undefined;
		},
	});
	const handleProvider = provider.callback();

	async function interact(req: IncomingMessage, res: ServerResponse): Promise<void> {
		const details = await provider.interactionDetails(req, res);
		const login = nextLogin;
		if ("error" in login) {
			await provider.interactionFinished(req, res, {
				error: login.error,
				error_description: login.description,
			});
			return;
		}
		const grant = new provider.Grant({ accountId: login.sub, clientId });
		grant.addOIDCScope(String(details.params.scope ?? "openid"));
		await provider.interactionFinished(req, res, {
			login: { accountId: login.sub, acr: login.acr },
			consent: { grantId: await grant.save() },
		});
	}

	server.on("request", (req, res) => {
		if (req.url?.startsWith("/interaction/")) {
			interact(req, res).catch((error: unknown) => {
				res.statusCode = 500;
				res.end(String(error));
			});
			return;
		}
		handleProvider(req, res);
	});

	return {
		issuer,
		clientId,
		clientSecret,
		env:
			options.kind === "franceconnect"
				? {
						FRANCECONNECT_ISSUER: issuer,
						FRANCECONNECT_CLIENT_ID: clientId,
						FRANCECONNECT_CLIENT_SECRET: clientSecret,
					}
				: {
						PRO_SANTE_CONNECT_ISSUER: issuer,
						PRO_SANTE_CONNECT_CLIENT_ID: clientId,
						PRO_SANTE_CONNECT_CLIENT_SECRET: clientSecret,
					},
		next: (login) => {
			nextLogin = login;
		},
		person: (sub, personClaims) => {
			people.set(sub, personClaims);
		},
		async authorize(url) {
			const jar = new Map<string, string>();
			let current = new URL(url);
			for (let hop = 0; hop < 10; hop++) {
				if (current.origin !== issuer) return current;
				const response = await fetch(current, {
					redirect: "manual",
					headers: { Cookie: [...jar].map(([name, value]) => `${name}=${value}`).join("; ") },
				});
				for (const line of response.headers.getSetCookie()) {
					const [pair = ""] = line.split(";");
					const at = pair.indexOf("=");
					jar.set(pair.slice(0, at), pair.slice(at + 1));
				}
				const location = response.headers.get("Location");
				await response.body?.cancel();
				if (!location) throw new Error(`the provider answered ${response.status} without a redirect`);
				current = new URL(location, current);
			}
			throw new Error("too many redirects at the provider");
		},
		close: () =>
			new Promise<void>((resolve) => {
				server.closeAllConnections();
				server.close(() => resolve());
			}),
	};
}
