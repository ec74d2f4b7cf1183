// `/compte/email`: the current address, then the password (a sensitive operation asks for it
// again) and the new address. After a request, the page says where to look and what happens next.
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export interface EmailChangeFormPageProps {
	readonly currentEmail: string;
	readonly sent?: boolean;
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

export function EmailChangeFormPage({
	currentEmail,
	sent = false,
	values,
	errors,
}: EmailChangeFormPageProps) {
	return (
		<>
			<h1>Changer mon adresse e-mail</h1>
			{sent ? (
				<Alert kind="success">
					Nous avons envoyé un lien de confirmation à la nouvelle adresse. Votre adresse ne change qu'une fois
					ce lien suivi ; il est valable 24 heures et ne sert qu'une fois.
				</Alert>
			) : null}
			<ErrorSummary errors={errors} />
			<p>
				Adresse actuelle : <strong>{currentEmail}</strong>
			</p>
			<p>
				Nous enverrons un lien de confirmation à la nouvelle adresse, et un message d'information à l'adresse
				actuelle.
			</p>
			<form method="post" action="/compte/email" novalidate>
				<TextField
					name="email"
					label="Nouvelle adresse e-mail"
					type="email"
					value={values.email}
					error={errors.email}
					autocomplete="email"
					maxlength={254}
				/>
				<TextField
					name="motDePasse"
					label="Mot de passe actuel"
					type="password"
					hint="Pour protéger votre compte, confirmez qu'il s'agit bien de vous."
					error={errors.motDePasse}
					autocomplete="current-password"
				/>
				<div class="actions">
					<button type="submit">Envoyer le lien de confirmation</button>
				</div>
			</form>
			<p class="standalone-link">
				<a href="/compte/securite">Revenir à mon compte</a>
			</p>
		</>
	);
}

export function EmailChangeUnavailablePage() {
	return (
		<>
			<h1>Changer mon adresse e-mail</h1>
			<p>
				Le changement d'adresse e-mail en ligne est momentanément indisponible. Votre adresse n'a pas changé.
			</p>
			<p>
				Réessayez plus tard, ou <a href="/informations/contact">contactez-nous</a>.
			</p>
		</>
	);
}
