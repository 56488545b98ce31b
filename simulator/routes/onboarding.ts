// Onboarding and offboarding requests: the initiator's form, create, view one, view all, tickets.
// The two kinds share one shape; the documentation leaves paging, filters, a missing required field
// and the form of lookup values open: each is a switch (README.md).
import { fieldError, MESSAGES, codeBody, typeMessage, oneOfMessage, type FieldError } from '../errors';
import { DATA_SOURCES } from '../onboarding-tenant';
import { nextLink, pageOf, parsePaging } from '../pagination';
import type { EmployeeRequestRecord, Store, UserRecord } from '../store';
import type { EmployeeFormField, EmployeeRequestKind } from '../types';
import { formatTimestamp } from '../views';
import type { ApiRequest, ApiResponse, Handler } from './context';
import { badRequest, notFound, ok } from './responses';

const LABEL: Record<EmployeeRequestKind, string> = { onboarding: 'Onboarding', offboarding: 'Offboarding' };

function isAdmin(store: Store, user: UserRecord): boolean {
	return (user.agent?.roles ?? []).some((role) => store.roles.get(role.role_id)?.role_type === 1);
}

/** The record a lookup value points to, as `lookup_values` shows it; undefined when there is none. */
function lookupRecord(store: Store, source: number | undefined, id: number): Record<string, unknown> | undefined {
	if (source === DATA_SOURCES.departments) {
		const department = store.departments.get(id);
		return department && { id, name: department.name, description: department.description };
	}
	if (source === DATA_SOURCES.locations) {
		const location = store.locations.get(id);
		return location && { id, name: location.name };
	}
	const user = store.users.get(id);
	if (!user || !user.active) return undefined;
	if (source === DATA_SOURCES.requesters && user.agent) return undefined;
	if (source === DATA_SOURCES.agents && !user.agent) return undefined;
	return { id, first_name: user.first_name, last_name: user.last_name, email: user.primary_email, mobile: user.mobile_phone_number, phone: user.work_phone_number };
}

