// Validation of requester and agent payloads, the way the real API does it: every error collected at
// once, undocumented and read-only keys refused, references to other records checked.
import {
	AGENT_WRITABLE_FIELDS,
	ASSIGNMENT_SCOPES,
	LANGUAGES,
	REQUESTER_WRITABLE_FIELDS,
	ROLE_ASSIGNMENT_KEYS,
	SCOREBOARD_LEVELS,
	TIME_FORMATS,
	TIME_ZONES,
	isRetiredAgentField,
	type CustomFieldDefinition,
	type FieldSpec,
} from './fields';
import {
	MESSAGES,
	fieldError,
	oneOfMessage,
	tooLongMessage,
	typeMessage,
	type FieldError,
} from './errors';
import type { Store, UserRecord } from './store';
import type { AssignmentScope, RoleAssignment } from './types';

export type UserKind = 'requester' | 'agent';

export interface ValidationOptions {
	kind: UserKind;
	mode: 'create' | 'update';
	/** The user being updated. */
	current?: UserRecord;
	lowercaseEmails: boolean;
}

export interface ValidatedPayload {
	/** 400 errors. */
	errors: FieldError[];
	/** duplicate_value errors, answered with the configured duplicate status when nothing else is wrong. */
	duplicates: FieldError[];
	/** Normalised values keyed by API field name, only for keys that were sent. */
	values: Record<string, unknown>;
}

