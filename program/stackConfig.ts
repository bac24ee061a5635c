/**
 * Stack config -> `SesMonitoringArgs`: the one mapping the Pulumi program and the offline tools
 * share. Keys are `ses-monitoring:<field>` and mirror the args' top-level fields.
 */
import { ARGS_FIELDS, SesMonitoringArgs } from "../components";

/** Top-level args read from stack config (every field of the args); each is JSON (structured config) except `namePrefix`. */
export const STACK_CONFIG_KEYS = ARGS_FIELDS;

/**
 * Builds the args from raw config strings (`get("alarms")` returns what `pulumi.Config.get` does).
 * A value that is not valid JSON is passed on as the string, so validation names the key.
 */
export function argsFromStackConfig(get: (key: string) => string | undefined): SesMonitoringArgs {
    const args: Record<string, unknown> = {};
    for (const key of STACK_CONFIG_KEYS) {
        const raw = get(key);
        if (raw === undefined || raw === "") continue; // an empty namePrefix (the project default) means <project>-<stack>
        if (key === "namePrefix") {
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
