// Behind the link of the activation e-mail: the identifier reminded, the password chosen twice.
// A link that is unknown, expired or already used gets a page that says so plainly and points
// back to the sign-up, which sends a new link while the account is still waiting.
import type { LinkFailure } from "../../../core/account-activation.ts";
import { ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export interface ActivationPageProps {
	readonly identifier: string;
	readonly token: string;
	readonly errors: FieldErrors;
}

export function ActivationPage({ identifier, token, errors }: ActivationPageProps) {
	return (
		<>
			<h1>Choisir mon mot de passe</h1>
			<ErrorSummary errors={errors} />
			<p>
				Votre identifiant est <strong>{identifier}</strong>. Notez-le : il vous sera demandé à chaque
				connexion.
			</p>
			<form method="post" action="/compte/activer" novalidate>
				<input type="hidden" name="jeton" value={token} />
				<TextField
					name="password"
					label="Mot de passe"
					type="password"
					hint="Au moins 12 caractères. Une phrase de plusieurs mots sans lien avec vous est facile à retenir et difficile à deviner."
					error={errors.password}
					autocomplete="new-password"
					maxlength={128}
				/>
				<TextField
					name="confirmation"
					label="Confirmation du mot de passe"
					type="password"
					error={errors.confirmation}
					autocomplete="new-password"
					maxlength={128}
				/>
				<div class="actions">
					<button type="submit">Activer mon compte</button>
				</div>
			</form>
		</>
	);
}

const PROBLEMS: Readonly<Record<LinkFailure, string>> = {
	invalid:
		"Ce lien d'activation n'est pas valable. Vérifiez que vous avez copié le lien entier depuis l'e-mail.",
	expired: "Ce lien d'activation a expiré : il n'est valable que 24 heures.",
	used: "Ce lien d'activation a déjà servi : votre compte est peut-être déjà activé.",
};

export function ActivationLinkProblemPage({ reason }: { readonly reason: LinkFailure }) {
	return (
		<>
			<h1>Lien d'activation non valable</h1>
			<p>{PROBLEMS[reason]}</p>
			<p>
				Recommencez votre inscription : si votre compte attend encore son activation, vous recevrez un nouveau
				lien.
			</p>
			<ul>
				<li>
					<a href="/inscription">Recommencer mon inscription</a>
				</li>
				<li>
					<a href="/connexion">Se connecter</a>
				</li>
			</ul>
		</>
	);
}