const EMAIL_PATTERN = /^[^\s@"'<>(),;:\\]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/;
const POSITIVE_INTEGER = 'Positive Integer';

const isPositiveInteger = (value: unknown): value is number =>
	typeof value === 'number' && Number.isInteger(value) && value > 0;

const isPlainObject = (value: unknown): value is Record<string, unknown> =>
	typeof value === 'object' && value !== null && !Array.isArray(value);

interface FieldCheck {
	store: Store;
	options: ValidationOptions;
	errors: FieldError[];
}

type Outcome = { ok: true; value: unknown } | { ok: false };
const accept = (value: unknown): Outcome => ({ ok: true, value });
const reject = (check: FieldCheck, error: FieldError): Outcome => {
	check.errors.push(error);
	return { ok: false };
};

export function validateUserPayload(
	body: Record<string, unknown>,
	store: Store,
	options: ValidationOptions,
): ValidatedPayload {
	const specs = options.kind === 'agent' ? AGENT_WRITABLE_FIELDS : REQUESTER_WRITABLE_FIELDS;
	const check: FieldCheck = { store, options, errors: [] };
	const values: Record<string, unknown> = {};
	for (const [key, value] of Object.entries(body)) {
		const spec = Object.prototype.hasOwnProperty.call(specs, key) ? specs[key] : undefined;
		if (!spec || (options.kind === 'agent' && isRetiredAgentField(key))) {
			check.errors.push(fieldError(key, 'invalid_field', MESSAGES.invalidField));
			continue;
		}
		const outcome = checkField(key, value, spec, check);
		if (outcome.ok) values[key] = outcome.value;
	}
	checkRequiredFields(body, values, check);
	return { errors: check.errors, duplicates: findDuplicateEmails(values, store, options), values };
}

function checkRequiredFields(body: Record<string, unknown>, values: Record<string, unknown>, check: FieldCheck): void {
	const { options, errors } = check;
	const sent = (key: string) => body[key] !== undefined;
	if (options.mode === 'create') {
		if (!sent('first_name') || body.first_name === null) {
			errors.push(fieldError('first_name', 'missing_field', typeMessage('String')));
		}
		if (options.kind === 'agent') {
			if (!sent('email') || body.email === null) errors.push(fieldError('email', 'missing_field', typeMessage('String')));
			if (!sent('roles')) errors.push(fieldError('roles', 'missing_field', typeMessage('Array')));
		}
	}
	if (options.kind !== 'requester') return;
	const contactFields = ['primary_email', 'work_phone_number', 'mobile_phone_number'] as const;
	if (contactFields.some((key) => errors.some((error) => error.field === key))) return;
	const contactAfterWrite = contactFields.some((key) => {
		const value = key in values ? values[key] : options.current?.[key];
		return typeof value === 'string' && value.trim() !== '';
	});
	if (!contactAfterWrite) errors.push(fieldError('primary_email', 'missing_field', MESSAGES.missingContact));
}

function findDuplicateEmails(values: Record<string, unknown>, store: Store, options: ValidationOptions): FieldError[] {
	const selfId = options.current?.id;
	const primaryKey = options.kind === 'agent' ? 'email' : 'primary_email';
	const takenByOther = (email: string) => {
		const owner = store.emailOwner(email);
		return owner !== undefined && owner.id !== selfId;
	};
	const duplicates: FieldError[] = [];
	const primary = values[primaryKey];
	if (typeof primary === 'string' && takenByOther(primary)) {
		duplicates.push(fieldError(primaryKey, 'duplicate_value', MESSAGES.duplicate));
	}
	const secondaries = values.secondary_emails;
	if (Array.isArray(secondaries)) {
		const ownPrimary = (typeof primary === 'string' ? primary : options.current?.primary_email)?.toLowerCase();
		const clash = secondaries.some(
			(email: string) => takenByOther(email) || email.toLowerCase() === ownPrimary,
		);
		if (clash) duplicates.push(fieldError('secondary_emails', 'duplicate_value', MESSAGES.duplicate));
	}
	return duplicates;
}

function checkField(key: string, value: unknown, spec: FieldSpec, check: FieldCheck): Outcome {
	const { store, options } = check;
	switch (spec.type) {
		case 'requiredString':
			if (value === null) {
				return options.mode === 'create'
					? { ok: false } // reported as missing_field by checkRequiredFields
					: reject(check, fieldError(key, 'invalid_value', MESSAGES.notBlank));
			}
			if (typeof value === 'string' && value.trim() === '') {
				return reject(check, fieldError(key, 'invalid_value', MESSAGES.notBlank));
			}
			return checkString(key, value, spec, check);
		case 'string':
			return value === null ? accept(null) : checkString(key, value, spec, check);
		case 'email':
			return checkEmailField(key, value, spec, check);
		case 'emailList':
			return checkEmailList(key, value, check);
		case 'phone':
			if (value === null) return accept(null);
			if (typeof value === 'number' && Number.isFinite(value)) return accept(String(value));
			return checkString(key, value, spec, check);
		case 'boolean':
			return typeof value === 'boolean'
				? accept(value)
				: reject(check, fieldError(key, 'datatype_mismatch', typeMessage('Boolean')));
		case 'userId':
			return checkUserId(key, value, check);
		case 'departmentIds':
			return checkIdList(key, value, check, (id) => store.departments.has(id), 'department');
		case 'groupIds':
			return checkIdList(key, value, check, (id) => store.groups.has(id), 'group');
		case 'workspaceIds':
			return checkIdList(key, value, check, () => true, 'workspace');
		case 'locationId':
			if (value === null) return accept(null);
			if (!isPositiveInteger(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage(POSITIVE_INTEGER)));
			return store.locations.has(value)
				? accept(value)
				: reject(check, fieldError(key, 'invalid_value', `There is no location with id ${value}`));
		case 'timeZone':
			return checkChoice(key, value, TIME_ZONES, check);
		case 'timeFormat':
			return checkChoice(key, value, TIME_FORMATS, check);
		case 'language':
			return checkChoice(key, value, Object.keys(LANGUAGES), check);
		case 'scoreboardLevel':
			if (value === null) return accept(null);
			if (!isPositiveInteger(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage(POSITIVE_INTEGER)));
			return SCOREBOARD_LEVELS.includes(value)
				? accept(value)
				: reject(check, fieldError(key, 'invalid_value', oneOfMessage(SCOREBOARD_LEVELS)));
		case 'externalId':
			if (value === null || (typeof value === 'number' && Number.isFinite(value))) return accept(value);
			return checkString(key, value, spec, check);
		case 'customFields':
			return checkCustomFields(key, value, check);
		case 'roles':
			return checkRoles(key, value, check);
	}
}

function checkString(key: string, value: unknown, spec: FieldSpec, check: FieldCheck): Outcome {
	if (typeof value !== 'string') return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('String')));
	if (spec.maxLength !== undefined && value.length > spec.maxLength) {
		return reject(check, fieldError(key, 'invalid_value', tooLongMessage(value.length, spec.maxLength)));
	}
	return accept(value);
}

