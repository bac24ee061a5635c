/**
 * The one mechanism every part of the args is checked with: each problem is recorded with its
 * field path, the value and the rule, and all of them are thrown as one error. Pure.
 */

/** One problem with the args: where, what value, which rule. */
export interface ArgsIssue {
    path: string;
    message: string;
}

/** Thrown by `resolveSettings` (and so by `new SesMonitoring`) when any arg is invalid. */
export class SesMonitoringArgsError extends Error {
    constructor(public readonly issues: ArgsIssue[]) {
        super(issues.map((i) => `${i.path}: ${i.message}`).join("\n"));
        this.name = "SesMonitoringArgsError";
    }
}

/**
 * An args error found while deploying, thrown inside an Output that many resources read (a given
 * topic ARN that resolves wrong). The Pulumi SDK fails each of those resources with the one error
 * object, and prefixes its message with `error serializing property "<input>": ` each time; the
 * message here ignores those writes, so the deployment reports the field once, as written. The
 * SDK reports an error marked `__pulumiRunError` (its run errors' marker, read by field so that
 * copies of the SDK agree) by its message alone, without a stack of the SDK's internals.
 */
export function deployTimeError(issues: ArgsIssue[]): SesMonitoringArgsError {
    const error = new SesMonitoringArgsError(issues);
    const message = error.message;
    Object.defineProperty(error, "message", { get: () => message, set: () => undefined, enumerable: false, configurable: true });
    Object.defineProperty(error, "__pulumiRunError", { value: true, enumerable: false });
    return error;
}

/**
 * An Output or a Promise: a value known only while the program deploys. Recognised by shape, so
 * this module stays free of the Pulumi SDK (`Output.isInstance` reads the same marker).
 */
export function isDeferred(value: unknown): boolean {
    if (value === null || typeof value !== "object") return false;
    return (value as { __pulumiOutput?: unknown }).__pulumiOutput === true || typeof (value as { then?: unknown }).then === "function";
}

/** A plain object (a JSON or YAML mapping), not a Map, an Output or a class instance. */
function isPlainObject(value: unknown): value is Record<string, unknown> {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
    const proto = Object.getPrototypeOf(value);
    return proto === Object.prototype || proto === null;
}

export function describeValue(value: unknown): string {
    if (value === undefined) return "undefined";
    if (typeof value === "string") return JSON.stringify(value);
    // JSON would print NaN and Infinity as null, and a Map as {}.
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    if (typeof value === "bigint") return `${value}n`;
    if (typeof value === "function") return "a function";
    if (isDeferred(value)) return (value as { __pulumiOutput?: unknown }).__pulumiOutput === true ? "an Output" : "a Promise";
    if (value instanceof Map) return `a Map of ${value.size} entr${value.size === 1 ? "y" : "ies"}`;
    if (value instanceof Set) return `a Set of ${value.size}`;
    if (value !== null && typeof value === "object" && !Array.isArray(value) && !isPlainObject(value)) {
        return `a ${(value as object).constructor?.name ?? "non-plain object"}`;
    }
    try {
        const text = JSON.stringify(value);
        return text.length > 80 ? `${text.slice(0, 77)}...` : text;
    } catch {
        return String(value);
    }
}

/**
 * An address SNS can mail: a dot-atom local part (RFC 5322 section 3.4.1, no quoted strings, no
 * leading, trailing or doubled dots) at a domain of dot-separated labels of letters, digits and
 * inner hyphens (RFC 1035) ending in an alphabetic top-level label. Refuses display forms such as
 * `<ops@example.com>` and `a@b..com`.
 */
export const EMAIL = /^[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\.)+[A-Za-z]{2,63}$/;
/**
 * Why an address that matches `EMAIL` is still not one SES or SNS takes, or undefined: RFC 5321
 * section 4.5.3.1 limits the local part to 64 octets and a path to 256 (254 characters of address
 * between its angle brackets).
 */
