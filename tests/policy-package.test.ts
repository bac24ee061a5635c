/**
 * The policy pack as an organisation enforces it. `pulumi policy publish` runs `npm pack
 * --loglevel=error` in the pack's directory, reads the tarball's name from stdout and uploads
 * that file; a stack that the pack is enforced on gets it unpacked (its `package/` folder) and
 * `npm install` run there. This test does the same: packs policy/, checks what the tarball holds,
 * installs it in an empty temporary directory (production dependencies only, from npm's cache when
 * it can), starts it there through @pulumi/pulumi's run-policy-pack as the CLI does, and talks to
 * it over the analyzer protocol. The example stacks and a violating stack, run under mocks here,
 * get the same verdicts from the packed pack as from the policies run in-process.
 */
import * as assert from "assert";
import { ChildProcess, execFileSync, spawn, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as aws from "@pulumi/aws";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { engineProps, PolicyViolation, RegisteredResource, runPolicies } from "../policy/harness";
import { policies } from "../policy/policies";
import { runUnderMocks } from "../tools/pulumiMocks";
import { runStack } from "../tools/stack";

const ROOT = path.resolve(__dirname, "..");
const POLICY_DIR = path.join(ROOT, "policy");
const PACKAGE = JSON.parse(fs.readFileSync(path.join(POLICY_DIR, "package.json"), "utf8")) as { name: string; version: string; main: string };

/** The environment of a child that must see nothing of this repository or of the npm run that started the tests. */
function cleanEnv(): NodeJS.ProcessEnv {
    const env: NodeJS.ProcessEnv = {};
    for (const [k, v] of Object.entries(process.env)) {
        if (/^(npm_|TS_NODE_|NODE_PATH$|NODE_OPTIONS$|INIT_CWD$)/i.test(k)) continue;
        env[k] = v;
    }
    return env;
}

const LEVELS: Record<number, string> = {
    [pb.EnforcementLevel.ADVISORY]: "advisory",
    [pb.EnforcementLevel.MANDATORY]: "mandatory",
    [pb.EnforcementLevel.DISABLED]: "disabled",
    [pb.EnforcementLevel.REMEDIATE]: "remediate",
};

describe("policy pack packed as `pulumi policy publish` uploads it", function () {
    this.timeout(300_000);
    let tmp: string;
    let packageDir: string;
    let files: string[];
    let server: ChildProcess;
    let client: rpc.AnalyzerClient;
    const call = <Req, Res>(method: string, request: Req) => new Promise<Res>((resolve, reject) =>
        (client as any)[method](request, (err: Error | null, response: Res) => (err ? reject(err) : resolve(response))));

    before(async () => {
        const started = Date.now();
        const lap = (what: string) => process.stdout.write(`      ${what}: ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
        // What the CLI runs (sdk/nodejs/npm: `npm pack --loglevel=error`, file name from stdout).
        const stdout = execFileSync("npm", ["pack", "--loglevel=error"], { cwd: POLICY_DIR, env: cleanEnv(), encoding: "utf8" });
        const tarball = path.join(POLICY_DIR, stdout.trim());
        try {
            assert.strictEqual(stdout.trim(), `${PACKAGE.name}-${PACKAGE.version}.tgz`, "npm pack's stdout must be the tarball's name alone, or the CLI cannot find it");
            files = execFileSync("tar", ["-tzf", tarball], { encoding: "utf8" }).split("\n").filter((f) => f !== "").sort();
            process.stdout.write(`      ${path.basename(tarball)}:\n${files.map((f) => `        ${f}`).join("\n")}\n`);
            tmp = fs.mkdtempSync(path.join(os.tmpdir(), "ses-policy-pack-"));
            execFileSync("tar", ["-xzf", tarball, "-C", tmp]);
        } finally {
            fs.rmSync(tarball, { force: true });
        }
        lap("packed");
        packageDir = path.join(tmp, "package");
        execFileSync("npm", ["install", "--omit=dev", "--prefer-offline", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: packageDir, env: cleanEnv(), stdio: ["ignore", "ignore", "inherit"] });

        lap("installed");
        // The CLI's pulumi-analyzer-policy resolves run-policy-pack from the pack's directory and
        // runs it with the engine's address and the pack's directory (".") there.
        const runner = require.resolve("@pulumi/pulumi/cmd/run-policy-pack", { paths: [packageDir] });
        assert.ok(runner.startsWith(packageDir + path.sep), `run-policy-pack from the installed pack, not ${runner}`);
        server = spawn(process.execPath, [runner, "127.0.0.1:0", "."], { cwd: packageDir, env: cleanEnv() });
        let stderr = "";
        server.stderr!.on("data", (d) => { stderr += d; });
        const port = await new Promise<string>((resolve, reject) => {
            server.stdout!.once("data", (d) => resolve(String(d).trim()));
            server.once("exit", (code) => reject(new Error(`packed policy pack exited with ${code}: ${stderr}`)));
        });
        client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
        lap("serving");
    });

    after(() => {
        client?.close();
        server?.kill();
        if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
    });

    it("holds the built pack, the shared catalog and metric math, and nothing else of the repository", () => {
        assert.ok(files.length > 0);
        const allowed = [
            /^package\/(package\.json|PulumiPolicy\.yaml|CHANGELOG\.md|npm-shrinkwrap\.json)$/,
            /^package\/bin\/policy\/[A-Za-z]+\.js$/,
            // shared.ts re-exports these two; the build keeps their place in the repository.
            /^package\/bin\/.+\/(catalog|metricMath)\.js$/,
        ];
        assert.deepStrictEqual(files.filter((f) => !allowed.some((a) => a.test(f))), []);
        assert.deepStrictEqual(files.filter((f) => /(^|\/)(tests?|tools|node_modules|docs)\//.test(f) || f.endsWith(".ts") || /harness/.test(f)), []);
        assert.ok(files.includes(`package/${PACKAGE.main}`), `main ${PACKAGE.main} is packed`);
        assert.strictEqual(files.filter((f) => /\/(catalog|metricMath)\.js$/.test(f)).length, 2);
        // One built module per source module of the pack (index.ts and everything it imports).
        const sources = fs.readdirSync(POLICY_DIR).filter((f) => f.endsWith(".ts") && f !== "harness.ts");
        assert.deepStrictEqual(files.filter((f) => f.startsWith("package/bin/policy/")).map((f) => path.basename(f, ".js")).sort(), sources.map((f) => path.basename(f, ".ts")).sort());
    });

    it("installs with its declared dependencies only, resolving nothing from the repository", () => {
        for (const dependency of ["@pulumi/policy", "@pulumi/pulumi", "@pulumi/aws"]) {
            const resolved = require.resolve(`${dependency}/package.json`, { paths: [packageDir] });
            assert.ok(resolved.startsWith(path.join(packageDir, "node_modules")), `${dependency}: ${resolved}`);
        }
        // Development dependencies stay out (typescript and ts-node come in as @pulumi/pulumi's peers).
        assert.ok(!fs.existsSync(path.join(packageDir, "node_modules", "mocha")), "no development dependency installed");
    });

    it("reports its name, its package version and every policy with its level", async () => {
        const info = await call<unknown, pb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        assert.strictEqual(info.getName(), "ses-monitoring");
        assert.strictEqual(info.getVersion(), PACKAGE.version);
        assert.deepStrictEqual(
            info.getPoliciesList().map((p) => [p.getName(), LEVELS[p.getEnforcementlevel()]]),
            policies.map((p) => [p.name, p.enforcementLevel]),
        );
    });

    /** Every verdict of the served pack on `resources`: each resource analysed, then the stack. */
    async function served(resources: RegisteredResource[]): Promise<PolicyViolation[]> {
        const violations: PolicyViolation[] = [];
        // The engine puts a resource's own URN on what its analysis reports without one.
        const collect = (res: pb.AnalyzeResponse, resourceUrn?: string) => {
            for (const d of res.getDiagnosticsList()) {
                const text = d.getMessage();
                assert.strictEqual(text.split("\n")[0], d.getDescription());
                const urn = d.getUrn() || resourceUrn;
                violations.push({
                    policyName: d.getPolicyname(),
                    enforcementLevel: LEVELS[d.getEnforcementlevel()] as PolicyViolation["enforcementLevel"],
                    message: text.slice(text.indexOf("\n") + 1),
                    urn,
                    resourceType: resources.find((r) => r.urn === urn)?.type,
                });
            }
        };
        const options = (r: RegisteredResource) => {
            const o = new pb.AnalyzerResourceOptions();
            o.setProtect(r.protect ?? false);
            if (r.parent) o.setParent(r.parent);
            return o;
        };
        const properties = (r: RegisteredResource) => Struct.fromJavaScript(engineProps(r.inputs ?? {}));
        for (const r of resources) {
            const req = new pb.AnalyzeRequest();
            req.setType(r.type); req.setName(r.name); req.setUrn(r.urn); req.setProperties(properties(r)); req.setOptions(options(r));
            collect(await call<pb.AnalyzeRequest, pb.AnalyzeResponse>("analyze", req), r.urn);
        }
        const stack = new pb.AnalyzeStackRequest();
        stack.setResourcesList(resources.map((r) => {
            const a = new pb.AnalyzerResource();
            a.setType(r.type); a.setName(r.name); a.setUrn(r.urn); a.setProperties(properties(r)); a.setOptions(options(r));
            if (r.parent) a.setParent(r.parent);
            a.setDependenciesList(r.dependencies ?? []);
            return a;
        }));
        collect(await call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>("analyzeStack", stack));
        return violations;
    }

    it("reports a violating stack: a set nobody watches, an alarm on a metric SES never publishes that notifies no one", async () => {
        const resources = await runUnderMocks(() => {
            new aws.sesv2.ConfigurationSet("orders", { configurationSetName: "orders", reputationOptions: { reputationMetricsEnabled: true }, deliveryOptions: { tlsPolicy: "REQUIRE" } });
            new aws.cloudwatch.MetricAlarm("bounces", {
                name: "bounces", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 0.04,
                namespace: "AWS/SES", metricName: "Reputation.BounceRateBounce", statistic: "Average", period: 3600, alarmActions: [""],
            });
        });
        const violations = await served(resources);
        assert.deepStrictEqual(violations.map((v) => [v.policyName, v.enforcementLevel, v.resourceType]), [
            ["ses-alarm-has-actions", "mandatory", "aws:cloudwatch/metricAlarm:MetricAlarm"],
            ["ses-alarm-metric-exists", "mandatory", "aws:cloudwatch/metricAlarm:MetricAlarm"],
            ["ses-configuration-set-cloudwatch-destination", "mandatory", "aws:sesv2/configurationSet:ConfigurationSet"],
            ["ses-configuration-set-rate-alarms", "mandatory", "aws:sesv2/configurationSet:ConfigurationSet"],
            ["ses-configuration-set-rate-alarms", "mandatory", "aws:sesv2/configurationSet:ConfigurationSet"],
        ]);
        assert.strictEqual(violations[1].message.split(":")[0], 'aws.cloudwatch.MetricAlarm "bounces" reads "Reputation.BounceRateBounce" (did you mean "Reputation.BounceRate"?), which SES never publishes in AWS/SES');
        // The packed pack and the source agree word for word.
        assert.deepStrictEqual(violations, await runPolicies(resources));
    });

    for (const stack of ["dev", "prod"]) {
        it(`passes the ${stack} example stack: no mandatory violation, the same verdicts as in-process`, async () => {
            const { resources } = await runStack(ROOT, stack);
            const violations = await served(resources);
            assert.deepStrictEqual(violations.filter((v) => v.enforcementLevel === "mandatory"), []);
            assert.deepStrictEqual(violations, await runPolicies(resources));
        });
    }

    it("ships a config check that refuses what the CLI lets through: an unknown policy name or property", () => {
        const check = (config: object) => {
            const file = path.join(tmp, "policy-config.json");
            fs.writeFileSync(file, JSON.stringify(config));
            const run = spawnSync(process.execPath, [path.join(packageDir, "bin", "policy", "checkConfig.js"), file], { cwd: tmp, env: cleanEnv(), encoding: "utf8" });
            return { code: run.status, out: (run.stdout + run.stderr).replace(file, "policy-config.json") };
        };
        assert.deepStrictEqual(check({ all: "mandatory", "ses-tls-required": "advisory", "ses-alarm-threshold-below-review": { bounceReviewPercent: 4 } }), {
            code: 0, out: "policy-config.json: valid for 13 policies (12 mandatory, 1 advisory, 0 remediate, 0 disabled)\n",
        });
        assert.deepStrictEqual(check({ "ses-alarm-metrics-exist": "mandatory", "ses-alarm-has-actions": { requireOkAction: true } }), {
            code: 1,
            out: "policy-config.json: invalid policy pack config:\n" +
                `  - ses-alarm-metrics-exist: no policy of that name (the pack has ${policies.map((p) => p.name).join(", ")})\n` +
                "  - ses-alarm-has-actions.requireOkAction: not a config property of this policy (it has requireOkActions, exemptAlarmNames)\n",
        });
    });

    it("refuses a config property a policy does not have, as the engine passes it on", async () => {
        const configure = new pb.ConfigureAnalyzerRequest();
        const config = new pb.PolicyConfig();
        config.setEnforcementlevel(pb.EnforcementLevel.MANDATORY);
        config.setProperties(Struct.fromJavaScript({ requireOkAction: true, requireOkActions: false, exemptAlarmNames: [] }));
        configure.getPolicyconfigMap().set("ses-alarm-has-actions", config);
        await call("configure", configure);
        const resources = await runUnderMocks(() => {
            new aws.cloudwatch.MetricAlarm("bounces", {
                name: "bounces", comparisonOperator: "GreaterThanOrEqualToThreshold", evaluationPeriods: 1, threshold: 0.04,
                namespace: "AWS/SES", metricName: "Reputation.BounceRate", statistic: "Average", period: 3600, alarmActions: ["arn:aws:sns:us-east-1:123456789012:pager"],
            });
        });
        await assert.rejects(served(resources), (e: Error) => {
            assert.match(e.message, /policy 'ses-alarm-has-actions'/);
            assert.match(e.message, /unknown config property "requireOkAction": this policy takes requireOkActions, exemptAlarmNames \(and enforcementLevel\)/);
            return true;
        });
    });
});
