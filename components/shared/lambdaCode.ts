/**
 * The code of a Lambda function written in TypeScript next to the module that deploys it, built when
 * the program runs (`pulumi up`), so there is no build step to forget: each file is transpiled to
 * CommonJS on its own (`transpileModule`: syntax only, no type-check, no bundling; the AWS SDK comes
 * from the Node.js runtime). When the library itself was compiled to JavaScript, the `.js` files
 * beside it are used as they are. Shared by every part that ships a function.
 */
import * as fs from "fs";
import * as path from "path";
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
