/**
 * The component provider as `pulumi package add` runs it: PulumiPlugin.yaml's `main` (provider/)
 * started as its own process, which serves the resource provider gRPC protocol and prints its
 * port, then asked for its schema and plugin info the way the CLI asks. No CLI is needed.
 */
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as pb from "@pulumi/pulumi/proto/provider_pb";
import * as rpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { parse } from "yaml";

const ROOT = path.resolve(__dirname, "..");

describe("the component provider served over the resource provider protocol", function () {
    this.timeout(10 * 60_000);
    let server: ChildProcess;
    let client: rpc.ResourceProviderClient;
    const call = <Req, Res>(method: string, request: Req) => new Promise<Res>((resolve, reject) =>
        (client as any)[method](request, (err: Error | null, response: Res) => (err ? reject(err) : resolve(response))));

    before(async () => {
        const plugin = parse(fs.readFileSync(path.join(ROOT, "PulumiPlugin.yaml"), "utf8"));
        assert.deepStrictEqual(plugin, { runtime: "nodejs", main: "provider/" });
        server = spawn(process.execPath, ["-r", require.resolve("ts-node/register"), plugin.main], {
            cwd: ROOT,
            env: { ...process.env, TS_NODE_TRANSPILE_ONLY: "1" },
        });
        let stderr = "";
        server.stderr!.on("data", (d) => { stderr += d; });
        const port = await new Promise<string>((resolve, reject) => {
            server.stdout!.once("data", (d) => resolve(String(d).trim()));
            server.once("exit", (code) => reject(new Error(`the provider exited with ${code}: ${stderr}`)));
        });
        client = new rpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    });

    after(() => {
        client?.close();
        server?.kill();
    });

    it("serves schema.json, as committed, to GetSchema", async () => {
        const request = new pb.GetSchemaRequest();
        request.setVersion(0);
        const response = await call<pb.GetSchemaRequest, pb.GetSchemaResponse>("getSchema", request);
        const committed = JSON.parse(fs.readFileSync(path.join(ROOT, "schema.json"), "utf8"));
        assert.deepStrictEqual(JSON.parse(response.getSchema()), committed);
    });

    it("reports the package's version", async () => {
        const info = await call<Empty, { getVersion(): string }>("getPluginInfo", new Empty());
        assert.strictEqual(info.getVersion(), JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).version);
    });
});
