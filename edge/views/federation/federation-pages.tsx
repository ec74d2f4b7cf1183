// The pages of a sign-in through FranceConnect or Pro Santé Connect (ADR 0039): the buttons on
// the sign-in page, the linking steps, the refusals, and the linked identities of /compte/securite.
import type { FederatedRefusal } from "../../../core/federation/federated-sign-in.ts";
import type { FederatedIdentity } from "../../../core/federation/identities.ts";
import { PROVIDERS, type ProviderInfo } from "../../../core/federation/providers.ts";
import { withFirstOfMonth } from "../../../core/format.ts";
import { CredentialFields, RecoveryChoice } from "../credential-fields.tsx";
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

const DATE = new Intl.DateTimeFormat("fr-FR", { dateStyle: "long", timeZone: "Europe/Paris" });
const SPACE_NAMES: Readonly<Record<string, string>> = {
	adherent: "l'espace adhérent",
	professionnel: "l'espace professionnel de santé",
};

/** What the person is told when a federated sign-in opens no session. */
export function refusalMessage(reason: FederatedRefusal, info: ProviderInfo): string {
	const { name } = info;
	switch (reason) {
		case "denied":
			return `La connexion avec ${name} a été annulée ou refusée par ${name}. Aucune connexion n'a été ouverte.`;
		case "provider_error":
			return `${name} a renvoyé une erreur. Réessayez dans quelques instants, ou connectez-vous avec votre identifiant et votre mot de passe.`;
		case "state":
			return `La réponse de ${name} ne correspond pas à la demande faite depuis ce navigateur. Par sécurité, la connexion est refusée : recommencez depuis la page de connexion.`;
		case "code":
			return `Cette autorisation de ${name} a déjà été utilisée ou n'est plus valable. Par sécurité, la connexion est refusée : recommencez depuis la page de connexion.`;
		case "nonce":
			return `Le jeton d'identité reçu de ${name} ne correspond pas à cette demande de connexion. Par sécurité, la connexion est refusée.`;
		case "acr":
			return `Le niveau de sécurité du moyen d'identification choisi sur ${name} est insuffisant pour ${SPACE_NAMES[info.space] ?? "cet espace"}. Choisissez un moyen d'identification plus sûr, puis recommencez.`;
		case "invalid":
			return `La réponse de ${name} n'a pas pu être vérifiée. Par sécurité, la connexion est refusée.`;
		case "unavailable":
			return `${name} ne répond pas pour le moment. Réessayez plus tard, ou connectez-vous avec votre identifiant et votre mot de passe.`;
		case "expired":
			return `Cette demande de connexion avec ${name} a expiré ou a déjà été utilisée. Recommencez depuis la page de connexion.`;
		case "blocked":
			return "La connexion à ce compte n'est pas possible. Contactez-nous.";
		case "wrong_space":
			return `${name} ne donne accès qu'à ${SPACE_NAMES[info.space] ?? "un autre espace"} : ce compte n'en fait pas partie.`;
		case "cancelled":
			return `La connexion avec ${name} est annulée : aucun compte n'a été relié.`;
	}
}

export function FederationButtons({ providers, next }: { providers: readonly ProviderInfo[]; next: string }) {
	if (providers.length === 0) return null;
	return (
		<section aria-labelledby="federation-titre" class="federation">
			<h2 id="federation-titre">Ou avec une identité numérique</h2>
			{/* Links, not forms: the CSP's form-action 'self' would stop a form's redirect to the provider. */}
			<ul class="link-list">
				{providers.map((info) => (
					<li>
						<a
							class="button button-secondary"
							href={`/connexion/${info.slug}${next ? `?next=${encodeURIComponent(next)}` : ""}`}
						>
							Se connecter avec {info.name}
						</a>
					</li>
				))}
			</ul>
		</section>
	);
}

export function FederationRefusalPage({ info, reason }: { info: ProviderInfo; reason: FederatedRefusal }) {
	return (
		<>
			<h1>Connexion avec {info.name}</h1>
			<Alert kind={reason === "cancelled" ? "info" : "error"}>{refusalMessage(reason, info)}</Alert>
			<p>
				<a href="/connexion">Revenir à la page de connexion</a>
			</p>
		</>
	);
}

