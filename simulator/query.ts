// The `?query="..."` filter language: `field:'text'`, `field:123`, `field:null`, `field:>'2020-01-01'`,
// `field:<5`, `~[first_name|last_name]:'pre'`, AND / OR / parentheses. Strings are single-quoted and
// have no escape: a value containing a quote is a syntax error, as a client must refuse to send it.
import { MESSAGES, fieldError, type FieldError } from './errors';

export const QUERY_MAX_LENGTH = 512;

export type QueryFieldType = 'text' | 'number' | 'date' | 'boolean' | 'dropdown';

export interface QueryField<T> {
	type: QueryFieldType;
	/** text: string | null; number: number | number[] | null; date: epoch ms; boolean: boolean | null. */
	get(record: T): unknown;
	choices?: readonly string[];
	/** Allowed inside `~[...]`. */
	startsWith?: boolean;
	/** Starts-with on an email matches any of its parts (first.last@domain.ext). */
	email?: boolean;
}

export type QueryFields<T> = Record<string, QueryField<T>>;

type Literal = string | number | boolean | null;

type QueryNode =
	| { type: 'and'; left: QueryNode; right: QueryNode }
	| { type: 'or'; left: QueryNode; right: QueryNode }
	| { type: 'compare'; field: string; op: 'eq' | 'gte' | 'lte'; value: Literal }
	| { type: 'startsWith'; fields: string[]; value: string };

type Token =
	| { kind: 'punct'; text: string }
	| { kind: 'string'; text: string }
	| { kind: 'number'; value: number }
	| { kind: 'word'; text: string };

class QuerySyntaxError extends Error {}

export type QueryResult<T> = { ok: true; matches: (record: T) => boolean } | { ok: false; errors: FieldError[] };

/** Unwraps the double-quoted `query` parameter value. */
export function unwrapQueryParam(raw: string): { ok: true; text: string } | { ok: false; errors: FieldError[] } {
	if (raw.length < 2 || !raw.startsWith('"') || !raw.endsWith('"')) {
		return { ok: false, errors: [fieldError('query', 'invalid_value', 'The query must be enclosed in double quotes')] };
	}
	const text = raw.slice(1, -1);
	if (text.length > QUERY_MAX_LENGTH) {
		return { ok: false, errors: [fieldError('query', 'invalid_value', `It should not be more than ${QUERY_MAX_LENGTH} characters`)] };
	}
	return { ok: true, text };
}

export function compileQuery<T>(text: string, fields: QueryFields<T>): QueryResult<T> {
	let tree: QueryNode;
	try {
		tree = new Parser(tokenize(text)).parseAll();
	} catch (error) {
		if (error instanceof QuerySyntaxError) return { ok: false, errors: [fieldError('query', 'invalid_value', MESSAGES.invalidQuery)] };
		throw error;
	}
	const errors: FieldError[] = [];
	checkTree(tree, fields, errors);
	if (errors.length > 0) return { ok: false, errors };
	return { ok: true, matches: (record) => evaluate(tree, fields, record) };
}

function tokenize(text: string): Token[] {
	const tokens: Token[] = [];
	let index = 0;
	while (index < text.length) {
		const char = text[index];
		if (/\s/.test(char)) {
			index++;
		} else if ('()[]|~:<>'.includes(char)) {
			tokens.push({ kind: 'punct', text: char });
			index++;
		} else if (char === "'") {
			const end = text.indexOf("'", index + 1);
			if (end < 0) throw new QuerySyntaxError('unterminated string');
			tokens.push({ kind: 'string', text: text.slice(index + 1, end) });
			index = end + 1;
		} else {
			const match = /^(-?\d+(?:\.\d+)?(?![A-Za-z_])|[A-Za-z_][A-Za-z0-9_]*)/.exec(text.slice(index));
			if (!match) throw new QuerySyntaxError(`unexpected ${char}`);
			const word = match[1];
			tokens.push(/^-?\d/.test(word) ? { kind: 'number', value: Number(word) } : { kind: 'word', text: word });
			index += word.length;
		}
	}
	return tokens;
}

class Parser {
	private position = 0;

	constructor(private readonly tokens: Token[]) {}

	parseAll(): QueryNode {
		const tree = this.parseOr();
		if (this.position !== this.tokens.length) throw new QuerySyntaxError('trailing tokens');
		return tree;
	}

	private parseOr(): QueryNode {
		let left = this.parseAnd();
		while (this.acceptWord('OR')) left = { type: 'or', left, right: this.parseAnd() };
		return left;
	}

	private parseAnd(): QueryNode {
		let left = this.parsePrimary();
		while (this.acceptWord('AND')) left = { type: 'and', left, right: this.parsePrimary() };
		return left;
	}

	private parsePrimary(): QueryNode {
		if (this.acceptPunct('(')) {
			const inner = this.parseOr();
			this.expectPunct(')');
			return inner;
		}
		if (this.acceptPunct('~')) {
			this.expectPunct('[');
			const fields = [this.expectWord()];
			while (this.acceptPunct('|')) fields.push(this.expectWord());
			this.expectPunct(']');
			this.expectPunct(':');
			const token = this.next();
			if (token?.kind !== 'string') throw new QuerySyntaxError('starts-with needs a quoted string');
			return { type: 'startsWith', fields, value: token.text };
		}
		const field = this.expectWord();
		this.expectPunct(':');
		let op: 'eq' | 'gte' | 'lte' = 'eq';
		if (this.acceptPunct('>')) op = 'gte';
		else if (this.acceptPunct('<')) op = 'lte';
		return { type: 'compare', field, op, value: this.parseLiteral() };
	}

