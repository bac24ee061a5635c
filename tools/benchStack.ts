/**
 * `npx ts-node tools/benchStack.ts N` writes Pulumi.bench<N>.yaml: a stack with N configuration
 * sets, for measuring the plan (and the component) at scale. The file is git-ignored.
 */
import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";

/**
 * The traffic profile of a generated set with `--traffic`: four sets in five send 40,000 a day around
 * the clock, the fifth (the one with a campaign tag) 20,000 a day in business hours and a 150,000
 * newsletter on Tuesdays at 13:00 over two hours (the newsletter recipe's shapes).
 */
function benchSetTraffic(i: number): object {
    return i % 5 === 0
        ? { sendsPerDay: 20_000, shape: "business-hours", weeklyBlasts: [{ day: "tuesday", hour: 13, size: 150_000, durationHours: 2 }] }
        : { sendsPerDay: 40_000 };
}

/**
 * The generated stack's config: N sets, one in five with an extra dimension, email notifications;
 * with `traffic`, a `ses-monitoring:traffic` profile for every set, so the plan computes coverage.
 */
export function benchStackConfig(count: number, options: { traffic?: boolean } = {}): object {
    const sets: Record<string, object> = {};
    const traffic: Record<string, object> = {};
    for (let i = 0; i < count; i++) {
        const name = `set-${String(i).padStart(4, "0")}`;
        // One set in five has an extra dimension (a tenant's campaign tag).
        sets[name] = i % 5 === 0 ? { dimensions: [{ name: "campaign", defaultValue: "none" }] } : {};
        traffic[name] = benchSetTraffic(i);
    }
    return {
        config: {
            "aws:region": "us-east-1",
            "ses-monitoring:configurationSets": sets,
            "ses-monitoring:notifications": { emails: ["oncall@example.com"] },
            ...(options.traffic ? { "ses-monitoring:traffic": { sets: traffic } } : {}),
        },
    };
}

/** Writes Pulumi.bench<N>.yaml into `projectDir`; returns the stack's name. */
export function writeBenchStack(projectDir: string, count: number, options: { traffic?: boolean } = {}): string {
    if (!Number.isInteger(count) || count < 1) throw new Error(`the number of configuration sets must be a positive integer, not ${count}`);
    fs.writeFileSync(path.join(projectDir, `Pulumi.bench${count}.yaml`), YAML.stringify(benchStackConfig(count, options)));
    return `bench${count}`;
}

if (require.main === module) {
    const count = Number(process.argv[2] ?? 100);
    if (!Number.isInteger(count) || count < 1) {
        process.stderr.write("usage: ts-node tools/benchStack.ts <number of configuration sets>\n");
        process.exit(2);
    }
    const stack = writeBenchStack(path.resolve(__dirname, ".."), count);
    process.stdout.write(`wrote Pulumi.${stack}.yaml (stack ${stack})\n`);
}
