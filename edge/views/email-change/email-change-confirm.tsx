// Behind the link sent to the new address: opening it changes nothing (mail scanners open links);
// the button does. A link that is unknown, expired or already used gets a page that says so.
import type { LinkFailure } from "../../../core/account-activation.ts";

export function EmailChangeConfirmPage({
	newEmail,
	token,
}: {
	readonly newEmail: string;
	readonly token: string;
}) {
	return (
		<>
			<h1>Confirmer ma nouvelle adresse e-mail</h1>
			<p>
				Votre compte utilisera désormais l'adresse <strong>{newEmail}</strong> pour tous nos e-mails.
			</p>
			<form method="post" action="/compte/email/confirmer">
				<input type="hidden" name="jeton" value={token} />
				<div class="actions">
					<button type="submit">Confirmer cette adresse</button>
				</div>
			</form>
		</>
	);
}

export function EmailChangedPage() {
	return (
		<>
			<h1>Adresse e-mail modifiée</h1>
			<p>Votre nouvelle adresse est enregistrée. Nos prochains e-mails vous y seront envoyés.</p>
			<p>
				<a href="/connexion">Accéder à mon espace</a>
			</p>
		</>
	);
}

const PROBLEMS: Readonly<Record<LinkFailure, string>> = {
	invalid:
		"Ce lien de confirmation n'est pas valable. Vérifiez que vous avez copié le lien entier depuis l'e-mail.",
	expired: "Ce lien de confirmation a expiré : il n'est valable que 24 heures.",
	used: "Ce lien de confirmation a déjà servi, ou une demande plus récente l'a remplacé.",
};

export function EmailChangeLinkProblemPage({ reason }: { readonly reason: LinkFailure }) {
	return (
		<>
			<h1>Lien de confirmation non valable</h1>
			<p>{PROBLEMS[reason]}</p>
			<p>Votre adresse e-mail n'a pas changé. Vous pouvez refaire la demande depuis votre compte.</p>
			<p>
				<a href="/compte/email">Changer mon adresse e-mail</a>
			</p>
		</>
	);
}
