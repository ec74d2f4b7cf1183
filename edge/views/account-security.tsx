// The pages of `/compte/securite`.
import { raw } from "hono/html";
import type { SignInEvent } from "../../core/account-security.ts";
import type { FederatedIdentity } from "../../core/federation/identities.ts";
import { withFirstOfMonth } from "../../core/format.ts";
import type { Account, Session } from "../../schema/tables/index.ts";
import { FederatedIdentitiesSection } from "./federation/federation-pages.tsx";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "./form.tsx";

const DATE_TIME = new Intl.DateTimeFormat("fr-FR", {
	dateStyle: "medium",
	timeStyle: "short",
	timeZone: "Europe/Paris",
});

export interface SecurityPageProps {
	readonly account: Account;
	readonly currentSessionId: string;
	readonly sessions: readonly Session[];
	readonly signIns: readonly SignInEvent[];
	/** FranceConnect / Pro Santé Connect identities linked to the account (ADR 0039). */
	readonly identities?: readonly FederatedIdentity[];
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
}

function eventLabel(event: SignInEvent): string {
	if (event.action === "auth.sign_in.completed") return "Connexion réussie";
	return "Mot de passe incorrect";
}

export function SecurityPage({
	account,
	currentSessionId,
	sessions,
	signIns,
	identities = [],
	notice,
	errors,
}: SecurityPageProps) {
	const mandatoryApp = account.space === "employeur" || account.space === "professionnel";
	return (
		<>
			<h1>Sécurité de mon compte</h1>
			{notice ? <Alert kind="success">{notice}</Alert> : null}
			<ErrorSummary errors={errors} />

			<h2>Sessions ouvertes</h2>
			<section class="table-wrap" tabindex={0} aria-labelledby="sessions-titre">
				<table>
					<caption id="sessions-titre">Appareils connectés à votre compte</caption>
					<thead>
						<tr>
							<th scope="col">Appareil</th>
							<th scope="col">Lieu approximatif</th>
							<th scope="col">Dernière activité</th>
							<th scope="col">Action</th>
						</tr>
					</thead>
					<tbody>
						{sessions.map((session) => (
							<tr>
								<td>
									{session.userAgentLabel ?? "Appareil inconnu"}
									{session.id === currentSessionId ? <strong> (cette session)</strong> : null}
								</td>
								<td>{session.approximatePlace ?? "Non déterminé"}</td>
								<td>{withFirstOfMonth(DATE_TIME.format(session.lastUsedAt))}</td>
								<td>
									<form
										method="post"
										action={`/compte/securite/sessions/${session.id}/fin`}
										class="inline-form"
									>
										<button type="submit" class="button-secondary">
											{session.id === currentSessionId ? "Me déconnecter" : "Mettre fin"}
											<span class="sr-only"> à la session {session.userAgentLabel ?? ""}</span>
										</button>
									</form>
								</td>
							</tr>
						))}
					</tbody>
				</table>
			</section>
			{sessions.length > 1 ? (
				<form method="post" action="/compte/securite/sessions/autres/fin">
					<button type="submit" class="button-secondary">
						Mettre fin à toutes les autres sessions
					</button>
				</form>
			) : null}

			<h2>Connexions récentes</h2>
			{signIns.length === 0 ? (
				<p>Aucune connexion enregistrée.</p>
			) : (
				<ul>
					{signIns.map((event) => (
						<li>
							{withFirstOfMonth(DATE_TIME.format(event.at))} : {eventLabel(event)}
							{event.device ? ` (${event.device})` : ""}
						</li>
					))}
				</ul>
			)}

			<ul class="link-list">
				<li>
					<a href="/compte/activite">Voir toute l'activité de mon compte</a>
				</li>
				<li>
					<a href="/compte/alertes">Choisir les alertes que je reçois par e-mail</a>
				</li>
			</ul>

			<h2>Mot de passe</h2>
			<form method="post" action="/compte/securite/mot-de-passe" novalidate>
				<TextField
					name="actuel"
					label="Mot de passe actuel"
					type="password"
					autocomplete="current-password"
					error={errors.actuel}
				/>
				<TextField
					name="nouveau"
					label="Nouveau mot de passe"
					type="password"
					autocomplete="new-password"
					hint="Au moins 12 caractères. Une phrase de plusieurs mots est facile à retenir et difficile à deviner."
					error={errors.nouveau}
				/>
				<TextField
					name="confirmation"
					label="Confirmation du nouveau mot de passe"
					type="password"
					autocomplete="new-password"
					error={errors.confirmation}
				/>
				<div class="actions">
					<button type="submit">Changer mon mot de passe</button>
				</div>
			</form>

			<h2>Second facteur de connexion</h2>
			{account.totpEnabled ? (
				<>
					<p>À chaque connexion, un code de votre application d'authentification vous est demandé.</p>
					{mandatoryApp ? (
						<p class="muted">Elle est obligatoire pour votre espace.</p>
					) : (
						<form method="post" action="/compte/securite/application/desactiver" novalidate>
							<TextField
								name="motDePasse"
								label="Mot de passe (pour désactiver l'application)"
								type="password"
								autocomplete="current-password"
								error={errors.motDePasse}
							/>
							<button type="submit" class="button-secondary">
								Revenir au code par e-mail
							</button>
						</form>
					)}
				</>
			) : (
				<>
					<p>À chaque connexion, un code vous est envoyé par e-mail.</p>
					<p>
						<a href="/compte/securite/application">Utiliser plutôt une application d'authentification</a>
					</p>
				</>
			)}

			<h2>Clés d'accès</h2>
			<p>
				Connectez-vous sans mot de passe avec le déverrouillage de votre téléphone ou de votre ordinateur.{" "}
				<a href="/compte/cles-d-acces">Gérer mes clés d'accès</a>
			</p>

			<FederatedIdentitiesSection identities={identities} />

			<h2>Adresse e-mail</h2>
			<p>
				Les messages de sécurité sont envoyés à l'adresse de votre compte.{" "}
				<a href="/compte/email">Changer d'adresse e-mail</a>
			</p>

			<h2>Utilisation frauduleuse</h2>
			<p>
				Si vous pensez que quelqu'un d'autre utilise votre compte, signalez-le : la connexion sera bloquée,
				toutes les sessions fermées et nos services prévenus.
			</p>
			<form method="post" action="/compte/signaler">
				<button type="submit" class="button-danger">
					Signaler une utilisation frauduleuse
				</button>
			</form>

			<h2>Mes données personnelles</h2>
			<p>
				<a href="/compte/donnees">Télécharger, corriger mes données et gérer mes choix</a>
			</p>

			<h2>Fermeture du compte</h2>
			<p>
				<a href="/compte/fermeture">Demander la suppression de mon compte</a>
			</p>
		</>
	);
}

