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
import { argsFromStackConfig } from "../program/stackConfig";
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

function readYaml(file: string): unknown {
    if (!fs.existsSync(file)) throw new StackFileError(`${file} does not exist`);
    try {
        return YAML.parse(fs.readFileSync(file, "utf8"), { maxAliasCount: MAX_ALIAS_COUNT }) ?? {};
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
    for (const [key, value] of Object.entries<unknown>(mapping(stackPath, "config", stackFile.config ?? {}))) {
        const full = qualify(name, key);
        problems.push(...valueProblems(full, value, name).map((p) => `${stackPath}: ${p}`));
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
