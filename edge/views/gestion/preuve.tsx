// « Preuve »: an account's audit trail (newest first), whether the chain holds, and the export.
import type { ChainVerification } from "../../../core/audit.ts";
import type { TrailEntry } from "../../../core/gestion/proof.ts";
import { DATE_TIME } from "./labels.ts";

const OUTCOMES: Readonly<Record<string, string>> = {
	success: "Réussie",
	failure: "Échec",
	denied: "Refusée",
};
const ACTORS: Readonly<Record<string, string>> = {
	account: "Titulaire",
	staff: "Personnel",
	system: "Système",
	anonymous: "Anonyme",
};

export function ProofPage(props: {
	readonly identifier: string;
	readonly entries: readonly TrailEntry[];
	readonly verification: ChainVerification;
	readonly limit: number;
}) {
	const { verification } = props;
	const altered = props.entries.filter((entry) => !entry.intact).length;
	return (
		<>
			<h1>Preuve : compte {props.identifier}</h1>
			{verification.ok ? (
				<div class="alert alert-success" role="status">
					Chaîne du journal d'audit vérifiée : {verification.checked} entrée(s) intactes, dernière empreinte{" "}
					<code>{verification.lastHash.slice(0, 16)}…</code>
				</div>
			) : (
				<div class="alert alert-error" role="alert">
					Chaîne du journal d'audit rompue à l'entrée {verification.firstBrokenSeq} (
					{verification.broken.length} lien(s) rompu(s) sur {verification.checked}).
				</div>
			)}
			{altered > 0 ? (
				<div class="alert alert-error" role="alert">
					{altered} entrée(s) de ce compte ne correspondent plus à leur empreinte.
				</div>
			) : null}
			<p>
				<a class="button" href={`/gestion/preuve/${props.identifier}/preuve.json`} download>
					Exporter la preuve (JSON)
				</a>
			</p>
			<p class="muted">
				Le fichier contient les entrées du compte, leur forme canonique et leur empreinte, la tête de la
				chaîne et la façon de les vérifier sans notre logiciel (npm run audit:verify-bundle, ou jq et
				sha256sum).
			</p>
			{props.entries.length === 0 ? (
				<p>Aucune entrée pour ce compte.</p>
			) : (
				<section class="table-wrap" tabindex={0} aria-labelledby="journal-titre">
					<table>
						<caption id="journal-titre">
							Journal du compte, de la plus récente à la plus ancienne ({props.limit} entrées au plus)
						</caption>
						<thead>
							<tr>
								<th scope="col">N°</th>
								<th scope="col">Date</th>
								<th scope="col">Auteur</th>
								<th scope="col">Action</th>
								<th scope="col">Objet</th>
								<th scope="col">Résultat</th>
								<th scope="col">Empreinte</th>
							</tr>
						</thead>
						<tbody>
							{props.entries.map((entry) => (
								<tr>
									<th scope="row">{entry.seq}</th>
									<td>{DATE_TIME.format(entry.occurredAt)}</td>
									<td>{ACTORS[entry.actorKind] ?? entry.actorKind}</td>
									<td>{entry.action}</td>
									<td>{entry.objectType ? `${entry.objectType} ${entry.objectId ?? ""}` : "—"}</td>
									<td>{OUTCOMES[entry.outcome] ?? entry.outcome}</td>
									<td>
										<code>{entry.hash.slice(0, 12)}</code>
										{entry.intact ? "" : " (altérée)"}
									</td>
								</tr>
							))}
						</tbody>
					</table>
				</section>
			)}
			<p>
				<a href={`/gestion/comptes/${props.identifier}`}>Retour au compte</a>
			</p>
		</>
	);
}
