// The account deletion page: what happens, what the insurer keeps and why, the request itself.
import { RETENTION_RULES } from "../../core/donnees/retention.ts";
import { formatLongInstantDay } from "../../core/format.ts";
import { Checkbox, ErrorSummary, type FieldErrors, TextField } from "./form.tsx";

export interface AccountClosurePageProps {
	readonly pending: { readonly reference: string; readonly createdAt: Date } | undefined;
	readonly graceDays: number;
	readonly errors: FieldErrors;
}

export function AccountClosurePage({ pending, graceDays, errors }: AccountClosurePageProps) {
	return (
		<>
			<h1>Supprimer mon compte</h1>
			<ErrorSummary errors={errors} />
			<h2>Ce qui est supprimé, ce qui est conservé</h2>
			<p>
				La suppression de votre compte personnel efface vos identifiants de connexion et ferme toutes vos
				sessions. Vous pourrez toujours recréer un compte plus tard.
			</p>
			<p>
				Elle ne met pas fin à votre contrat. La mutuelle conserve les informations qu'elle est tenue de garder
				par la loi (contrat, cotisations, remboursements et justificatifs, pendant les délais de prescription
				et les durées comptables) et le journal des opérations qui fait preuve de celles-ci (article 17,
				paragraphe 3, du règlement général sur la protection des données).
			</p>
			<ul>
				{RETENTION_RULES.map((rule) => (
					<li>
						<strong>{rule.what}</strong> : {rule.kept} <span class="muted">{rule.why}</span>
					</li>
				))}
			</ul>
			<p>
				Avant de supprimer votre compte, vous pouvez{" "}
				<a href="/compte/donnees/export">télécharger vos données</a>.
			</p>
			{pending ? (
				<>
					<div class="alert alert-warning" role="status">
						<p>
							Votre demande {pending.reference} du {formatLongInstantDay(pending.createdAt)} sera exécutée le{" "}
							{formatLongInstantDay(new Date(pending.createdAt.getTime() + graceDays * 86_400_000))}. D'ici
							là, vous pouvez l'annuler.
						</p>
					</div>
					<form method="post" action="/compte/fermeture/annuler">
						<button type="submit" class="button-secondary">
							Annuler ma demande de suppression
						</button>
					</form>
				</>
			) : (
				<form method="post" action="/compte/fermeture" novalidate>
					<p>
						La suppression intervient {graceDays} jours après votre demande ; vous pouvez l'annuler jusque-là.
					</p>
					<TextField
						name="motDePasse"
						label="Mot de passe"
						type="password"
						autocomplete="current-password"
						error={errors.motDePasse}
					/>
					<Checkbox
						name="confirme"
						label="Je demande la suppression de mon compte personnel."
						error={errors.confirme}
						required
					/>
					<button type="submit" class="button-danger">
						Demander la suppression
					</button>
				</form>
			)}
		</>
	);
}
