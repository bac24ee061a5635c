/**
 * Stack config -> `SesMonitoringArgs`: the one mapping the Pulumi program and the offline tools
 * share. Keys are `ses-monitoring:<field>` and mirror the args' top-level fields.
 */
import { ARGS_FIELDS, ArgsIssue, resolveSettings, ResolveContext, SesMonitoringArgs, SesMonitoringArgsError } from "../components";
import { closestKey } from "../components/shared/checker";

/** Top-level args read from stack config (every field of the args); each is JSON (structured config) except `namePrefix`. */
export const STACK_CONFIG_KEYS = ARGS_FIELDS;

/** The keys read as plain strings, not JSON: a stack file must give them as strings. */
export const STRING_CONFIG_KEYS: readonly string[] = ["namePrefix"];

/**
 * Keys of the project's namespace that the offline tools read and the program accepts without
 * effect: `traffic`, each configuration set's expected traffic (tools/profiles.ts), from which
 * `npm run plan` tells what the alarms can see and `npm run backtest` shapes its traffic.
 */
export const TOOL_CONFIG_KEYS = ["traffic"] as const;

/**
 * Builds the args from raw config strings (`get("alarms")` returns what `pulumi.Config.get` does).
 * A value that is not valid JSON is passed on as the string, so validation names the key.
 */
export function argsFromStackConfig(get: (key: string) => string | undefined): SesMonitoringArgs {
    const args: Record<string, unknown> = {};
    for (const key of STACK_CONFIG_KEYS) {
        const raw = get(key);
        if (raw === undefined || raw === "") continue; // an empty namePrefix (the project default) means <project>-<stack>
        if (STRING_CONFIG_KEYS.includes(key)) {
            args[key] = raw;
            continue;
        }
        try {
            args[key] = JSON.parse(raw);
        } catch {
            args[key] = raw;
        }
    }
    return args as unknown as SesMonitoringArgs;
}

/**
 * Keys of the project's namespace (`<project>:<key>`) that are no args field: a misspelt key
 * (`ses-monitoring:notification`) would otherwise be ignored and its settings silently lost.
 * Each is an issue at the key, naming the known key it most likely meant.
 */
export function unknownConfigKeys(keys: string[], project: string): ArgsIssue[] {
    const known: readonly string[] = [...STACK_CONFIG_KEYS, ...TOOL_CONFIG_KEYS];
    const issues: ArgsIssue[] = misspeltNamespaces(keys, project);
    for (const full of keys) {
        const colon = full.indexOf(":");
        if (colon < 0 || full.slice(0, colon) !== project) continue;
        const key = full.slice(colon + 1);
        if (known.includes(key)) continue;
        const close = closestKey(key, known);
        issues.push({
            path: key,
            message: `is not a config key of ${project} (${close === undefined ? "" : `did you mean ${project}:${close}? `}known: ${known.join(", ")})`,
        });
    }
    return issues;
}

/**
 * Keys whose namespace is close to the project's but not it (`sesmonitoring:alarms`, or
 * `ses-monitoring` spelt with a Cyrillic letter): the program reads only its own namespace, so
 * their settings would be silently lost. Each is an issue at the whole key, naming the key meant.
 */
/** Namespaces a stack of this program legitimately has besides its own: never taken for a misspelling. */
const PROVIDER_NAMESPACES: readonly string[] = ["aws", "aws-native", "awsx", "pulumi"];

export function misspeltNamespaces(keys: string[], project: string): ArgsIssue[] {
    const issues: ArgsIssue[] = [];
    for (const full of keys) {
        const colon = full.indexOf(":");
        if (colon < 0) continue;
        const namespace = full.slice(0, colon);
        if (namespace === project || PROVIDER_NAMESPACES.includes(namespace) || closestKey(namespace, [project]) === undefined) continue;
        const key = full.slice(colon + 1);
        const odd = [...namespace].filter((c) => !/[\x21-\x7e]/.test(c));
        issues.push({
            path: full,
            message: `is in namespace ${JSON.stringify(namespace)}${odd.length > 0 ? ` (with ${odd.map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}`).join(", ")}, not ASCII)` : ""}, not the project's ${project}: the program never reads it (did you mean ${project}:${key}?)`,
        });
    }
    return issues;
}

/**
 * The program's check of its whole stack config: unknown keys of the project's namespace and the
 * args they give, reported together in one `SesMonitoringArgsError` (a misspelt required key is
 * named beside the missing one it meant).
 */
export function checkStackConfig(keys: string[], args: SesMonitoringArgs, context: ResolveContext): void {
    const keyIssues = unknownConfigKeys(keys, context.project);
    if (keyIssues.length === 0) return;
    let argsIssues: ArgsIssue[] = [];
    try {
        resolveSettings(args, context);
    } catch (err) {
        if (!(err instanceof SesMonitoringArgsError)) throw err;
        argsIssues = err.issues;
    }
    throw new SesMonitoringArgsError([...keyIssues, ...argsIssues]);
}
