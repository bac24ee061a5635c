/**
 * Reads a stack's configuration the way the Pulumi CLI does (project defaults from Pulumi.yaml,
 * then Pulumi.<stack>.yaml) and runs the project's program (Pulumi.yaml `main`) under mocks with it.
 * Secure values are never decrypted: they reach the program as a placeholder.
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

function readYaml(file: string): any {
    if (!fs.existsSync(file)) throw new Error(`${file} does not exist`);
    return YAML.parse(fs.readFileSync(file, "utf8")) ?? {};
}

function qualify(project: string, key: string): string {
    return key.includes(":") ? key : `${project}:${key}`;
}

function asConfigString(value: unknown): string {
    return typeof value === "string" ? value : JSON.stringify(value);
}

/** The stack's config: Pulumi.yaml defaults (and project-wide values) overlaid by Pulumi.<stack>.yaml. */
export function loadStackConfig(projectDir: string, stack: string): StackConfig {
    const project = readYaml(path.join(projectDir, "Pulumi.yaml"));
    const name: string = project.name;
    const config: Record<string, string> = {};
    const secretKeys: string[] = [];
    for (const [key, decl] of Object.entries<any>(project.config ?? {})) {
        const value = decl !== null && typeof decl === "object" && !Array.isArray(decl) ? (decl.value ?? decl.default) : decl;
        if (value !== undefined) config[qualify(name, key)] = asConfigString(value);
    }
    const stackFile = readYaml(path.join(projectDir, `Pulumi.${stack}.yaml`));
    for (const [key, value] of Object.entries<any>(stackFile.config ?? {})) {
        const full = qualify(name, key);
        if (value !== null && typeof value === "object" && "secure" in value) {
            config[full] = SECRET_PLACEHOLDER;
            secretKeys.push(full);
        } else {
            config[full] = asConfigString(value);
        }
    }
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
    const main = readYaml(path.join(projectDir, "Pulumi.yaml")).main;
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
