// The sign-in pages: identifier and password, then the second factor.
import type { ProviderInfo } from "../../core/federation/providers.ts";
import type { BlockCause } from "../../core/sign-in.ts";
import { CredentialFields, RecoveryChoice } from "./credential-fields.tsx";
import { FederationButtons } from "./federation/federation-pages.tsx";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "./form.tsx";

/** What the holder of a blocked account is told, on the page and by the API. */
export const BLOCKED_MESSAGES: Readonly<Record<BlockCause, string>> = {
	suspended:
		"Votre compte est suspendu : vous ne pouvez pas vous connecter pour le moment. Pour en connaître la raison et le rouvrir, contactez nos services.",
	fraud_report:
		"Votre compte est bloqué depuis votre signalement d'une utilisation frauduleuse. Pour le débloquer, choisissez un nouveau mot de passe avec le lien de l'e-mail qui a accusé réception de votre signalement, ou contactez nos services.",
};

export interface SignInPageProps {
	readonly next: string;
	readonly notice?: string | undefined;
	/** The account is suspended (the right password was given): say so and whom to contact. */
	readonly blocked?: BlockCause | undefined;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
	/** The identity federations configured (ADR 0039): one button each. */
	readonly federation?: readonly ProviderInfo[];
}

export function SignInPage({ next, notice, blocked, values, errors, federation = [] }: SignInPageProps) {
	return (
		<>
			<h1>Se connecter</h1>
			{notice ? <Alert kind="success">{notice}</Alert> : null}
			{blocked ? (
				<Alert kind="warning">
					<p>{BLOCKED_MESSAGES[blocked]}</p>
					<p>
						<a href="/informations/contact">Nous contacter</a>
					</p>
				</Alert>
			) : null}
			<ErrorSummary errors={errors} />
			<form method="post" action="/connexion" novalidate>
				{next ? <input type="hidden" name="next" value={next} /> : null}
				<CredentialFields values={values} errors={errors} />
				<div class="actions">
					<button type="submit">Se connecter</button>
				</div>
			</form>
			<FederationButtons providers={federation} next={next} />
			<ul class="link-list">
				<li>
					<a href="/mot-de-passe-oublie">Mot de passe oublié ?</a>
				</li>
				<li>
					<a href="/connexion/cle-d-acces">Se connecter avec une clé d'accès</a>
				</li>
				<li>
					<a href="/inscription">Créer mon compte</a>
				</li>
			</ul>
		</>
	);
}

export interface SecondFactorPageProps {
	readonly method: "email" | "totp";
	readonly next: string;
	readonly errors: FieldErrors;
	readonly resent?: boolean;
}

export function SecondFactorPage({ method, next, errors, resent = false }: SecondFactorPageProps) {
	return (
		<>
			<h1>Vérification de connexion</h1>
			{resent ? <Alert kind="success">Un nouveau code vous a été envoyé par e-mail.</Alert> : null}
			<ErrorSummary errors={errors} />
			<p>
				{method === "email"
					? "Pour protéger votre compte, saisissez le code à 6 chiffres que nous venons de vous envoyer par e-mail. Il est valable 10 minutes."
					: "Pour protéger votre compte, saisissez le code à 6 chiffres affiché par votre application d'authentification."}
			</p>
			<form method="post" action="/connexion/verification" novalidate>
				{next ? <input type="hidden" name="next" value={next} /> : null}
				<TextField
					name="code"
					label="Code de vérification"
					error={errors.code}
					autocomplete="one-time-code"
					inputmode="numeric"
					maxlength={32}
				/>
				{method === "totp" ? <RecoveryChoice /> : null}
				<div class="actions">
					<button type="submit">Valider</button>
				</div>
			</form>
			{method === "email" ? (
				<form method="post" action="/connexion/verification/renvoyer" class="inline-form">
					<button type="submit" class="button-secondary">
						Recevoir un nouveau code
					</button>
				</form>
			) : null}
			<ul class="link-list">
				<li>
					<a href="/connexion/verification/cle-d-acces">Utiliser plutôt une clé d'accès</a>
				</li>
			</ul>
			<form method="post" action="/deconnexion" class="inline-form">
				<button type="submit" class="button-link">
					Annuler et revenir à la connexion
				</button>
			</form>
		</>
	);
}
