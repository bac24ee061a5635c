#!/usr/bin/env node
/**
 * `ses-monitoring-policy-check-config <file>`: checks a `--policy-pack-config` file (or the config
 * of a policy group, as JSON) against this pack before the CLI uses it. The CLI checks each
 * property's value against its policy's schema but passes on a property the schema does not name,
 * and ignores a policy name the pack does not have; either would leave a guard at its default
 * without a word. This refuses both, and every wrong value, naming each.
 * Exit codes: 0 valid, 1 invalid, 2 the file cannot be read as JSON.
 */
import * as fs from "fs";
import { policies } from "./policies";
import { PolicyConfigError, resolvePolicyConfig } from "./policyConfig";

function main(argv: string[]): number {
    const file = argv[0];
    if (argv.length !== 1 || file === "--help") {
        process.stderr.write("usage: ses-monitoring-policy-check-config <policy-pack-config.json>\n");
        return 2;
    }
    let given: unknown;
    try {
        given = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (e) {
        process.stderr.write(`${file}: ${e instanceof Error ? e.message : String(e)}\n`);
        return 2;
    }
    if (given === null || typeof given !== "object" || Array.isArray(given)) {
        process.stderr.write(`${file}: the config must be a JSON object of policy names (or "all") to a level or an object, not ${Array.isArray(given) ? "a list" : JSON.stringify(given)}\n`);
        return 1;
    }
    try {
        const resolved = resolvePolicyConfig(policies, given as Record<string, unknown>);
        const levels = [...resolved.values()].map((c) => c.enforcementLevel);
        const count = (level: string) => levels.filter((l) => l === level).length;
        process.stdout.write(`${file}: valid for ${policies.length} policies (${count("mandatory")} mandatory, ${count("advisory")} advisory, ${count("remediate")} remediate, ${count("disabled")} disabled)\n`);
        return 0;
    } catch (e) {
        if (!(e instanceof PolicyConfigError)) throw e;
        process.stderr.write(`${file}: ${e.message}\n`);
        return 1;
    }
}

process.exitCode = main(process.argv.slice(2));
