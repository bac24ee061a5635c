/**
 * Reading resource properties that may be unknown.
 *
 * During `pulumi preview` a property computed from another resource's output (an ARN, a name) has
 * no value yet. The policy SDK hands policies a proxy that throws `UnknownValueError` on reading
 * such a property; the engine turns an escaped error into an advisory "can't run policy during
 * preview", which would hide every other finding of that policy. So the policies copy the props
 * into plain data first, with `UNKNOWN` where the engine has no value, and decide explicitly what
 * an unknown means for each rule ("cannot tell": no violation, never a silent pass of a stack
 * that plainly lacks something).
 */
import { UnknownValueError } from "@pulumi/policy";

export const UNKNOWN: unique symbol = Symbol("unknown during preview");
export type Unknown = typeof UNKNOWN;

export function isUnknown(value: unknown): value is Unknown {
    return value === UNKNOWN;
}

/**
 * A deep plain copy of (possibly proxied) props, with `UNKNOWN` in place of unknown values; of the
 * given top-level keys only, when given (reading through the proxy is most of a policy's cost).
 */
export function plainProps(props: unknown, ...keys: string[]): any {
    if (keys.length === 0 || props === null || typeof props !== "object") return copy(props);
    const out: Record<string, unknown> = {};
    for (const key of keys) {
        const field = read(props as Record<string, unknown>, key);
        if (field !== undefined) out[key] = field === UNKNOWN ? UNKNOWN : copy(field);
    }
    return out;
}

/** `source[key]`, or `UNKNOWN` when the proxy says the value is unknown. */
function read(source: Record<string, unknown>, key: string): unknown {
    try {
        return source[key];
    } catch (e) {
        if (e instanceof UnknownValueError) return UNKNOWN;
        throw e;
    }
}

function copy(value: unknown): any {
    if (value === null || typeof value !== "object") return value;
    const source = value as Record<string, unknown>;
    const out: any = Array.isArray(source) ? [] : {};
    for (const key of Object.keys(source)) {
        const field = read(source, key);
        out[key] = field === UNKNOWN ? UNKNOWN : copy(field);
    }
    return out;
}

/** The value at `path`, `UNKNOWN` if it or a container on the way is unknown, undefined if absent. */
export function at(value: unknown, ...path: (string | number)[]): any {
    let current: any = value;
    for (const key of path) {
        if (isUnknown(current)) return UNKNOWN;
        if (current === null || current === undefined || typeof current !== "object") return undefined;
        current = current[key];
    }
    return current;
}

/** True if the value or anything inside it is unknown. */
export function containsUnknown(value: unknown): boolean {
    if (isUnknown(value)) return true;
    if (value === null || typeof value !== "object") return false;
    return Object.values(value as Record<string, unknown>).some(containsUnknown);
}

/** A list property: `UNKNOWN` if the whole list is unknown, [] if absent or not a list. */
export function listAt(value: unknown, ...path: (string | number)[]): any[] | Unknown {
    const found = at(value, ...path);
    if (isUnknown(found)) return UNKNOWN;
    return Array.isArray(found) ? found : [];
}

/**
 * A numeric input as the provider reads it: a number, or a string holding one (`"6"`, which the
 * AWS provider turns into 6 for a float or integer field). Undefined for anything else, so a
 * threshold given as a string is checked like the number it becomes rather than skipped.
 */
export function numberAt(value: unknown, ...path: (string | number)[]): number | undefined {
    const found = at(value, ...path);
    if (typeof found === "number") return Number.isFinite(found) ? found : undefined;
    if (typeof found !== "string" || found.trim() === "") return undefined;
    const parsed = Number(found.trim());
    return Number.isFinite(parsed) ? parsed : undefined;
}
