// Asking for a reset link (`/mot-de-passe-oublie`), and the answer, which is the same whether
// the identifier exists or not (SECURITY.md "Reset").
import { Alert, ErrorSummary, type FieldErrors, TextField } from "../form.tsx";

export interface RequestResetPageProps {
	readonly values: Readonly<Record<string, string>>;
	readonly errors: FieldErrors;
}

export function RequestResetPage({ values, errors }: RequestResetPageProps) {
	return (
		<>
			<h1>Mot de passe oublié</h1>
			<ErrorSummary errors={errors} />
			<p>
				Saisissez votre identifiant : si un compte actif lui correspond, nous envoyons à l'adresse e-mail du
				compte un lien pour choisir un nouveau mot de passe. Ce lien est valable 30 minutes et ne sert qu'une
				fois.
			</p>
			<form method="post" action="/mot-de-passe-oublie" novalidate>
				<TextField
					name="identifiant"
					label="Identifiant"
					hint="Les 10 chiffres reçus par e-mail lors de votre inscription."
					value={values.identifiant}
					error={errors.identifiant}
					autocomplete="username"
					inputmode="numeric"
					maxlength={10}
				/>
				<div class="actions">
					<button type="submit">Recevoir un lien</button>
				</div>
			</form>
			<p class="standalone-link">
				<a href="/connexion">Revenir à la connexion</a>
			</p>
		</>
	);
}

export function RequestSentPage() {
	return (
		<>
			<h1>Vérifiez votre messagerie</h1>
			<Alert kind="info">
				<p>
					Si l'identifiant saisi correspond à un compte actif, un e-mail vient d'être envoyé à l'adresse de ce
					compte avec un lien pour choisir un nouveau mot de passe. Le lien est valable 30 minutes.
				</p>
			</Alert>
			<p>
				Rien reçu après quelques minutes ? Vérifiez le dossier des indésirables, puis{" "}
				<a href="/mot-de-passe-oublie">demandez un nouveau lien</a>. Si votre compte a été bloqué après un
				signalement d'utilisation frauduleuse, aucun lien n'est envoyé tant que nos services ne l'ont pas
				rouvert.
			</p>
			<p class="standalone-link">
				<a href="/connexion">Revenir à la connexion</a>
			</p>
		</>
	);
}
