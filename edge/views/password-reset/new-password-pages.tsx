// Choosing the new password from the e-mailed link (`/mot-de-passe-oublie/nouveau?jeton=…`), the
// page shown once it is changed (no automatic sign-in), and the page of a link that no longer
// works.
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export interface NewPasswordPageProps {
	readonly token: string;
	readonly errors: FieldErrors;
	/** The account is blocked after a fraud report: the password can change, sign-in waits. */
	readonly stillSuspended: boolean;
}

export function NewPasswordPage({ token, errors, stillSuspended }: NewPasswordPageProps) {
	return (
		<>
			<h1>Choisir un nouveau mot de passe</h1>
			<ErrorSummary errors={errors} />
			{stillSuspended ? (
				<Alert kind="warning">
					<p>
						Votre compte reste bloqué après votre signalement d'utilisation frauduleuse. Vous pourrez vous
						connecter avec ce nouveau mot de passe dès que nos services auront rouvert votre compte.
					</p>
				</Alert>
			) : null}
			<p>
				Choisissez un mot de passe d'au moins 12 caractères, que vous n'utilisez nulle part ailleurs. Une
				phrase de plusieurs mots est facile à retenir et difficile à deviner. Toutes vos sessions ouvertes
				seront fermées.
			</p>
			<form method="post" action="/mot-de-passe-oublie/nouveau" novalidate>
				<input type="hidden" name="jeton" value={token} />
				<TextField
					name="motDePasse"
					label="Nouveau mot de passe"
					type="password"
					hint="Entre 12 et 128 caractères, sans autre règle."
					error={errors.motDePasse}
					autocomplete="new-password"
				/>
				<TextField
					name="confirmation"
					label="Confirmation du nouveau mot de passe"
					type="password"
					error={errors.confirmation}
					autocomplete="new-password"
				/>
				<div class="actions">
					<button type="submit">Enregistrer le mot de passe</button>
				</div>
			</form>
		</>
	);
}

export function PasswordChangedPage({ stillSuspended }: { readonly stillSuspended: boolean }) {
	return (
		<>
			<h1>Votre mot de passe est changé</h1>
			<Alert kind="success">
				<p>
					Votre nouveau mot de passe est enregistré. Par sécurité, toutes les sessions ouvertes sur votre
					compte ont été fermées.
				</p>
			</Alert>
			{stillSuspended ? (
				<p>
					Votre compte reste bloqué le temps que nos services vérifient votre signalement d'utilisation
					frauduleuse. Dès sa réouverture, vous pourrez vous connecter avec ce nouveau mot de passe.
				</p>
			) : (
				<p class="standalone-link">
					<a href="/connexion">Se connecter avec le nouveau mot de passe</a>
				</p>
			)}
		</>
	);
}

export type LinkProblem = "invalid" | "expired" | "used";

const PROBLEMS: Readonly<Record<LinkProblem, string>> = {
	invalid:
		"Ce lien de changement de mot de passe n'est pas valable. Vérifiez que vous avez copié le lien en entier.",
	expired: "Ce lien de changement de mot de passe a expiré : il n'est valable que 30 minutes.",
	used: "Ce lien de changement de mot de passe a déjà servi ou a été remplacé par un lien plus récent : chaque lien ne sert qu'une fois.",
};

export function ResetLinkProblemPage({ problem }: { readonly problem: LinkProblem }) {
	return (
		<>
			<h1>Lien non valable</h1>
			<Alert kind="error">
				<p>{PROBLEMS[problem]}</p>
			</Alert>
			<p>
				<a href="/mot-de-passe-oublie">Demander un nouveau lien</a>
			</p>
		</>
	);
}
