/**
 * IAM policy statements as the topic-policy rules read them: which statements a document holds,
 * which values a statement's conditions require of a key, and whether those values pin an account.
 * One reading for `ses-sns-topic-policy-scoped` and `ses-event-destination-topic-ses-only`, so the
 * two rules cannot disagree on what "scoped to an account" means.
 */
import { arnParts } from "./references";

/** A 12-digit AWS account ID. */
export const ACCOUNT_ID = /^\d{12}$/;

/** A policy document's statements: IAM allows one statement or a list. */
export function statements(doc: any): any[] {
    const s = doc?.Statement;
    return Array.isArray(s) ? s : s ? [s] : [];
}

export function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

/** A statement by its Sid, or by its place among the policy's statements. */
export function describeStatement(statement: any, index: number): string {
    return typeof statement?.Sid === "string" && statement.Sid !== "" ? `statement "${statement.Sid}"` : `statement ${index + 1}`;
}

const MATCHING_OPERATORS = ["stringequals", "stringequalsignorecase", "stringlike", "arnequals", "arnlike"];

/**
 * Operators under which a condition holds only when the key is present and matches, alone or as
 * `ForAnyValue:` (false when the key is absent). Negated operators, `...IfExists` (true when the
 * key is absent) and `ForAllValues:` (true for an empty set) limit nothing.
 */
const LIMITING_OPERATORS = new Set([...MATCHING_OPERATORS, ...MATCHING_OPERATORS.map((o) => `foranyvalue:${o}`)]);

/**
 * The values each limiting condition of a statement requires `key` to match, one list per
 * operator block that names it: IAM requires every block to hold, and any one value of a list.
 */
function requiredValueLists(statement: any, key: string): unknown[][] {
    const lists: unknown[][] = [];
    for (const [operator, block] of Object.entries(statement?.Condition ?? {})) {
        if (!LIMITING_OPERATORS.has(operator.toLowerCase()) || !block || typeof block !== "object") continue;
        for (const [k, v] of Object.entries(block as Record<string, unknown>)) {
            if (k.toLowerCase() === key.toLowerCase()) lists.push(asList(v));
        }
    }
    return lists;
}

/** Every value a statement's limiting conditions name for `key`; [] when nothing requires it. */
export function requiredValues(statement: any, key: string): unknown[] {
    return requiredValueLists(statement, key).flat();
}

/**
 * Whether a condition pins `key` to values that all pass `ok`: one such block is enough, as the
 * blocks all have to hold (`StringEquals` an account ID beside `StringLike` "*" pins the account).
 */
function pins(statement: any, key: string, ok: (value: unknown) => boolean): boolean {
    return requiredValueLists(statement, key).some((values) => values.length > 0 && values.every(ok));
}

/**
 * The account ID a condition or principal value names literally (no wildcard), if it does.
 * Quotation marks are optional for numeric values (IAM User Guide, "Grammar of the IAM JSON policy
 * language"), and IAM reads a number as its text: `123456789012` unquoted names the account
 * "123456789012".
 */
export function accountIdIn(value: unknown): string | undefined {
    const text = typeof value === "number" ? String(value) : value;
    return typeof text === "string" && ACCOUNT_ID.test(text) ? text : undefined;
}

/** `aws:SourceAccount` pinned to literal account IDs (no wildcard, no negated operator). */
export function limitsSourceAccount(statement: any): boolean {
    return pins(statement, "aws:SourceAccount", (v) => accountIdIn(v) !== undefined);
}

/** `aws:SourceArn` pinned to ARNs whose account is a literal ID (a configuration set's or an alarm's ARN names its account). */
export function limitsSourceArn(statement: any): boolean {
    return pins(statement, "aws:SourceArn", (v) => typeof v === "string" && ACCOUNT_ID.test(arnParts(v)?.account ?? ""));
}