/** A name (departments, locations) or an email (users) looked up by the server, under `idsOrNames`. */
function idForName(store: Store, source: number | undefined, text: string): number | undefined {
	const wanted = text.trim().toLowerCase();
	if (source === DATA_SOURCES.departments) return [...store.departments.values()].find((record) => record.name.toLowerCase() === wanted)?.id;
	if (source === DATA_SOURCES.locations) return [...store.locations.values()].find((record) => record.name.toLowerCase() === wanted)?.id;
	return store.emailOwner(wanted)?.id;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** One form field's value, checked; returns what is stored, or an error. */
function checkValue(store: Store, field: EmployeeFormField, value: unknown, lookupNames: boolean): { value: unknown } | { error: FieldError } {
	const wrongType = (type: string) => ({ error: fieldError(field.name, 'datatype_mismatch', typeMessage(type)) });
	const lookupId = (raw: unknown): number | FieldError => {
		let id: number | undefined;
		if (typeof raw === 'number' && Number.isSafeInteger(raw)) id = raw;
		else if (typeof raw === 'string' && lookupNames) id = idForName(store, field.data_source, raw);
		else return fieldError(field.name, 'datatype_mismatch', typeMessage('Integer'));
		return id !== undefined && lookupRecord(store, field.data_source, id) ? id : fieldError(field.name, 'invalid_value', 'It should be a valid record of its data source');
	};
	switch (field.field_type) {
		case 'custom_text':
		case 'custom_paragraph':
		case 'custom_url':
			return typeof value === 'string' ? { value } : wrongType('String');
		case 'custom_date':
			return typeof value === 'string' && DATE.test(value) && !Number.isNaN(Date.parse(value)) ? { value } : wrongType('date in the format yyyy-mm-dd');
		case 'custom_decimal':
		case 'custom_number':
			return typeof value === 'number' && Number.isFinite(value) ? { value } : wrongType('Number');
		case 'custom_checkbox':
			return typeof value === 'boolean' ? { value } : wrongType('Boolean');
		case 'custom_dropdown':
			return typeof value === 'string' && field.choices?.includes(value) ? { value } : { error: fieldError(field.name, 'invalid_value', oneOfMessage(field.choices ?? [])) };
		case 'custom_multi_select_dropdown':
			return Array.isArray(value) && value.every((choice) => typeof choice === 'string' && field.choices?.includes(choice))
				? { value }
				: { error: fieldError(field.name, 'invalid_value', oneOfMessage(field.choices ?? [])) };
		case 'custom_lookup_bigint': {
			const id = lookupId(value);
			return typeof id === 'number' ? { value: id } : { error: id };
		}
		case 'custom_multi_lookup': {
			if (!Array.isArray(value)) return wrongType('Array');
			const ids = value.map(lookupId);
			const error = ids.find((id): id is FieldError => typeof id !== 'number');
			return error ? { error } : { value: ids };
		}
		default:
			return { value };
	}
}

function lookupValues(store: Store, form: EmployeeFormField[], fields: Record<string, unknown>): Record<string, unknown> {
	const values: Record<string, unknown> = {};
	for (const field of form) {
		const value = fields[field.name];
		if (field.field_type === 'custom_lookup_bigint' && typeof value === 'number') values[field.name] = lookupRecord(store, field.data_source, value) ?? null;
		if (field.field_type === 'custom_multi_lookup' && Array.isArray(value)) values[field.name] = value.map((id) => lookupRecord(store, field.data_source, Number(id)));
	}
	return values;
}

function summaryView(record: EmployeeRequestRecord): Record<string, unknown> {
	return {
		id: record.id,
		created_at: formatTimestamp(record.created_at),
		updated_at: formatTimestamp(record.updated_at),
		status: record.status,
		subject: record.subject,
		fields: { ...record.fields },
	};
}

function fullView(store: Store, kind: EmployeeRequestKind, record: EmployeeRequestRecord): Record<string, unknown> {
	const initiator = store.users.get(record.initiator_id);
	return {
		...summaryView(record),
		ticket_id: record.tickets[0]?.id ?? null,
		actors: { 'HR Manager': { email: initiator?.primary_email ?? null, name: initiator?.first_name ?? null, response_status: 'Completed' } },
		lookup_values: lookupValues(store, store.employeeForms[kind], record.fields),
	};
}

export const showForm =
	(kind: EmployeeRequestKind): Handler =>
	(_request, env) =>
		ok({ fields: env.store.employeeForms[kind] });

export const createRequest =
	(kind: EmployeeRequestKind): Handler =>
	(request, env) => {
		const { store, behaviours } = env;
		const form = store.employeeForms[kind];
		const errors: FieldError[] = [];
		for (const key of Object.keys(request.body)) {
			if (key !== 'initiator_id' && key !== 'fields') errors.push(fieldError(key, 'invalid_field', MESSAGES.invalidField));
		}
		const sent = request.body.fields;
		if (sent === null || typeof sent !== 'object' || Array.isArray(sent)) return badRequest([...errors, fieldError('fields', 'datatype_mismatch', typeMessage('key/value pair'))]);
		let initiatorId = request.owner.id;
		if (request.body.initiator_id !== undefined) {
			// Documented: only an admin may raise a request on someone else's behalf.
			if (!isAdmin(store, request.owner)) return { status: 403, body: codeBody('access_denied', MESSAGES.accessDenied) };
			const id = request.body.initiator_id;
			if (typeof id !== 'number' || !store.users.get(id)?.active) errors.push(fieldError('initiator_id', 'invalid_value', 'It should be the ID of an active user'));
			else initiatorId = id;
		}
		const fields: Record<string, unknown> = Object.fromEntries(form.map((field) => [field.name, null]));
		const byName = new Map(form.map((field) => [field.name, field]));
		for (const [key, value] of Object.entries(sent as Record<string, unknown>)) {
			const field = byName.get(key);
			if (!field) {
				errors.push(fieldError(key, 'invalid_field', MESSAGES.invalidField));
				continue;
			}
			if (value === null) continue;
			const checked = checkValue(store, field, value, behaviours.employeeRequestLookupValues === 'idsOrNames');
			if ('error' in checked) errors.push(checked.error);
			else fields[key] = checked.value;
		}
		if (behaviours.employeeRequestMissingRequired === 'missingField') {
			for (const field of form) {
				const value = fields[field.name];
				if (field.required && (value === null || value === '' || (Array.isArray(value) && value.length === 0))) {
					if (!errors.some((error) => error.field === field.name)) errors.push(fieldError(field.name, 'missing_field', 'It should be a mandatory field'));
				}
			}
		}
		if (errors.length > 0) return badRequest(errors);
		const id = store.newEmployeeRequestId();
		const name = typeof fields.cf_employee_name === 'string' ? fields.cf_employee_name : String(fields.cf_employee_email ?? '');
		const subject = `Employee ${LABEL[kind]} Request for ${name}`;
		const record: EmployeeRequestRecord = {
			id,
			status: 1,
			subject,
			initiator_id: initiatorId,
			fields,
			created_at: request.now,
			updated_at: request.now,
			tickets: [
				{ id: store.newTicketId(), subject, status: 2 },
				{ id: store.newTicketId(), subject: `Accounts for ${name}`, status: 2 },
				{ id: store.newTicketId(), subject: kind === 'onboarding' ? `Laptop for ${name}` : `Collect the laptop of ${name}`, status: 2 },
			],
		};
		store.employeeRequests[kind].set(id, record);
		return {
			status: 201,
			body: { [`${kind}_request`]: fullView(store, kind, record) },
			headers: { Location: `${request.origin}/api/v2/${kind}_requests/${id}` },
		};
	};

export const showRequest =
	(kind: EmployeeRequestKind): Handler =>
	(request, env) => {
		const record = env.store.employeeRequests[kind].get(request.id);
		return record ? ok({ [`${kind}_request`]: fullView(env.store, kind, record) }) : notFound(env.behaviours);
	};

export const listRequests =
	(kind: EmployeeRequestKind): Handler =>
	(request: ApiRequest, env): ApiResponse => {
		const { behaviours } = env;
		const key = `${kind}_requests`;
		let records = [...env.store.employeeRequests[kind].values()].sort((a, b) => b.id - a.id);
		const status = request.params.get('status');
		if (status !== null && behaviours.employeeRequestStatusFilter === 'rejected') return badRequest([fieldError('status', 'invalid_field', MESSAGES.invalidField)]);
		if (status !== null && behaviours.employeeRequestStatusFilter === 'applied') records = records.filter((record) => String(record.status) === status);
		if (behaviours.employeeRequestListPaging === 'all') return ok({ [key]: records.map(summaryView) });
		const paged = parsePaging(request.params);
		if (!paged.ok) return badRequest(paged.errors);
		const page = pageOf(records, paged.paging);
		const headers = page.hasMore ? { link: nextLink(request.origin, `/api/v2${request.path}`, request.params, paged.paging.page) } : undefined;
		return { status: 200, body: { [key]: page.items.map(summaryView) }, headers };
	};

export const listTickets =
	(kind: EmployeeRequestKind): Handler =>
	(request, env) => {
		const record = env.store.employeeRequests[kind].get(request.id);
		if (!record) return notFound(env.behaviours);
		const stamp = formatTimestamp(record.created_at);
		const [parent, ...children] = record.tickets;
		const tickets = record.tickets.map((ticket) => ({
			id: ticket.id,
			created_at: stamp,
			updated_at: stamp,
			subject: ticket.subject,
			responder_email: '',
			status: ticket.status,
			predecessor_ticket_id: ticket === parent ? null : parent.id,
			successor_ticket_ids: ticket === parent ? children.map((child) => child.id) : null,
			...(ticket === parent ? {} : { [`${kind}_context`]: { fields: { ...record.fields }, lookup_values: lookupValues(env.store, env.store.employeeForms[kind], record.fields) } }),
		}));
		return ok({ [`${kind}_tickets`]: tickets });
	};