	private parseLiteral(): Literal {
		const token = this.next();
		if (token?.kind === 'string') return token.text;
		if (token?.kind === 'number') return token.value;
		if (token?.kind === 'word' && token.text === 'null') return null;
		if (token?.kind === 'word' && token.text === 'true') return true;
		if (token?.kind === 'word' && token.text === 'false') return false;
		throw new QuerySyntaxError('expected a value');
	}

	private next(): Token | undefined {
		return this.tokens[this.position++];
	}

	private acceptPunct(text: string): boolean {
		const token = this.tokens[this.position];
		if (token?.kind === 'punct' && token.text === text) {
			this.position++;
			return true;
		}
		return false;
	}

	private expectPunct(text: string): void {
		if (!this.acceptPunct(text)) throw new QuerySyntaxError(`expected ${text}`);
	}

	private acceptWord(text: string): boolean {
		const token = this.tokens[this.position];
		if (token?.kind === 'word' && token.text === text) {
			this.position++;
			return true;
		}
		return false;
	}

	private expectWord(): string {
		const token = this.next();
		if (token?.kind !== 'word' || ['AND', 'OR', 'null', 'true', 'false'].includes(token.text)) {
			throw new QuerySyntaxError('expected a field name');
		}
		return token.text;
	}
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;

function parseDate(value: string): number | undefined {
	if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:?\d{2})?)?$/.test(value)) return undefined;
	const normalised = DATE_ONLY.test(value) ? `${value}T00:00:00Z` : /Z|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
	const ms = Date.parse(normalised.replace(' ', 'T'));
	return Number.isNaN(ms) ? undefined : ms;
}

function checkTree<T>(node: QueryNode, fields: QueryFields<T>, errors: FieldError[]): void {
	if (node.type === 'and' || node.type === 'or') {
		checkTree(node.left, fields, errors);
		checkTree(node.right, fields, errors);
		return;
	}
	if (node.type === 'startsWith') {
		for (const name of node.fields) {
			const field = fields[name];
			if (!field) errors.push(fieldError(name, 'invalid_value', '[:invalid_field]'));
			else if (!field.startsWith) errors.push(fieldError(name, 'invalid_value', 'Starts with (~) search is not supported for this field'));
		}
		return;
	}
	const field = Object.prototype.hasOwnProperty.call(fields, node.field) ? fields[node.field] : undefined;
	if (!field) {
		errors.push(fieldError(node.field, 'invalid_value', '[:invalid_field]'));
		return;
	}
	const { value, op } = node;
	if (op !== 'eq' && field.type !== 'number' && field.type !== 'date') {
		errors.push(fieldError(node.field, 'invalid_value', 'The operators :> and :< work only on date and numeric fields'));
		return;
	}
	if (value === null) {
		if (op !== 'eq') errors.push(fieldError(node.field, 'invalid_value', 'null can only be compared with :'));
		return;
	}
	switch (field.type) {
		case 'number':
			if (typeof value !== 'number') errors.push(fieldError(node.field, 'invalid_value', 'It should be a/an Positive Integer'));
			break;
		case 'date':
			if (typeof value !== 'string' || parseDate(value) === undefined) {
				errors.push(fieldError(node.field, 'invalid_value', 'It should be a/an valid date'));
			}
			break;
		case 'boolean':
			if (typeof value !== 'boolean') errors.push(fieldError(node.field, 'invalid_value', 'It should be a/an Boolean'));
			break;
		case 'dropdown':
			if (typeof value !== 'string' || !field.choices?.includes(value)) {
				errors.push(fieldError(node.field, 'invalid_value', 'It should be one of the choice value.'));
			}
			break;
		case 'text':
			if (typeof value === 'boolean') errors.push(fieldError(node.field, 'invalid_value', 'It should be a/an String'));
			break;
	}
}

function evaluate<T>(node: QueryNode, fields: QueryFields<T>, record: T): boolean {
	switch (node.type) {
		case 'and':
			return evaluate(node.left, fields, record) && evaluate(node.right, fields, record);
		case 'or':
			return evaluate(node.left, fields, record) || evaluate(node.right, fields, record);
		case 'startsWith':
			return node.fields.some((name) => startsWith(fields[name], record, node.value.toLowerCase()));
		case 'compare':
			return compare(fields[node.field], node.op, node.value, record);
	}
}

function startsWith<T>(field: QueryField<T>, record: T, prefix: string): boolean {
	const value = field.get(record);
	if (typeof value !== 'string') return false;
	const lowered = value.toLowerCase();
	if (lowered.startsWith(prefix)) return true;
	return field.email === true && lowered.split(/[.@]/).some((part) => part.startsWith(prefix));
}

function compare<T>(field: QueryField<T>, op: 'eq' | 'gte' | 'lte', value: Literal, record: T): boolean {
	const actual = field.get(record);
	if (value === null) return actual === null || actual === undefined || actual === '' || (Array.isArray(actual) && actual.length === 0);
	switch (field.type) {
		case 'number': {
			const numbers = (Array.isArray(actual) ? actual : [actual]).filter((item): item is number => typeof item === 'number');
			const target = value as number;
			return numbers.some((item) => (op === 'eq' ? item === target : op === 'gte' ? item >= target : item <= target));
		}
		case 'date': {
			if (typeof actual !== 'number') return false;
			const text = value as string;
			const target = parseDate(text) as number;
			// A date without a time compares whole days, as the documented YYYY-MM-DD examples do.
			const day = 86_400_000;
			const left = DATE_ONLY.test(text) ? Math.floor(actual / day) * day : actual;
			return op === 'eq' ? (DATE_ONLY.test(text) ? left === target : actual === target) : op === 'gte' ? left >= target : left <= target;
		}
		case 'boolean':
			return actual === value;
		case 'text':
		case 'dropdown':
			return typeof actual === 'string' && actual.toLowerCase() === String(value).toLowerCase();
	}
}
