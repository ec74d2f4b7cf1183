// « Rôles » (admin): the staff accounts with their role, and one small form per account to give,
// change or remove it. Each select has its own id and a label naming the account.
import { STAFF_ROLE_LABELS } from "../../../core/gestion/staff.ts";
import type { StaffMember } from "../../../core/gestion/staff-roles.ts";
import { staffRoleNames } from "../../../schema/tables/index.ts";
import { ErrorSummary, type FieldErrors } from "../form.tsx";
import { DATE_TIME, STATE_LABELS } from "./labels.ts";

export function RolesPage(props: {
	readonly members: readonly StaffMember[];
	readonly selfAccountId: number;
	readonly notice?: string | undefined;
	readonly errors: FieldErrors;
}) {
	return (
		<>
			<h1>Rôles</h1>
			<p>
				Un agent traite les demandes ; un superviseur agit aussi sur les comptes et lit la preuve ; un
				administrateur a aussi accès à l'exploitation et aux rôles. Vous ne pouvez pas retirer votre propre
				rôle d'administrateur, et le dernier administrateur ne peut jamais être retiré.
			</p>
			{props.notice ? (
				<div class="alert alert-success" role="status">
					{props.notice}
				</div>
			) : null}
			<ErrorSummary errors={props.errors} />
			<section class="table-wrap" tabindex={0} aria-labelledby="roles-titre">
				<table>
					<caption id="roles-titre">Comptes de l'espace gestion</caption>
					<thead>
						<tr>
							<th scope="col">Identifiant</th>
							<th scope="col">E-mail</th>
							<th scope="col">État</th>
							<th scope="col">Rôle</th>
							<th scope="col">Changer le rôle</th>
						</tr>
					</thead>
					<tbody>
						{props.members.map((member) => {
							const id = `role-${member.identifier}`;
							return (
								<tr>
									<th scope="row">
										{member.identifier}
										{member.accountId === props.selfAccountId ? " (vous)" : ""}
									</th>
									<td>{member.email}</td>
									<td>{STATE_LABELS[member.state]}</td>
									<td>
										{member.role ? STAFF_ROLE_LABELS[member.role] : "Aucun"}
										{member.grantedAt ? `, depuis le ${DATE_TIME.format(member.grantedAt)}` : ""}
									</td>
									<td>
										<form method="post" action={`/gestion/roles/${member.identifier}`} class="inline-form">
											<label for={id} class="sr-only">
												Nouveau rôle de {member.identifier}
											</label>
											<select id={id} name="role">
												{staffRoleNames.map((role) => (
													<option value={role} selected={member.role === role}>
														{STAFF_ROLE_LABELS[role]}
													</option>
												))}
												<option value="aucun" selected={member.role === null}>
													Aucun rôle
												</option>
											</select>{" "}
											<button type="submit" class="button-secondary">
												Enregistrer<span class="sr-only"> le rôle de {member.identifier}</span>
											</button>
										</form>
									</td>
								</tr>
							);
						})}
					</tbody>
				</table>
			</section>
		</>
	);
}