export function emailLengthProblem(address: string): string | undefined {
    const local = address.slice(0, address.lastIndexOf("@"));
    if (local.length > 64) return `has a local part of ${local.length} characters, more than the 64 an address may have (RFC 5321, section 4.5.3.1.1)`;
    if (address.length > 254) return `is ${address.length} characters long, more than the 254 an address may have (RFC 5321, section 4.5.3.1.3)`;
    return undefined;
}

/** An email address: `EMAIL`'s form within RFC 5321's lengths. Returns the address, or undefined after recording why not. */
export function checkEmail(check: Checker, path: string, value: unknown, rule: string): string | undefined {
    const address = check.string(path, value, EMAIL, rule);
    if (address === undefined) return undefined;
    const problem = emailLengthProblem(address);
    if (problem === undefined) return address;
    check.fail(path, address, problem);
    return undefined;
}

export const SNS_TOPIC_ARN = /^arn:(aws[a-z-]*):sns:([a-z0-9-]+):(\d{12}):[A-Za-z0-9_-]{1,256}$/;

/** The rule a topic ARN must meet, said the same way at plan time and at deploy time. */
export const TOPIC_ARN_RULE = "is not a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>; SES cannot publish to FIFO topics)";

/**
 * The partition a region belongs to (AWS General Reference, "AWS partitions"): China and GovCloud
 * regions by their prefix, the ISO partitions by theirs; every other region is in `aws`.
 */
export function partitionOf(region: string): string {
    if (region.startsWith("cn-")) return "aws-cn";
    if (region.startsWith("us-gov-")) return "aws-us-gov";
    if (region.startsWith("us-isob-")) return "aws-iso-b";
    if (region.startsWith("us-isof-")) return "aws-iso-f";
    if (region.startsWith("eu-isoe-")) return "aws-iso-e";
    if (region.startsWith("us-iso-")) return "aws-iso";
    return "aws";
}

/**
 * Why a topic ARN cannot serve this stack, or undefined when it can. SNS topics are regional; the
 * stack's alarms, SES event destinations and feedback notifications publish from the stack's
 * region, so a topic of another region or partition is refused rather than trusted to work.
 */
export function topicArnProblem(arn: unknown, where: { region?: string; partition?: string }): string | undefined {
    if (typeof arn !== "string" || arn === "") return `${TOPIC_ARN_RULE}: an alarm or destination without a topic notifies nobody`;
    const match = SNS_TOPIC_ARN.exec(arn);
    if (!match) return TOPIC_ARN_RULE;
    const [, partition, region] = match;
    const expectedPartition = where.partition ?? (where.region !== undefined ? partitionOf(where.region) : undefined);
    if (expectedPartition !== undefined && partition !== expectedPartition) {
        return `is in partition ${partition}, not the stack's ${expectedPartition}${where.region ? ` (region ${where.region})` : ""}`;
    }
    if (where.region !== undefined && region !== where.region) {
        return `is in region ${region}, not the stack's ${where.region}: give a topic of ${where.region}, where this stack's alarms and SES publish`;
    }
    return undefined;
}

/**
 * Collects issues while walking the args; every check names the field path. Each method returns
 * the value when valid, or the fallback (default) after recording the issue, so one pass finds
 * every problem.
 */
export class Checker {
    readonly issues: ArgsIssue[] = [];

    /** `region`: the stack's region when known before deploying (the `aws:region` config). */
    constructor(readonly where: { region?: string } = {}) {}

    /** Records a broken rule; a field that breaks several is one issue, its rules joined, so each value is reported once. */
    fail(path: string, value: unknown, rule: string): void {
        const earlier = this.issues.find((i) => i.path === path);
        if (earlier !== undefined) {
            earlier.message += `, and ${rule}`;
            return;
        }
        this.issues.push({ path, message: `${describeValue(value)} ${rule}` });
    }

    /**
     * Refuses an Output or Promise where the value decides which resources exist, their names or
     * their settings: those must be known before anything registers, so that invalid args create
     * nothing and the offline plan shows what a deploy would do. Returns true when `value` is one.
     */
    deferred(path: string, value: unknown): boolean {
        if (!isDeferred(value)) return false;
        this.fail(path, value, "must be a plain value, known before deploying: it decides which resources are created and how, and is checked before any is registered. "
            + "From another language a plain input arrives as an Output when it is a secret or depends on another resource: pass it unwrapped. "
            + "Only the topic ARN fields (notifications.warningTopicArn, notifications.criticalTopicArn, snsDestination.topicArn, identities.<identity>.topicArn) take Outputs");
        return true;
    }

