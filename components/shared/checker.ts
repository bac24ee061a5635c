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
 * A Pulumi Output, recognised the way the SDK does (`Output.isInstance`), without importing it:
 * this module is pure.
 */
export function isOutput(value: unknown): boolean {
    return value !== null && typeof value === "object" && (value as { __pulumiOutput?: unknown }).__pulumiOutput === true;
}

/**
 * Why a plain field refuses an Output. From another language (through the component provider) a
 * plain input arrives as an Output when it is a secret or carries a resource dependency.
 */
export const OUTPUT_IN_PLAIN_FIELD = "(a secret, or a value that depends on another resource) where a plain value is needed: "
    + "it decides which resources are created and how they are named, so it must be known when the component is constructed. "
    + "Pass it unwrapped; only the topic ARN fields (notifications.warningTopicArn, notifications.criticalTopicArn, "
    + "snsDestination.topicArn, identities.<identity>.topicArn) take Outputs";

export function describeValue(value: unknown): string {
    if (value === undefined) return "undefined";
    if (isOutput(value)) return "an Output";
    if (typeof value === "string") return JSON.stringify(value);
    try {
        const text = JSON.stringify(value);
        return text.length > 80 ? `${text.slice(0, 77)}...` : text;
    } catch {
        return String(value);
    }
}

export const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
export const SNS_TOPIC_ARN = /^arn:aws[a-z-]*:sns:[a-z0-9-]+:\d{12}:[A-Za-z0-9_-]{1,256}$/;

/**
 * Collects issues while walking the args; every check names the field path. Each method returns
 * the value when valid, or the fallback (default) after recording the issue, so one pass finds
 * every problem.
 */
export class Checker {
    readonly issues: ArgsIssue[] = [];

    fail(path: string, value: unknown, rule: string): void {
        this.issues.push({ path, message: `${describeValue(value)} ${rule}` });
    }

    /** Records an Output given for a plain field; true when `value` is one (the caller then uses its fallback). */
    output(path: string, value: unknown): boolean {
        if (!isOutput(value)) return false;
        this.fail(path, value, OUTPUT_IN_PLAIN_FIELD);
        return true;
    }

    object(path: string, value: unknown, known: string[]): Record<string, unknown> | undefined {
        if (value === undefined || value === null || this.output(path, value)) return undefined;
        if (typeof value !== "object" || Array.isArray(value)) {
            this.fail(path, value, "is not an object");
            return undefined;
        }
        const record = value as Record<string, unknown>;
        for (const key of Object.keys(record)) {
            if (!known.includes(key)) {
                this.fail(`${path}.${key}`, record[key], `is not a known field (known: ${known.join(", ")})`);
            }
        }
        return record;
    }

    boolean(path: string, value: unknown, fallback: boolean): boolean {
        if (value === undefined || value === null || this.output(path, value)) return fallback;
        if (typeof value !== "boolean") {
            this.fail(path, value, "is not a boolean");
            return fallback;
        }
        return value;
    }

    number(path: string, value: unknown, fallback: number, rule: { integer?: boolean; min?: number; max?: number; minExclusive?: boolean }): number {
        if (value === undefined || value === null || this.output(path, value)) return fallback;
        if (typeof value !== "number" || !Number.isFinite(value)) {
            this.fail(path, value, "is not a number");
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
            this.fail(path, value, `is not in ${low}, ${high}`);
            return fallback;
        }
        return value;
    }

    string(path: string, value: unknown, pattern: RegExp, rule: string): string | undefined {
        if (value === undefined || value === null || this.output(path, value)) return undefined;
        if (typeof value !== "string" || !pattern.test(value)) {
            this.fail(path, value, rule);
            return undefined;
        }
        return value;
    }

    /**
     * An SNS topic ARN: a string must be a standard topic's ARN; an Output or Promise (a topic of
     * the enclosing program) passes, and AWS checks it once it is known.
     */
    topicArn(path: string, value: unknown): string | object | undefined {
        if (value !== null && typeof value === "object") return value;
        return this.string(path, value, SNS_TOPIC_ARN, "is not a standard SNS topic ARN (arn:aws:sns:<region>:<account>:<name>; SES cannot publish to FIFO topics)");
    }

    /** Reports every entry that repeats an earlier one (compared by `key`), at its own index. */
    unique<T>(path: string, values: T[], key: (value: T) => unknown = (v) => v): T[] {
        const seen = new Set<unknown>();
        return values.filter((value, i) => {
            const k = key(value);
            if (seen.has(k)) {
                this.fail(`${path}[${i}]`, value, "is listed twice");
                return false;
            }
            seen.add(k);
            return true;
        });
    }

    array(path: string, value: unknown): unknown[] {
        if (value === undefined || value === null || this.output(path, value)) return [];
        if (!Array.isArray(value)) {
            this.fail(path, value, "is not a list");
            return [];
        }
        return value;
    }
}
