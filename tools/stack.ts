/**
 * Reads a stack's configuration the way the Pulumi CLI does (project defaults from Pulumi.yaml,
 * then Pulumi.<stack>.yaml) and runs the project's program (Pulumi.yaml `main`) under mocks with it.
 * Secure values are never decrypted: outside the project's namespace (`aws:` keys, say) they reach
 * the program as a placeholder; the project's own are refused, naming the key, since the args
 * cannot be checked without them.
 */
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { SesMonitoringArgs } from "../components";
import { argsFromStackConfig, misspeltNamespaces, STRING_CONFIG_KEYS } from "../program/stackConfig";
import { MockRunOptions, RegisteredResource, runUnderMocks } from "./pulumiMocks";

export const SECRET_PLACEHOLDER = "[secret]";

export interface StackConfig {
    project: string;
    stack: string;
    /** Fully qualified keys (`ses-monitoring:alarms`) to the value as the program reads it (a string). */
    config: Record<string, string>;
    secretKeys: string[];
}

/**
 * A stack or project file that cannot be read as config: missing, not YAML, an alias bomb, not a
 * mapping, a value the config cannot hold. The message names the file and where in it.
 */
export class StackFileError extends Error {}

/**
 * YAML aliases may expand to at most this many nodes per document: an alias bomb (aliases of
 * aliases, exponential when expanded) is refused by the `yaml` package's own guard, not run.
 */
const MAX_ALIAS_COUNT = 100;

/**
 * The YAML tags config can hold: what the Pulumi CLI's reader (Go yaml.v3 into config values)
 * turns into strings, numbers, booleans, null, mappings and lists. Any other explicit tag
 * (`!!binary`, `!!timestamp`, `!!set`, a custom `!tag`) would reach the program as something else
 * (a Buffer's bytes, a Date, a Set) or as a silently untagged string: it is refused where it was written.
 */
const CONFIG_TAGS = new Set(["str", "int", "float", "bool", "null", "map", "seq"].map((t) => `tag:yaml.org,2002:${t}`));

/** Every explicitly tagged node that config cannot hold, at the path of keys the user wrote. */
function unsupportedTags(node: unknown, at: string, found: string[]): string[] {
    const tag = (node as { tag?: string } | null)?.tag;
    if (tag !== undefined && !CONFIG_TAGS.has(tag)) {
        const written = tag.startsWith("tag:yaml.org,2002:") ? `!!${tag.slice("tag:yaml.org,2002:".length)}` : tag;
        found.push(`${at || "the document"}: the tag ${written} is not one config holds (strings, numbers, booleans, null, mappings and lists only): write the value without it`);
    }
    if (YAML.isMap(node)) {
        for (const pair of node.items) {
            const key = YAML.isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
            unsupportedTags(pair.value, at === "" ? key : `${at}.${key}`, found);
        }
    } else if (YAML.isSeq(node)) {
        node.items.forEach((item, i) => unsupportedTags(item, `${at}[${i}]`, found));
    }
    return found;
}

/**
 * Reads a stack or project file as the Pulumi CLI does: YAML merge keys (`<<: *base`) expanded,
 * aliases resolved (at most MAX_ALIAS_COUNT), and only the tags config can hold.
 */
function readYaml(file: string): unknown {
    if (!fs.existsSync(file)) throw new StackFileError(`${file} does not exist`);
    let doc: YAML.Document.Parsed;
    try {
        doc = YAML.parseDocument(fs.readFileSync(file, "utf8"), { merge: true });
    } catch (err) {
        throw new StackFileError(`${file}: not a YAML document this tool reads: ${(err as Error).message.split("\n")[0]}`);
    }
    if (doc.errors.length > 0) throw new StackFileError(`${file}: not a YAML document this tool reads: ${doc.errors[0].message.split("\n")[0]}`);
    const tags = unsupportedTags(doc.contents, "", []);
    if (tags.length > 0) throw new StackFileError(tags.map((t) => `${file}: ${t}`).join("\n"));
    try {
        return doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
    } catch (err) {
        throw new StackFileError(`${file}: not a YAML document this tool reads: ${(err as Error).message.split("\n")[0]}`);
    }
}

function shapeOf(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return `a list of ${value.length}`;
    if (typeof value === "object") return "a mapping";
    return `a ${typeof value} (${JSON.stringify(value)})`;
}