    object(path: string, value: unknown, known: string[]): Record<string, unknown> | undefined {
        if (value === undefined || value === null) return undefined;
        if (this.deferred(path, value)) return undefined;
        if (!isPlainObject(value)) {
            this.fail(path, value, value instanceof Map ? "is not an object (give a plain object, not a Map)" : "is not an object");
            return undefined;
        }
        if (!this.ownKeysReadable(path, value)) return undefined;
        const record = value;
        for (const key of Object.keys(record)) {
            if (!known.includes(key)) {
                this.fail(`${path}.${key}`, record[key], `is not a known field (${closestHint(key, known)}known: ${known.join(", ")})`);
            }
        }
        return record;
    }

    /** A map keyed by names the user chooses (sets, identities, tags): a plain object, any keys. */
    record(path: string, value: unknown, rule: string): Record<string, unknown> | undefined {
        if (value === undefined || value === null) return undefined;
        if (this.deferred(path, value)) return undefined;
        if (!isPlainObject(value)) {
            this.fail(path, value, value instanceof Map ? `${rule} (give a plain object, not a Map)` : rule);
            return undefined;
        }
        if (!this.ownKeysReadable(path, value)) return undefined;
        return value;
    }

    /**
     * Keys the args are read by: strings other than `__proto__`. A Symbol key is invisible to
     * `Object.entries` (its entry would be dropped without a word), and a `__proto__` key (an own
     * property in parsed JSON) would set the prototype of the object it is copied into instead of
     * becoming an entry. Records the issue and returns false when `value` has either.
     */
    private ownKeysReadable(path: string, value: object): boolean {
        const symbols = Object.getOwnPropertySymbols(value);
        if (symbols.length > 0) {
            this.fail(path, value, `has ${symbols.length === 1 ? "a Symbol key" : `${symbols.length} Symbol keys`} (${symbols.map((s) => String(s)).join(", ")}): keys must be strings`);
            return false;
        }
        if (Object.prototype.hasOwnProperty.call(value, "__proto__")) {
            this.fail(`${path}.__proto__`, (value as Record<string, unknown>)["__proto__"], "has the key __proto__, which JavaScript reads as the object's prototype, not as an entry: rename it");
            return false;
        }
        return true;
    }

    /**
     * Options given beside `enabled: false` do nothing: each is refused, so a feature believed
     * configured is not silently off. `fields` are the options besides `enabled`.
     */
    unusedWhileDisabled(path: string, raw: Record<string, unknown>, enabled: boolean, fields: readonly string[]): void {
        if (enabled) return;
        for (const field of fields) {
            if (field === "enabled" || raw[field] === undefined || raw[field] === null) continue;
            this.fail(`${path}.${field}`, raw[field], "has no effect while enabled is false: remove it, or remove enabled: false");
        }
    }

    boolean(path: string, value: unknown, fallback: boolean): boolean {
        if (value === undefined || value === null) return fallback;
        if (this.deferred(path, value)) return fallback;
        if (typeof value !== "boolean") {
            this.fail(path, value, "is not a boolean");
            return fallback;
        }
        return value;
    }

