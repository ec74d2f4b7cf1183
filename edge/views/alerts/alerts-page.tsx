// « Mes alertes » (`/compte/alertes`): one checkbox per notification kind the holder may switch
// off, by e-mail (the only channel today); the security alerts listed apart, always on, with why.
import type { NotificationChoices } from "../../../core/notification-preferences.ts";
import type { NotificationKind } from "../../../schema/tables/index.ts";
import { Alert, Checkbox } from "../form.tsx";

export const ALERTS_PATH = "/compte/alertes";

/** The form's field of each optional kind (French, as users may read them in the address bar). */
export const OPTIONAL_FIELDS = {
	releve: "statement_available",
	paiement: "payment_made",
	reponse: "request_answered",
	cgu: "cgu_update",
} as const satisfies Record<string, NotificationKind>;

const OPTIONAL_LABELS: Readonly<Record<keyof typeof OPTIONAL_FIELDS, string>> = {
	releve: "Un nouveau relevé de prestations est disponible",
	paiement: "Un remboursement vous a été versé",
	reponse: "Une réponse à votre demande ou réclamation est disponible",
	cgu: "Les conditions d'utilisation changent (vous serez de toute façon invité à les accepter à votre prochaine connexion)",
};

export interface AlertsPageProps {
	readonly choices: NotificationChoices;
	readonly saved?: boolean;
	readonly error?: string | undefined;
}

export function AlertsPage({ choices, saved, error }: AlertsPageProps) {
	return (
		<>
			<h1>Mes alertes</h1>
			{saved ? <Alert kind="success">Vos choix sont enregistrés.</Alert> : null}
			{error ? <Alert kind="error">{error}</Alert> : null}
			<p class="lead">Choisissez les messages que la mutuelle vous envoie par e-mail.</p>
			<form method="post" action={ALERTS_PATH}>
				<fieldset>
					<legend>M'écrire par e-mail quand…</legend>
					{(Object.keys(OPTIONAL_FIELDS) as (keyof typeof OPTIONAL_FIELDS)[]).map((field) => (
						<Checkbox
							name={field}
							label={OPTIONAL_LABELS[field]}
							checked={choices[OPTIONAL_FIELDS[field]].email}
						/>
					))}
				</fieldset>
				<div class="actions">
					<button type="submit">Enregistrer mes choix</button>
				</div>
			</form>
			<h2>Alertes de sécurité, toujours envoyées</h2>
			<ul>
				<li>une connexion à votre compte depuis un nouvel appareil ;</li>
				<li>un changement de votre mot de passe ou de votre adresse e-mail.</li>
			</ul>
			<p>
				Ces alertes ne peuvent pas être désactivées : ce sont elles qui vous préviennent si quelqu'un d'autre
				utilise votre compte, pour que vous puissiez le signaler aussitôt et faire bloquer la connexion. Les
				conditions d'utilisation vous demandent de signaler sans délai toute utilisation frauduleuse.
			</p>
			<p class="muted">
				Les messages nécessaires à votre connexion (code de vérification, lien pour choisir un mot de passe)
				sont toujours envoyés. D'autres moyens de vous prévenir (SMS, notification sur téléphone) pourront
				s'ajouter ici.
			</p>
			<ul class="link-list">
				<li>
					<a href="/compte/securite">Retour à la sécurité de mon compte</a>
				</li>
			</ul>
		</>
	);
}