export interface TotpEnrolmentPageProps {
	readonly secret: string;
	readonly qrSvg: string;
	readonly mandatory: boolean;
	readonly errors: FieldErrors;
}

export function TotpEnrolmentPage({ secret, qrSvg, mandatory, errors }: TotpEnrolmentPageProps) {
	return (
		<>
			<h1>Application d'authentification</h1>
			{mandatory ? (
				<Alert kind="info">
					Pour votre espace, une application d'authentification est obligatoire. Activez-la pour continuer.
				</Alert>
			) : null}
			<ErrorSummary errors={errors} />
			<ol>
				<li>
					Ouvrez votre application d'authentification (par exemple FreeOTP, Aegis, Google Authenticator ou
					Microsoft Authenticator).
				</li>
				<li>
					Scannez ce QR code, ou saisissez la clé <code>{secret}</code>.
					<figure class="qr" aria-label="QR code à scanner avec votre application">
						{raw(qrSvg)}
					</figure>
				</li>
				<li>Saisissez le code à 6 chiffres affiché par l'application.</li>
			</ol>
			<form method="post" action="/compte/securite/application" novalidate>
				<TextField
					name="code"
					label="Code affiché par l'application"
					inputmode="numeric"
					autocomplete="one-time-code"
					maxlength={6}
					error={errors.code}
				/>
				<button type="submit">Activer</button>
			</form>
		</>
	);
}

export function RecoveryCodesPage({ codes }: { readonly codes: readonly string[] }) {
	return (
		<>
			<h1>Codes de secours</h1>
			<Alert kind="success">L'application d'authentification est activée.</Alert>
			<p>
				Conservez ces codes de secours en lieu sûr : chacun permet une connexion si vous n'avez plus accès à
				votre application. Ils ne seront plus affichés.
			</p>
			<ul class="recovery-codes">
				{codes.map((code) => (
					<li>
						<code>{code}</code>
					</li>
				))}
			</ul>
			<p>
				<a class="button" href="/compte/securite">
					J'ai noté mes codes
				</a>
			</p>
		</>
	);
}
