// How stored users are answered: every documented field present, blanks as null, UTC timestamps
// without milliseconds.
import type { CustomFieldDefinition } from './fields';
import type { Store, UserRecord } from './store';
import type { AgentView, CustomFieldValues, RequesterView } from './types';

/** `YYYY-MM-DDTHH:MM:SSZ` */
export function formatTimestamp(ms: number): string {
	return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function formatOptionalTimestamp(ms: number | null): string | null {
	return ms === null ? null : formatTimestamp(ms);
}

function customFieldValues(definitions: CustomFieldDefinition[], values: CustomFieldValues): CustomFieldValues {
	const view: CustomFieldValues = {};
	for (const definition of definitions) view[definition.name] = values[definition.name] ?? null;
	return view;
}

function departmentNames(store: Store, ids: number[]): string[] {
	const names: string[] = [];
	for (const id of ids) {
		const department = store.departments.get(id);
		if (department) names.push(department.name);
	}
	return names;
}

function locationName(store: Store, id: number | null): string | null {
	return id === null ? null : (store.locations.get(id)?.name ?? null);
}

/** A user in requester shape; agents appear like this in `GET /requesters?include_agents=true`. */
export function toRequesterView(user: UserRecord, store: Store): RequesterView {
	return {
		id: user.id,
		is_agent: user.agent !== null,
		first_name: user.first_name,
		last_name: user.last_name,
		job_title: user.job_title,
		primary_email: user.primary_email,
		secondary_emails: [...user.secondary_emails],
		work_phone_number: user.work_phone_number,
		mobile_phone_number: user.mobile_phone_number,
		department_ids: [...user.department_ids],
		department_names: departmentNames(store, user.department_ids),
		can_see_all_tickets_from_associated_departments: user.can_see_all_tickets_from_associated_departments,
		reporting_manager_id: user.reporting_manager_id,
		address: user.address,
		time_zone: user.time_zone,
		time_format: user.time_format,
		language: user.language,
		location_id: user.location_id,
		location_name: locationName(store, user.location_id),
		background_information: user.background_information,
		custom_fields: customFieldValues(store.requesterCustomFields, user.custom_fields),
		external_id: user.external_id,
		active: user.active,
		has_logged_in: user.has_logged_in,
		vip_user: user.vip_user,
		created_at: formatTimestamp(user.created_at),
		updated_at: formatTimestamp(user.updated_at),
	};
}

/** An agent. Callers make sure `user.agent` is set. */
export function toAgentView(user: UserRecord, store: Store): AgentView {
	const agent = user.agent;
	if (!agent) throw new Error(`User ${user.id} is not an agent`);
	return {
		id: user.id,
		first_name: user.first_name,
		last_name: user.last_name,
		occasional: agent.occasional,
		active: user.active,
		job_title: user.job_title,
		email: user.primary_email,
		work_phone_number: user.work_phone_number,
		mobile_phone_number: user.mobile_phone_number,
		department_ids: [...user.department_ids],
		department_names: departmentNames(store, user.department_ids),
		can_see_all_tickets_from_associated_departments: user.can_see_all_tickets_from_associated_departments,
		reporting_manager_id: user.reporting_manager_id,
		address: user.address,
		time_zone: user.time_zone,
		time_format: user.time_format,
		language: user.language,
		location_id: user.location_id,
		location_name: locationName(store, user.location_id),
		background_information: user.background_information,
		scoreboard_level_id: agent.scoreboard_level_id,
		scoreboard_points: null,
		member_of: [...agent.member_of],
		observer_of: [...agent.observer_of],
		member_of_pending_approval: [...agent.member_of_pending_approval],
		observer_of_pending_approval: [...agent.observer_of_pending_approval],
		roles: agent.roles.map((role) => ({ ...role, groups: [...role.groups] })),
		signature: agent.signature,
		custom_fields: customFieldValues(store.agentCustomFields, agent.custom_fields),
		workspace_ids: [...agent.workspace_ids],
		api_key_enabled: agent.api_key_enabled,
		external_id: user.external_id,
		has_logged_in: user.has_logged_in,
		vip_user: user.vip_user,
		last_login_at: formatOptionalTimestamp(agent.last_login_at),
		last_active_at: formatOptionalTimestamp(agent.last_active_at),
		created_at: formatTimestamp(user.created_at),
		updated_at: formatTimestamp(user.updated_at),
	};
}
