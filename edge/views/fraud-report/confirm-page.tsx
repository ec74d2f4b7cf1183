// The confirmation step of "Signaler une utilisation frauduleuse": opening the e-mailed link (or
// the page from the security settings) changes nothing; the button does.
import { Alert } from "../form.tsx";

export interface ConfirmFraudReportPageProps {
	/** The e-mailed link's token; absent when signed in (`/compte/signaler`). */
	readonly token?: string | undefined;
	/** The activity-log line the holder does not recognise (« Ce n'était pas moi »). */
	readonly line?: { readonly seq: number; readonly at: string; readonly label: string } | undefined;
}

export function ConfirmFraudReportPage({ token, line }: ConfirmFraudReportPageProps) {
	return (
		<>
			<h1>Signaler une utilisation frauduleuse</h1>
			{line ? (
				<dl class="facts" aria-label="L'activité que vous ne reconnaissez pas">
					<dt>Activité que vous ne reconnaissez pas</dt>
					<dd>
						{line.at} : {line.label}
					</dd>
				</dl>
			) : null}
			<p>
				Si vous pensez que quelqu'un d'autre utilise votre identifiant ou votre mot de passe, signalez-le :
				nous bloquons aussitôt la connexion à votre compte et fermons toutes les sessions ouvertes, puis nos
				services vérifient les opérations faites depuis votre compte.
			</p>
			<p>
				Vous recevrez par e-mail la référence de votre signalement et un lien pour choisir tout de suite un
				nouveau mot de passe. Vous pourrez vous connecter avec lui dès que nos services auront rouvert votre
				compte.
			</p>
			<form method="post" action={token ? "/signalement" : "/compte/signaler"}>
				{token ? <input type="hidden" name="jeton" value={token} /> : null}
				{line ? <input type="hidden" name="ligne" value={String(line.seq)} /> : null}
				<div class="actions">
					<button type="submit" class="button-danger">
						Signaler et bloquer mon compte
					</button>
				</div>
			</form>
			<ul class="link-list">
				<li>
					<a href={token ? "/connexion" : "/compte/securite"}>Ne rien signaler</a>
				</li>
			</ul>
		</>
	);
}

export type ReportLinkProblem = "invalid" | "expired" | "used";

const PROBLEMS: Readonly<Record<ReportLinkProblem, string>> = {
	invalid: "Ce lien de signalement n'est pas valable. Vérifiez que vous avez copié le lien en entier.",
	expired: "Ce lien de signalement a expiré : il est valable 7 jours.",
	used: "Ce lien de signalement a déjà servi. Si vous avez déjà signalé une utilisation frauduleuse, votre signalement est bien enregistré et un e-mail vous a été envoyé.",
};

export function ReportLinkProblemPage({ problem }: { readonly problem: ReportLinkProblem }) {
	return (
		<>
			<h1>Lien non valable</h1>
			<Alert kind="error">
				<p>{PROBLEMS[problem]}</p>
			</Alert>
			<p>
				Pour signaler une utilisation frauduleuse, connectez-vous et ouvrez la page « Mon compte », ou{" "}
				<a href="/informations/contact">contactez-nous</a> sans attendre.
			</p>
		</>
	);
}