function normaliseEmail(email: string, check: FieldCheck): string {
	const trimmed = email.trim();
	return check.options.lowercaseEmails ? trimmed.toLowerCase() : trimmed;
}

function checkEmailField(key: string, value: unknown, spec: FieldSpec, check: FieldCheck): Outcome {
	if (value === null) {
		if (check.options.kind === 'requester') return accept(null);
		return check.options.mode === 'create'
			? { ok: false } // reported as missing_field by checkRequiredFields
			: reject(check, fieldError(key, 'invalid_value', MESSAGES.notBlank));
	}
	const text = checkString(key, value, spec, check);
	if (!text.ok) return text;
	if (!EMAIL_PATTERN.test((value as string).trim())) {
		return reject(check, fieldError(key, 'invalid_value', MESSAGES.invalidEmail));
	}
	return accept(normaliseEmail(value as string, check));
}

function checkEmailList(key: string, value: unknown, check: FieldCheck): Outcome {
	if (!Array.isArray(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('Array')));
	if (value.some((item) => typeof item !== 'string')) {
		return reject(check, fieldError(key, 'datatype_mismatch', 'It should contain elements of type String only'));
	}
	const emails = (value as string[]).map((email) => email.trim());
	const invalid = emails.find((email) => !EMAIL_PATTERN.test(email));
	if (invalid !== undefined) return reject(check, fieldError(key, 'invalid_value', MESSAGES.invalidEmail));
	const lowered = emails.map((email) => email.toLowerCase());
	if (new Set(lowered).size !== lowered.length) {
		return reject(check, fieldError(key, 'duplicate_value', 'It should not contain duplicate values'));
	}
	return accept(emails.map((email) => normaliseEmail(email, check)));
}

function checkUserId(key: string, value: unknown, check: FieldCheck): Outcome {
	if (value === null) return accept(null);
	if (!isPositiveInteger(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage(POSITIVE_INTEGER)));
	if (value === check.options.current?.id) {
		return reject(check, fieldError(key, 'invalid_value', 'A user cannot be their own reporting manager'));
	}
	return check.store.users.has(value)
		? accept(value)
		: reject(check, fieldError(key, 'invalid_value', `There is no user with id ${value}`));
}

function checkIdList(
	key: string,
	value: unknown,
	check: FieldCheck,
	exists: (id: number) => boolean,
	recordName: string,
): Outcome {
	if (!Array.isArray(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('Array')));
	if (!value.every(isPositiveInteger)) {
		return reject(check, fieldError(key, 'datatype_mismatch', `It should contain elements of type ${POSITIVE_INTEGER} only`));
	}
	const unknown = (value as number[]).filter((id) => !exists(id));
	if (unknown.length > 0) {
		return reject(check, fieldError(key, 'invalid_value', `There is no ${recordName} with id ${unknown.join(', ')}`));
	}
	return accept([...new Set(value as number[])]);
}

function checkChoice(key: string, value: unknown, choices: readonly string[], check: FieldCheck): Outcome {
	if (typeof value !== 'string') return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('String')));
	return choices.includes(value) ? accept(value) : reject(check, fieldError(key, 'invalid_value', oneOfMessage(choices)));
}

function checkCustomFields(key: string, value: unknown, check: FieldCheck): Outcome {
	if (!isPlainObject(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('key/value pair')));
	const definitions =
		check.options.kind === 'agent' ? check.store.agentCustomFields : check.store.requesterCustomFields;
	const accepted: Record<string, unknown> = {};
	let valid = true;
	for (const [name, fieldValue] of Object.entries(value)) {
		const definition = definitions.find((candidate) => candidate.name === name);
		if (!definition) {
			check.errors.push(fieldError(name, 'invalid_field', MESSAGES.invalidField));
			valid = false;
			continue;
		}
		const error = customValueError(definition, fieldValue);
		if (error) {
			check.errors.push(error);
			valid = false;
		} else {
			accepted[name] = fieldValue;
		}
	}
	return valid ? accept(accepted) : { ok: false };
}

