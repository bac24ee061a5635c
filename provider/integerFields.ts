/**
 * Which number properties of the schema are whole numbers (counts, seconds, minutes, days), read from
 * the component's own checks rather than listed: the SDK's Analyzer types every TypeScript `number`
 * as the schema's `number`, which Python, Go and .NET turn into floats. For each number property
 * reachable from the component's inputs, the args are given 1.5 there; a property the component
 * refuses as "not a whole number" is typed `integer`.
 */
import { resolveSettings, SesMonitoringArgsError } from "../components";

interface Property { type?: string; $ref?: string; items?: Property; additionalProperties?: Property }
interface SchemaType { properties?: Record<string, Property>; required?: string[]; enum?: unknown[] }
export interface ComponentSchema {
    resources: Record<string, { inputProperties: Record<string, Property>; requiredInputs: string[] }>;
    types: Record<string, SchemaType>;
}

/** Values that pass the checks for the required fields on the way to a property. */
const REQUIRED_SAMPLES: Record<string, unknown> = { from: "canary@example.com", name: "campaign", defaultValue: "none" };

/** Map keys on the way: configuration sets and the sets other fields refer to are all `a`. */
const MAP_KEY = "a";

/** Where a number lives: the schema location (type token and property) and an args path to it. */
interface NumberSite { token: string; property: string; path: (string | number)[] }

function numberSites(schema: ComponentSchema, token: string, properties: Record<string, Property>, path: (string | number)[], seen: Set<string>, sites: NumberSite[]): void {
    for (const [name, prop] of Object.entries(properties)) {
        let p = prop;
        const at: (string | number)[] = [...path, name];
        if (p.additionalProperties) { p = p.additionalProperties; at.push(MAP_KEY); }
        if (p.items) { p = p.items; at.push(0); }
        if (p.type === "number" || p.type === "integer") sites.push({ token, property: name, path: at });
        const ref = p.$ref?.replace(/^#\/types\//, "");
        if (ref && schema.types[ref]?.properties && !seen.has(ref)) {
            numberSites(schema, ref, schema.types[ref].properties!, at, new Set([...seen, ref]), sites);
        }
    }
}

/** Sets `value` at the site's path in `args`, creating objects and lists on the way. */
function setAt(args: Record<string, unknown>, site: NumberSite, value: unknown): void {
    let at: Record<string | number, unknown> = args;
    for (let i = 0; i < site.path.length - 1; i++) {
        const key = site.path[i]!;
        const next = site.path[i + 1]!;
        at[key] ??= typeof next === "number" ? [] : {};
        at = at[key] as Record<string | number, unknown>;
    }
    at[site.path[site.path.length - 1]!] = value;
}

/** The args that reach `site` with `value`, with what the component requires around it. */
function argsAt(site: NumberSite, value: unknown): Record<string, unknown> {
    const args: Record<string, unknown> = { configurationSets: { [MAP_KEY]: {} } };
    setAt(args, site, value);
    // Objects on the way that require fields get the samples (a canary needs `from`, a dimension its name).
    if (site.path[0] === "canary") (args.canary as Record<string, unknown>).from ??= REQUIRED_SAMPLES.from;
    const dimensions = (args.configurationSets as Record<string, Record<string, unknown>>)[MAP_KEY]?.dimensions as Record<string, unknown>[] | undefined;
    for (const d of dimensions ?? []) { d.name ??= REQUIRED_SAMPLES.name; d.defaultValue ??= REQUIRED_SAMPLES.defaultValue; }
    return args;
}

/** The issues resolving `args` gives, by path. */
function issuesOf(args: unknown): Map<string, string> {
    try {
        resolveSettings(args, { project: "p", stack: "s" });
        return new Map();
    } catch (err) {
        if (!(err instanceof SesMonitoringArgsError)) throw err;
        return new Map(err.issues.map((i) => [i.path, i.message]));
    }
}

/** `<type token>.<property>` of every number property the component accepts only as a whole number. */
export function wholeNumberProperties(schema: ComponentSchema, componentToken: string): Set<string> {
    const sites: NumberSite[] = [];
    numberSites(schema, componentToken, schema.resources[componentToken]!.inputProperties, [], new Set(), sites);
    const whole = new Set<string>();
    for (const site of sites) {
        const message = issuesOf(argsAt(site, 1.5)).get(site.path.join("."));
        if (message?.includes("is not a whole number")) whole.add(`${site.token}.${site.property}`);
    }
    return whole;
}

/** Types each whole-number property `integer` (its items or values, for a list or a map). */
export function typeWholeNumbers(schema: ComponentSchema, componentToken: string): void {
    for (const key of wholeNumberProperties(schema, componentToken)) {
        const dot = key.lastIndexOf(".");
        const token = key.slice(0, dot);
        const property = key.slice(dot + 1);
        const holder = token === componentToken ? schema.resources[token]!.inputProperties : schema.types[token]!.properties!;
        let p = holder[property]!;
        if (p.additionalProperties) p = p.additionalProperties;
        if (p.items) p = p.items;
        p.type = "integer";
    }
}
