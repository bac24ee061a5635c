/**
 * The code of a Lambda function written in TypeScript next to the module that deploys it, built when
 * the program runs (`pulumi up`), so there is no build step to forget: each file is transpiled to
 * CommonJS on its own (`transpileModule`: syntax only, no type-check, no bundling; the AWS SDK comes
 * from the Node.js runtime). When the library itself was compiled to JavaScript, the `.js` files
 * beside it are used as they are. Shared by every part that ships a function.
 */
import * as fs from "fs";
import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";
import type { AccountContext } from "./account";

/**
 * `files` maps each file name in the package to the base name of its source in `dir`
 * (`{ "index.js": "handler", "metrics.js": "metrics" }`). `what` names the function in errors.
 */
export function lambdaCodeFiles(dir: string, files: Record<string, string>, what: string): Record<string, string> {
    const load = (base: string): string => {
        const ts = path.join(dir, `${base}.ts`);
        if (fs.existsSync(ts)) {
            // Loaded here only, so the package (which ships the .js) never needs TypeScript at run time;
            // from source it is this repository's devDependency.
            const typescript: typeof import("typescript") = require("typescript");
            return typescript.transpileModule(fs.readFileSync(ts, "utf8"), {
                fileName: `${base}.ts`,
                compilerOptions: {
                    module: typescript.ModuleKind.CommonJS,
                    target: typescript.ScriptTarget.ES2022,
                    esModuleInterop: true,
                    sourceMap: false,
                    inlineSourceMap: false,
                },
            }).outputText;
        }
        const js = path.join(dir, `${base}.js`);
        if (fs.existsSync(js)) return fs.readFileSync(js, "utf8");
        throw new Error(`${what}: neither ${ts} nor ${js} exists`);
    };
    return Object.fromEntries(Object.entries(files).map(([file, base]) => [file, load(base)]));
}

/** A function's execution role trust: Lambda, on behalf of this account only (confused-deputy guard). */
export function lambdaTrustPolicy(account: AccountContext): object {
    return {
        Version: "2012-10-17",
        Statement: [{
            Sid: "LambdaOfThisAccount",
            Effect: "Allow",
            Principal: { Service: "lambda.amazonaws.com" },
            Action: "sts:AssumeRole",
            // aws:SourceAccount only. AWS's own Lambda trust-policy sample uses it (aws/agent-toolkit-for-aws,
            // lambda-trust-policy.json); the Lambda Developer Guide says aws:SourceArn is for policies
            // where the function is the target, so it is left out. Were the condition never met,
            // CreateFunction would fail at deploy ("cannot be assumed by Lambda"), not silently later.
            Condition: { StringEquals: { "aws:SourceAccount": account.accountId } },
        }],
    };
}

/**
 * Writing its own log group, and nothing more: every function's policy has this statement. The log
 * group is created by the stack before the function, so no `logs:CreateLogGroup`.
 */
export function ownLogsStatement(account: AccountContext, logGroupName: string): object {
    return {
        Sid: "WriteOwnLogs",
        Effect: "Allow",
        Action: ["logs:CreateLogStream", "logs:PutLogEvents"],
        Resource: `arn:${account.partition}:logs:${account.region}:${account.accountId}:log-group:${logGroupName}:*`,
    };
}

/**
 * The runtime every function of the module runs on: the newest Node.js the provider's
 * `lambda.Runtime` enum offers (`aws.lambda.Runtime.NodeJS24dX` in @pulumi/aws 7.48). Lambda
 * Developer Guide, "Building Lambda functions with Node.js": nodejs24.x is deprecated on
 * 2028-04-30; the runtime includes the AWS SDK for JavaScript v3, so a package holds only our files.
 */
export const FUNCTION_RUNTIME = "nodejs24.x";

/** Every package's entry: `index.js` (the transpiled handler), export `handler`. */
export const FUNCTION_HANDLER = "index.handler";

/**
 * One function of the module as plain data: its role (trusting Lambda of this account only), the
 * role's one inline policy, the log group created before it (so it has a retention), the function
 * (arm64, 128 MB), and optionally no Lambda retry of asynchronous invocations and an EventBridge
 * schedule. Every part that ships a function describes it so; the root's one factory creates it.
 */
export interface FunctionSpec {
    name: string;
    description: string;
    role: { name: pulumi.Input<string>; description: string; policyName: string; policy: pulumi.Input<string> };
    logGroup: { name: string; retentionInDays: number };
    /** The package's files (`lambdaCodeFiles`). */
    codeFiles: Record<string, string>;
    timeoutSeconds: number;
    environment: Record<string, pulumi.Input<string>>;
    /** Lambda does not retry a failed asynchronous invocation (the handler retries what it should). */
    noRetries?: boolean;
    /** Run on a schedule: an EventBridge rule, its target, and a permission for that rule only. */
    schedule?: { ruleName: string; description: string; expression: string; targetId: string };
    /** Resources the function waits for besides its log group and role policy. */
    dependsOn?: pulumi.Resource[];
}

/** A created function, as the parts that wire or watch it need it. */
export interface CreatedFunction {
    readonly resource: pulumi.CustomResource;
    readonly name: pulumi.Output<string>;
    readonly arn: pulumi.Output<string>;
}

/** Creates a function's resources, all with the logical name `logicalName`, under `parent`. */
export type FunctionFactory = (logicalName: string, spec: FunctionSpec, parent: pulumi.Resource) => CreatedFunction;