/** The file's top level (or its `config`) as a mapping, or a StackFileError naming file and shape. */
function mapping(file: string, where: string, value: unknown): Record<string, unknown> {
    if (value !== null && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
    throw new StackFileError(`${file}: ${where} is ${shapeOf(value)}, not a mapping${where === "the file" ? " (expected `config:` with a key per setting)" : " of config keys"}`);
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

const isSecure = (value: unknown): boolean =>
    value !== null && typeof value === "object" && !Array.isArray(value) && "secure" in value && Object.keys(value).length === 1;

/**
 * What a config value holds that its JSON cannot carry: `.nan`, `.inf` or `1e400` (JSON writes
 * them as null, so the program would run on the defaults), and, under the project's namespace,
 * secure values nested in structured config (this tool cannot decrypt them).
 */
function valueProblems(key: string, value: unknown, project: string, at = key): string[] {
    if (typeof value === "number" && !Number.isFinite(value)) {
        return [`${at}: ${value} is not a finite number (.nan, .inf and numbers beyond 1.8e308 cannot be config values)`];
    }
    if (isSecure(value)) {
        return key.startsWith(`${project}:`) ? [`${at}: is a secret (secure:), which the offline tools cannot decrypt: give them a stack file with this value in plain text`] : [];
    }
    if (Array.isArray(value)) return value.flatMap((v, i) => valueProblems(key, v, project, `${at}[${i}]`));
    if (value !== null && typeof value === "object") {
        return Object.entries(value).flatMap(([k, v]) => valueProblems(key, v, project, `${at}.${k}`));
    }
    return [];
}

/**
 * What a key of the project's namespace must be beyond valid config: given a value (`canary:` with
 * nothing after it is null, which would turn the feature off), and a string where the program
 * reads a string (`namePrefix: true` would become the prefix "true").
 */
function ownKeyProblems(key: string, value: unknown, project: string): string[] {
    if (!key.startsWith(`${project}:`)) return [];
    const field = key.slice(project.length + 1);
    if (value === null) return [`${key}: has no value (null): give its settings, indented under it, or remove the key`];
    if (STRING_CONFIG_KEYS.includes(field) && typeof value !== "string") {
        return [`${key}: is ${shapeOf(value)}, not a string: quote it if you mean it as a name`];
    }
    return [];
}

/** The stack's config: Pulumi.yaml defaults (and project-wide values) overlaid by Pulumi.<stack>.yaml. */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
    const projectFile = path.join(projectDir, "Pulumi.yaml");
    const project = mapping(projectFile, "the file", readYaml(projectFile));
    const name = project.name;
    if (typeof name !== "string" || name === "") throw new StackFileError(`${projectFile}: name is ${shapeOf(name)}, not the project's name`);
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    const problems: string[] = [];
    for (const [key, decl] of Object.entries<any>(mapping(projectFile, "config", project.config ?? {}))) {
        const value = decl !== null && typeof decl === "object" && !Array.isArray(decl) ? (decl.value ?? decl.default) : decl;
        problems.push(...valueProblems(qualify(name, key), value, name).map((p) => `${projectFile}: ${p}`));
        if (value !== undefined) config[qualify(name, key)] = asConfigString(value);
    }
    const stackPath = path.join(projectDir, `Pulumi.${stack}.yaml`);
    const stackFile = mapping(stackPath, "the file", readYaml(stackPath));
    const stackConfig = mapping(stackPath, "config", stackFile.config ?? {});
    problems.push(...misspeltNamespaces(Object.keys(stackConfig), name).map((i) => `${stackPath}: ${i.path}: ${i.message}`));
    for (const [key, value] of Object.entries<unknown>(stackConfig)) {
        const full = qualify(name, key);
        problems.push(...valueProblems(full, value, name).map((p) => `${stackPath}: ${p}`));
        problems.push(...ownKeyProblems(full, value, name).map((p) => `${stackPath}: ${p}`));
        if (isSecure(value)) {
            config[full] = SECRET_PLACEHOLDER;
            secretKeys.push(full);
        } else {
            config[full] = asConfigString(value);
        }
    }
    if (problems.length > 0) throw new StackFileError(problems.join("\n"));
    return { project: name, stack, config, secretKeys };
}

/** The `SesMonitoringArgs` the program builds from this stack's config. */
export function stackArgs(stackConfig: StackConfig): SesMonitoringArgs {
    return argsFromStackConfig((key) => stackConfig.config[`${stackConfig.project}:${key}`]);
}

/**
 * The program's entry, found as the CLI finds it: `main` of Pulumi.yaml (a file, or a directory
 * holding index.ts), else the project directory's index.ts.
 */
export function programEntry(projectDir: string): string {
    const main = mapping(path.join(projectDir, "Pulumi.yaml"), "the file", readYaml(path.join(projectDir, "Pulumi.yaml"))).main;
    if (main === undefined || main === null) return path.resolve(projectDir, "index.ts");
    if (typeof main !== "string") throw new Error(`${path.join(projectDir, "Pulumi.yaml")}: main is not a path`);
    const target = path.resolve(projectDir, main);
    return fs.existsSync(target) && fs.statSync(target).isDirectory() ? path.join(target, "index.ts") : target;
}

/** Runs the program of `projectDir` under mocks with the stack's config. */
export async function runStack(projectDir: string, stack: string, options: Omit<MockRunOptions, "project" | "stack"> = {}): Promise<{ config: StackConfig; resources: RegisteredResource[] }> {
    const config = loadStackConfig(projectDir, stack);
    const program = programEntry(projectDir);
    const resources = await runUnderMocks(() => {
        pulumi.runtime.setAllConfig(config.config, config.secretKeys);
        // Run the program afresh each time: it registers its resources when loaded.
        delete require.cache[require.resolve(program)];
        require(program);
    }, { ...options, project: config.project, stack });
    return { config, resources };
}