function CancelLink({ info }: { info: ProviderInfo }) {
	return (
		<form method="post" action="/connexion/federation/liaison/annuler" class="inline-form">
			<button type="submit" class="button-link">
				Ne pas relier mon identité {info.name}
			</button>
		</form>
	);
}

export interface LinkPageProps {
	readonly info: ProviderInfo;
	readonly displayName: string | null;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

export function LinkPage({ info, displayName, values, errors }: LinkPageProps) {
	return (
		<>
			<h1>Relier votre identité {info.name}</h1>
			<Alert kind="info">
				{displayName ? `${info.name} vous a identifié : ${displayName}. ` : `${info.name} vous a identifié. `}
				Cette identité n'est pas encore reliée à un compte de votre espace.
			</Alert>
			<p>
				Connectez-vous une seule fois avec votre identifiant et votre mot de passe, puis le code de
				vérification : nous relierons les deux, et vos prochaines connexions avec {info.name} se feront
				directement.
			</p>
			<ErrorSummary errors={errors} />
			<form method="post" action="/connexion/federation/liaison" novalidate>
				<CredentialFields values={values} errors={errors} />
				<div class="actions">
					<button type="submit">Me connecter et relier</button>
				</div>
			</form>
			<CancelLink info={info} />
		</>
	);
}

export interface LinkSecondFactorPageProps {
	readonly info: ProviderInfo;
	readonly method: "email" | "totp";
	readonly errors: FieldErrors;
	readonly resent?: boolean;
}

export function LinkSecondFactorPage({ info, method, errors, resent = false }: LinkSecondFactorPageProps) {
	return (
		<>
			<h1>Vérification avant de relier {info.name}</h1>
			{resent ? <Alert kind="success">Un nouveau code vous a été envoyé par e-mail.</Alert> : null}
			<ErrorSummary errors={errors} />
			<p>
				{method === "email"
					? "Saisissez le code à 6 chiffres que nous venons de vous envoyer par e-mail. Il est valable 10 minutes."
					: "Saisissez le code à 6 chiffres affiché par votre application d'authentification."}
			</p>
			<form method="post" action="/connexion/federation/liaison/verification" novalidate>
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
					<button type="submit">Valider et relier</button>
				</div>
			</form>
			{method === "email" ? (
				<form method="post" action="/connexion/federation/liaison/renvoyer" class="inline-form">
					<button type="submit" class="button-secondary">
						Recevoir un nouveau code
					</button>
				</form>
			) : null}
			<CancelLink info={info} />
		</>
	);
}

/**
 * After signing out here: on to the provider's own logout. A refresh rather than a redirect: the
 * sign-out is a form, and the CSP's form-action 'self' forbids a form's redirect to another origin.
 */
export function FederatedLogoutPage({ info, url }: { info: ProviderInfo; url: string }) {
	return (
		<>
			<meta http-equiv="refresh" content={`0;url=${url}`} />
			<h1>Vous êtes déconnecté</h1>
			<Alert kind="success">Votre session de l'espace est fermée.</Alert>
			<p>
				<a href={url}>Fermer aussi ma session {info.name}</a>
			</p>
		</>
	);
}

/** The section of /compte/securite: the identities linked, each with its unlink button. */
export function FederatedIdentitiesSection({ identities }: { identities: readonly FederatedIdentity[] }) {
	return (
		<>
			<h2>Identités numériques reliées</h2>
			{identities.length === 0 ? (
				<p>Aucune identité numérique (FranceConnect, Pro Santé Connect) n'est reliée à votre compte.</p>
			) : (
				<ul>
					{identities.map((identity) => {
						const name = PROVIDERS[identity.provider].name;
						return (
							<li>
								{name}, reliée le {withFirstOfMonth(DATE.format(identity.linkedAt))}
								{identity.lastUsedAt
									? `, dernière connexion le ${withFirstOfMonth(DATE.format(identity.lastUsedAt))}`
									: ""}
								<form
									method="post"
									action={`/compte/securite/identites/${identity.id}/supprimer`}
									class="inline-form"
								>
									<button type="submit" class="button-secondary">
										Délier<span class="sr-only"> l'identité {name}</span>
									</button>
								</form>
							</li>
						);
					})}
				</ul>
			)}
		</>
	);
}
