/**
 * The form's lookup fields and the initiator, from names and emails to IDs: department and
 * location lists read once per execution (as the user operations read them), each email looked
 * up once per execution.
 */

import type { LookupNeed } from '../../provisioning/onboardingForm';
import { InvalidValueError } from '../../provisioning/values';
import type { FreshserviceSession } from '../../transport/session';
import type { FoundUser } from '../../transport/users';
import { findUserByEmail } from '../../transport/userLookups';
import { resolveNameOrId } from '../user/references';

type UserSource = 'requester' | 'agent' | 'user';

async function userByEmail(session: FreshserviceSession, email: string, itemIndex: number): Promise<FoundUser | undefined> {
	const key = `formUser:${email.toLowerCase()}`;
	let lookup = session.lookups.get(key) as Promise<FoundUser | undefined> | undefined;
	if (!lookup) {
		lookup = findUserByEmail(session, email, itemIndex, { fullAgentRecord: false });
		session.lookups.set(key, lookup);
		lookup.catch(() => session.lookups.delete(key));
	}
	return await lookup;
}

/** The ID of the active user with this email, of the type the field takes; errors name the label. */
export async function userIdByEmail(session: FreshserviceSession, label: string, source: UserSource, email: string, itemIndex: number): Promise<number> {
	const user = await userByEmail(session, email, itemIndex);
	if (user === undefined) throw new InvalidValueError(label, `'${label}': no Freshservice user has the email ${email}`);
	if (source !== 'user' && user.userType !== source) {
		throw new InvalidValueError(label, `'${label}' takes ${source === 'agent' ? 'an agent' : 'a requester'}, and ${email} is ${user.userType === 'agent' ? 'an agent' : 'a requester'}`);
	}
	if (user.record.active === false) throw new InvalidValueError(label, `'${label}': ${email} is deactivated in Freshservice`);
	return Number(user.record.id);
}

/** Every lookup field's IDs, by field name. */
export async function resolveFormLookups(session: FreshserviceSession, needs: readonly LookupNeed[], itemIndex: number): Promise<Record<string, number[]>> {
	const ids: Record<string, number[]> = {};
	for (const need of needs) {
		ids[need.field] = [];
		for (const value of need.values) {
			if ('id' in value) ids[need.field].push(value.id);
			else if ('email' in value) {
				if (need.source !== 'requester' && need.source !== 'agent' && need.source !== 'user') {
					throw new InvalidValueError(need.label, `'${need.label}' takes a Freshservice ID, not an email`);
				}
				ids[need.field].push(await userIdByEmail(session, need.label, need.source, value.email, itemIndex));
			} else if (need.source === 'department' || need.source === 'location') {
				ids[need.field].push(await resolveNameOrId(session, need.label, need.source, value, itemIndex));
			} else {
				throw new InvalidValueError(need.label, `'${need.label}' takes ${need.source === 'asset' ? 'an asset ID' : 'an email or a Freshservice ID'}, not the name "${value.name}"`);
			}
		}
	}
	return ids;
}