export function customValueError(definition: CustomFieldDefinition, value: unknown): FieldError | undefined {
	if (value === null) return undefined;
	const { name } = definition;
	switch (definition.type) {
		case 'custom_text':
			if (typeof value !== 'string') return fieldError(name, 'datatype_mismatch', typeMessage('String'));
			return value.length > 255 ? fieldError(name, 'invalid_value', tooLongMessage(value.length, 255)) : undefined;
		case 'custom_dropdown':
			if (typeof value !== 'string') return fieldError(name, 'datatype_mismatch', typeMessage('String'));
			return definition.choices?.includes(value)
				? undefined
				: fieldError(name, 'invalid_value', oneOfMessage(definition.choices ?? []));
		case 'custom_checkbox':
			return typeof value === 'boolean' ? undefined : fieldError(name, 'datatype_mismatch', typeMessage('Boolean'));
		case 'custom_number':
			return Number.isInteger(value) ? undefined : fieldError(name, 'datatype_mismatch', typeMessage('Integer'));
		case 'custom_date':
			return typeof value === 'string' && !Number.isNaN(Date.parse(value))
				? undefined
				: fieldError(name, 'invalid_value', typeMessage('date'));
	}
}

function checkRoles(key: string, value: unknown, check: FieldCheck): Outcome {
	if (!Array.isArray(value)) return reject(check, fieldError(key, 'datatype_mismatch', typeMessage('Array')));
	if (value.length === 0) return reject(check, fieldError(key, 'invalid_value', MESSAGES.notBlank));
	const roles: RoleAssignment[] = [];
	for (const item of value) {
		const problem = roleProblem(item, check.store);
		if (problem) return reject(check, fieldError(key, problem.code, problem.message));
		const entry = item as { role_id: number; assignment_scope: AssignmentScope; groups?: number[] };
		const groups = entry.assignment_scope === 'specified_groups' ? [...new Set(entry.groups ?? [])] : [];
		roles.push({ role_id: entry.role_id, assignment_scope: entry.assignment_scope, groups });
	}
	return accept(roles);
}

function roleProblem(item: unknown, store: Store): { code: string; message: string } | undefined {
	if (!isPlainObject(item)) return { code: 'datatype_mismatch', message: 'It should contain elements of type key/value pair only' };
	const unexpected = Object.keys(item).find((name) => !ROLE_ASSIGNMENT_KEYS.includes(name));
	if (unexpected) return { code: 'invalid_field', message: `Unexpected/invalid field in request: ${unexpected}` };
	if (item.role_id === undefined) return { code: 'missing_field', message: 'role_id is mandatory in each role' };
	if (!isPositiveInteger(item.role_id)) return { code: 'datatype_mismatch', message: `role_id ${typeMessage(POSITIVE_INTEGER)}` };
	if (!store.roles.has(item.role_id)) return { code: 'invalid_value', message: `There is no role with id ${item.role_id}` };
	if (item.assignment_scope === undefined) return { code: 'missing_field', message: 'assignment_scope is mandatory in each role' };
	if (!ASSIGNMENT_SCOPES.includes(item.assignment_scope as AssignmentScope)) {
		return { code: 'invalid_value', message: `assignment_scope: ${oneOfMessage(ASSIGNMENT_SCOPES)}` };
	}
	if (item.assignment_scope !== 'specified_groups') return undefined;
	const groups = item.groups;
	if (!Array.isArray(groups) || groups.length === 0) {
		return { code: 'missing_field', message: 'groups is mandatory when assignment_scope is specified_groups' };
	}
	if (!groups.every(isPositiveInteger)) return { code: 'datatype_mismatch', message: `groups ${typeMessage('Array')} of ${POSITIVE_INTEGER}` };
	const unknown = groups.filter((id) => !store.groups.has(id));
	if (unknown.length > 0) return { code: 'invalid_value', message: `There is no group with id ${unknown.join(', ')}` };
	return undefined;
}