    number(path: string, value: unknown, fallback: number, rule: { integer?: boolean; min?: number; max?: number; minExclusive?: boolean; why?: string }): number {
        if (value === undefined || value === null) return fallback;
        if (this.deferred(path, value)) return fallback;
        if (typeof value !== "number" || !Number.isFinite(value)) {
            this.fail(path, value, typeof value === "number" ? "is not a finite number" : "is not a number");
            return fallback;
        }
        if (rule.integer && !Number.isInteger(value)) {
            this.fail(path, value, "is not a whole number");
            return fallback;
        }
        const { min, max, minExclusive } = rule;
        const belowMin = min !== undefined && (minExclusive ? value <= min : value < min);
        const aboveMax = max !== undefined && value > max;
        if (belowMin || aboveMax) {
            const low = min === undefined ? "(-inf" : `${minExclusive ? "(" : "["}${min}`;
            const high = max === undefined ? "inf)" : `${max}]`;
            this.fail(path, value, `is not in ${low}, ${high}${rule.why && aboveMax ? `: ${rule.why}` : ""}`);
            return fallback;
        }
        if (rule.integer && !Number.isSafeInteger(value)) {
            // Beyond 2^53 a number is already rounded when it is read: 2^53 + 1 arrives as 2^53.
            this.fail(path, value, `is beyond ${Number.MAX_SAFE_INTEGER} (2^53 - 1), where whole numbers are rounded when read`);
            return fallback;
        }
        return value;
    }

    string(path: string, value: unknown, pattern: RegExp, rule: string): string | undefined {
        if (value === undefined || value === null) return undefined;
        if (this.deferred(path, value)) return undefined;
        if (typeof value !== "string" || !pattern.test(value)) {
            this.fail(path, value, rule);
            return undefined;
        }
        return value;
    }

    /**
     * An SNS topic ARN: a string must be a standard topic's ARN in the stack's region and partition
     * (when the region is known); an Output or Promise (a topic of the enclosing program) passes,
     * and the component checks it the same way once it resolves (`topicArnProblem`).
     */
    topicArn(path: string, value: unknown): string | object | undefined {
        if (value === undefined || value === null) return undefined;
        if (isDeferred(value)) return value as object;
        const problem = topicArnProblem(value, this.where);
        if (problem !== undefined) {
            this.fail(path, value, problem);
            return undefined;
        }
        return value as string;
    }

    /**
     * Reports every entry that repeats an earlier one (compared by `key`), at its own index. With
     * `written`, the entry is shown as the user wrote it, followed by the form it was compared in.
     */
    unique<T>(path: string, values: T[], key: (value: T) => unknown = (v) => v, written?: (value: T) => unknown): T[] {
        const seen = new Set<unknown>();
        return values.filter((value, i) => {
            const k = key(value);
            if (seen.has(k)) {
                const shown = written ? written(value) : value;
                this.fail(`${path}[${i}]`, shown, written && k !== shown ? `is listed twice (as ${describeValue(k)})` : "is listed twice");
                return false;
            }
            seen.add(k);
            return true;
        });
    }

    array(path: string, value: unknown): unknown[] {
        if (value === undefined || value === null) return [];
        if (this.deferred(path, value)) return [];
        if (!Array.isArray(value)) {
            this.fail(path, value, "is not a list");
            return [];
        }
        // A sparse list (`[a, , b]`, or one given a length) has holes that forEach, map and filter
        // skip: an entry would vanish without a word.
        for (let i = 0; i < value.length; i++) {
            if (!(i in value)) {
                this.fail(`${path}[${i}]`, undefined, `is a hole in a sparse list of ${value.length}: give every entry`);
                return [];
            }
        }
        return value;
    }
}

/**
 * Edit distance (insert, delete, substitute, swap two neighbours; case-insensitive): how far a
 * misspelt key is from a known one.
 */
function distance(a: string, b: string): number {
    const x = a.toLowerCase();
    const y = b.toLowerCase();
    const d: number[][] = Array.from({ length: x.length + 1 }, (_, i) => Array.from({ length: y.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i <= x.length; i++) {
        for (let j = 1; j <= y.length; j++) {
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
            if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
    }
    return d[x.length][y.length];
}

/** The known key a misspelt one most likely meant, if one is close (at most a third of it differs). */
export function closestKey(key: string, known: readonly string[]): string | undefined {
    let best: { name: string; d: number } | undefined;
    for (const name of known) {
        const d = distance(key, name);
        if (best === undefined || d < best.d) best = { name, d };
    }
    return best !== undefined && best.d <= Math.max(1, Math.floor(best.name.length / 3)) ? best.name : undefined;
}

function closestHint(key: string, known: readonly string[]): string {
    const close = closestKey(key, known);
    return close === undefined ? "" : `did you mean ${close}? `;
}
