/**
 * The pack as the Pulumi CLI runs it: policy/index.ts started as its own process (the PolicyPack
 * serves the analyzer gRPC protocol and prints its port), then called the way the engine calls it.
 * No CLI is needed; this proves the pack loads, its metadata is accepted and the policies work
 * on the engine's wire format (protobuf Structs, the unknown sentinel, pushed config).
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as pulumi from "@pulumi/pulumi";
import * as pb from "@pulumi/pulumi/proto/analyzer_pb";
import * as rpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies } from "../policy/policies";

const POLICY_DIR = path.resolve(__dirname, "..", "policy");

describe("policy pack served over the analyzer protocol", function () {
    this.timeout(120_000);
    let server: ChildProcess;
    let client: rpc.AnalyzerClient;
    const call = <Req, Res>(method: string, request: Req) => new Promise<Res>((resolve, reject) =>
        (client as any)[method](request, (err: Error | null, response: Res) => (err ? reject(err) : resolve(response))));

    before(async () => {
        server = spawn(process.execPath, ["-r", require.resolve("ts-node/register"), "index.ts"], {
            cwd: POLICY_DIR,
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
        });
        let stderr = "";
        server.stderr!.on("data", (d) => { stderr += d; });
        const port = await new Promise<string>((resolve, reject) => {
            server.stdout!.once("data", (d) => resolve(String(d).trim()));
            server.once("exit", (code) => reject(new Error(`policy pack exited with ${code}: ${stderr}`)));
        });
        client = new rpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        server?.kill();
    });

    function resource(type: string, name: string, props: object) {
        const urn = `urn:pulumi:dev::ses-monitoring::${type}::${name}`;
        return { type, name, urn, properties: Struct.fromJavaScript(props as Record<string, any>), options: new pb.AnalyzerResourceOptions() };
    }

    it("declares every policy with its level and config schema", async () => {
        const info = await call<unknown, pb.AnalyzerInfo>("getAnalyzerInfo", new Empty());
        assert.strictEqual(info.getName(), "ses-monitoring");
        const levels = Object.fromEntries(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()]));
        assert.strictEqual(levels["ses-alarm-threshold-below-review"], pb.EnforcementLevel.MANDATORY);
        assert.strictEqual(levels["ses-tls-required"], pb.EnforcementLevel.ADVISORY);
        assert.strictEqual(levels["ses-alarm-metric-exists"], pb.EnforcementLevel.MANDATORY);
        assert.deepStrictEqual(Object.keys(levels).sort(), policies.map((p) => p.name).sort());
    });

    it("reports a 6 % reputation alarm, and takes pushed config", async () => {
        const analyze = async (threshold: number) => {
            const r = resource("aws:cloudwatch/metricAlarm:MetricAlarm", "bounces", {
                name: "bounces", threshold, comparisonOperator: "GreaterThanOrEqualToThreshold", namespace: "AWS/SES",
                metricName: "Reputation.BounceRate", statistic: "Average", alarmActions: [pulumi.runtime.unknownValue],
            });
            const req = new pb.AnalyzeRequest();
            req.setType(r.type); req.setName(r.name); req.setUrn(r.urn); req.setProperties(r.properties); req.setOptions(r.options);
            const res = await call<pb.AnalyzeRequest, pb.AnalyzeResponse>("analyze", req);
            return res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getMessage().split("\n")[1]]);
        };
        assert.deepStrictEqual(await analyze(0.06), [["ses-alarm-threshold-below-review",
            'aws.cloudwatch.MetricAlarm "bounces" compares Reputation.BounceRate (a fraction) with threshold 0.06, which is a bounce rate of 6 %: ' +
            "at or above AWS's review level of 5 % for the bounce rate, so AWS may review the account before this alarm fires. Set the threshold below 0.05 (a fraction)."]]);
        assert.deepStrictEqual(await analyze(0.045), []);

        // What the CLI sends after reconciling `{ "ses-alarm-threshold-below-review": { bounceReviewPercent: 4 } }`.
        const configure = new pb.ConfigureAnalyzerRequest();
        const policyConfig = new pb.PolicyConfig();
        policyConfig.setEnforcementlevel(pb.EnforcementLevel.MANDATORY);
        policyConfig.setProperties(Struct.fromJavaScript({ bounceReviewPercent: 4, complaintReviewPercent: 0.1, reportUnknownUnits: true, exemptAlarmNames: [] }));
        configure.getPolicyconfigMap().set("ses-alarm-threshold-below-review", policyConfig);
        await call("configure", configure);
        assert.match((await analyze(0.045))[0][1], /at or above AWS's review level of 4 % for the bounce rate/);
    });

    it("reports a configuration set without a destination or alarms from the stack analysis", async () => {
        const r = resource("aws:sesv2/configurationSet:ConfigurationSet", "orders", { configurationSetName: "orders" });
        const stackResource = new pb.AnalyzerResource();
        stackResource.setType(r.type); stackResource.setName(r.name); stackResource.setUrn(r.urn); stackResource.setProperties(r.properties); stackResource.setOptions(r.options);
        const req = new pb.AnalyzeStackRequest();
        req.setResourcesList([stackResource]);
        const res = await call<pb.AnalyzeStackRequest, pb.AnalyzeResponse>("analyzeStack", req);
        assert.deepStrictEqual(res.getDiagnosticsList().map((d) => d.getPolicyname()), [
            "ses-configuration-set-cloudwatch-destination",
            "ses-configuration-set-rate-alarms",
            "ses-configuration-set-rate-alarms",
        ]);
        assert.ok(res.getDiagnosticsList().every((d) => d.getUrn() === r.urn));
    });
});
