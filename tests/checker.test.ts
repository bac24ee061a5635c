/**
 * The checker every arg goes through, on its own: each refusal names the path, shows the value as
 * the user wrote it and states the rule, at the exact boundary of each rule. The parts' own tests
 * (alarmRules, volumeRules, safety, ...) show the same messages through `new SesMonitoring`.
 */
import * as assert from "assert";
import {
    Checker,
    checkEmail,
    closestKey,
    deployTimeError,
    describeValue,
    emailLengthProblem,
    isDeferred,
    partitionOf,
    SesMonitoringArgsError,
    topicArnProblem,
    TOPIC_ARN_RULE,
} from "../components/shared/checker";

/** The one message each refusal left, as `path: message`. */
const issuesOf = (check: Checker) => check.issues.map((i) => `${i.path}: ${i.message}`);
const output = { __pulumiOutput: true };
const promise = Promise.resolve(1);

describe("the args checker", () => {
    it("throws every issue as one SesMonitoringArgsError, one line per field", () => {
        const error = new SesMonitoringArgsError([{ path: "a.b", message: "1 is wrong" }, { path: "c", message: "x is wrong" }]);
        assert.strictEqual(error.name, "SesMonitoringArgsError");
        assert.strictEqual(error.message, "a.b: 1 is wrong\nc: x is wrong");
        assert.ok(error instanceof Error);
        assert.match(String(error), /^SesMonitoringArgsError: a\.b: 1 is wrong$/m);
    });

    it("a deploy-time error keeps its message when the SDK prefixes it, and is marked as a run error", () => {
        const error = deployTimeError([{ path: "notifications.criticalTopicArn", message: "\"\" is wrong" }]);
        assert.ok(error instanceof SesMonitoringArgsError);
        error.message = `error serializing property "alarmActions": ${error.message}`;
        assert.strictEqual(error.message, "notifications.criticalTopicArn: \"\" is wrong");
        assert.strictEqual((error as unknown as { __pulumiRunError: boolean }).__pulumiRunError, true);
        assert.deepStrictEqual(Object.keys(error).filter((k) => k === "message" || k === "__pulumiRunError"), [], "neither the message nor the marker is enumerable");
        // A wrapper that redefines the message (as error-reporting code may) can still do so.
        Object.defineProperty(error, "message", { value: "redefined" });
        assert.strictEqual(error.message, "redefined");
    });

    it("tells an Output or a Promise (a value known only while deploying) from a plain value", () => {
        assert.deepStrictEqual([output, promise, { then: () => undefined }].map(isDeferred), [true, true, true]);
        assert.deepStrictEqual([undefined, null, 1, "x", {}, { __pulumiOutput: false }, { then: 1 }, () => undefined].map(isDeferred),
            [false, false, false, false, false, false, false, false]);
    });

    it("shows each kind of value as the user would recognise it", () => {
        assert.deepStrictEqual([undefined, "a\"b", NaN, -Infinity, 10n, () => 1, output, promise].map(describeValue),
            ["undefined", "\"a\\\"b\"", "NaN", "-Infinity", "10n", "a function", "an Output", "a Promise"]);
        assert.deepStrictEqual([new Map([[1, 2]]), new Map([[1, 2], [3, 4]]), new Map(), new Set([1, 2]), new Date(0), Object.create(Object.create(null))].map(describeValue),
            ["a Map of 1 entry", "a Map of 2 entries", "a Map of 0 entries", "a Set of 2", "a Date", "a non-plain object"]);
        assert.deepStrictEqual([null, 2.5, true, [1, "a"], { a: 1 }, Object.assign(Object.create(null), { b: 2 })].map(describeValue),
            ["null", "2.5", "true", "[1,\"a\"]", "{\"a\":1}", "{\"b\":2}"]);
        // A long list or object is cut to 80 characters (exactly 80 is shown whole); a string is shown whole.
        assert.strictEqual(describeValue(["x".repeat(76)]), `["${"x".repeat(76)}"]`);
        assert.strictEqual(describeValue(["x".repeat(77)]), `["${"x".repeat(75)}...`);
        assert.strictEqual(describeValue(["x".repeat(77)]).length, 80);
        assert.strictEqual(describeValue("x".repeat(100)), `"${"x".repeat(100)}"`);
        // What JSON cannot write is shown by String().
        const cyclic: Record<string, unknown> = {};
        cyclic.self = cyclic;
        assert.strictEqual(describeValue(cyclic), "[object Object]");
    });

    describe("email addresses", () => {
        it("takes a dot-atom at a domain of labels and refuses display forms and broken domains", () => {
            const ok = ["ops@example.com", "o.p+s@mail.example.co", "a!#$%&'*/=?^_`{|}~-@x-1.io", "a@b.c0.de"];
            const refused = ["<ops@example.com>", "a@b..com", ".a@b.com", "a.@b.com", "a..b@c.com", "a@-b.com", "a@b-.com", "a@b.c", "a@b.123", "a@b", "a b@c.com", "a@b.com.", "ops@example.com x", "x ops@example.com"];
            for (const a of ok) assert.strictEqual(checkEmail(new Checker(), "e", a, "is not an email address"), a, a);
            for (const a of refused) {
                const check = new Checker();
                assert.strictEqual(checkEmail(check, "e", a, "is not an email address"), undefined, a);
                assert.deepStrictEqual(issuesOf(check), [`e: ${JSON.stringify(a)} is not an email address`]);
            }
            // A domain label of 63 characters is one, 64 is not.
            assert.strictEqual(checkEmail(new Checker(), "e", `a@${"b".repeat(63)}.com`, "r"), `a@${"b".repeat(63)}.com`);
            assert.strictEqual(checkEmail(new Checker(), "e", `a@${"b".repeat(64)}.com`, "r"), undefined);
        });

        it("refuses a local part over 64 characters and an address over 254, at the boundary", () => {
            const local64 = `${"l".repeat(64)}@example.com`;
            assert.strictEqual(emailLengthProblem(local64), undefined);
            assert.strictEqual(emailLengthProblem(`${"l".repeat(65)}@example.com`),
                "has a local part of 65 characters, more than the 64 an address may have (RFC 5321, section 4.5.3.1.1)");
            // Labels of at most 63 characters: 4 x 60 + 4 dots + "dddd.com" = 252.
            const domain = () => `${"d".repeat(60)}.`.repeat(4) + "dddd.com";
            const at254 = `a@${domain()}`;
            assert.strictEqual(at254.length, 254);
            assert.strictEqual(emailLengthProblem(at254), undefined);
            assert.strictEqual(emailLengthProblem(`ab@${domain()}`),
                "is 255 characters long, more than the 254 an address may have (RFC 5321, section 4.5.3.1.3)");
            const check = new Checker();
            assert.strictEqual(checkEmail(check, "n.emails[0]", `ab@${domain()}`, "is not an email address"), undefined);
            assert.deepStrictEqual(issuesOf(check), [`n.emails[0]: "ab@${domain()}" is 255 characters long, more than the 254 an address may have (RFC 5321, section 4.5.3.1.3)`]);
            // The local part is what comes before the last @.
            assert.strictEqual(emailLengthProblem(`${"l".repeat(60)}@x@example.com`), undefined);
        });
    });

    describe("topic ARNs", () => {
        it("knows each partition by its region's prefix", () => {
            assert.deepStrictEqual(["cn-north-1", "us-gov-west-1", "us-isob-east-1", "us-isof-south-1", "eu-isoe-west-1", "us-iso-east-1", "us-east-1", "eu-west-1", "xcn-1"].map(partitionOf),
                ["aws-cn", "aws-us-gov", "aws-iso-b", "aws-iso-f", "aws-iso-e", "aws-iso", "aws", "aws", "aws"]);
        });

        it("refuses a missing, malformed, FIFO, other-partition or other-region topic, each with its reason", () => {
            const where = { region: "eu-west-1" };
            assert.strictEqual(topicArnProblem("arn:aws:sns:eu-west-1:123456789012:alerts", where), undefined);
            assert.strictEqual(topicArnProblem("arn:aws:sns:eu-west-1:123456789012:alerts", {}), undefined);
            for (const missing of [undefined, "", 12]) {
                assert.strictEqual(topicArnProblem(missing, where), `${TOPIC_ARN_RULE}: an alarm or destination without a topic notifies nobody`);
            }
            for (const bad of ["arn:aws:sns:eu-west-1:123456789012:alerts.fifo", "arn:aws:sqs:eu-west-1:123456789012:alerts", "arn:aws:sns:eu-west-1:12345678901:alerts",
                "xarn:aws:sns:eu-west-1:123456789012:alerts", "arn:aws:sns:eu-west-1:123456789012:alerts x", `arn:aws:sns:eu-west-1:123456789012:${"t".repeat(257)}`]) {
                assert.strictEqual(topicArnProblem(bad, where), TOPIC_ARN_RULE, bad);
            }
            assert.strictEqual(topicArnProblem(`arn:aws:sns:eu-west-1:123456789012:${"t".repeat(256)}`, where), undefined);
            assert.strictEqual(topicArnProblem("arn:aws-cn:sns:eu-west-1:123456789012:alerts", where), "is in partition aws-cn, not the stack's aws (region eu-west-1)");
            assert.strictEqual(topicArnProblem("arn:aws:sns:cn-north-1:123456789012:alerts", { partition: "aws-cn" }), "is in partition aws, not the stack's aws-cn");
            assert.strictEqual(topicArnProblem("arn:aws:sns:us-east-1:123456789012:alerts", where),
                "is in region us-east-1, not the stack's eu-west-1: give a topic of eu-west-1, where this stack's alarms and SES publish");
            // The partition given wins over the region's.
            assert.strictEqual(topicArnProblem("arn:aws-cn:sns:eu-west-1:123456789012:alerts", { region: "eu-west-1", partition: "aws-cn" }), undefined);
        });

        it("passes an Output or a Promise on for the deploy-time check, and records a plain ARN's problem", () => {
            const check = new Checker({ region: "eu-west-1" });
            assert.strictEqual(check.topicArn("t", output), output);
            assert.strictEqual(check.topicArn("t", promise), promise);
            assert.strictEqual(check.topicArn("t", undefined), undefined);
            assert.strictEqual(check.topicArn("t", null), undefined);
            assert.strictEqual(check.topicArn("t", "arn:aws:sns:eu-west-1:123456789012:a"), "arn:aws:sns:eu-west-1:123456789012:a");
            assert.deepStrictEqual(issuesOf(check), []);
            assert.strictEqual(check.topicArn("n.criticalTopicArn", "arn:aws:sns:us-east-1:123456789012:a"), undefined);
            assert.deepStrictEqual(issuesOf(check), ["n.criticalTopicArn: \"arn:aws:sns:us-east-1:123456789012:a\" is in region us-east-1, not the stack's eu-west-1: give a topic of eu-west-1, where this stack's alarms and SES publish"]);
        });
    });

    describe("one issue per field", () => {
        it("joins a second rule a field breaks to its first, and keeps other fields apart", () => {
            const check = new Checker();
            check.fail("a", 1, "is too small");
            check.fail("b", 2, "is odd");
            check.fail("a", 1, "is not a prime");
            assert.deepStrictEqual(issuesOf(check), ["a: 1 is too small, and is not a prime", "b: 2 is odd"]);
        });

        it("refuses an Output or a Promise where a plain value is needed, naming the fields that take one", () => {
            for (const call of [
                (c: Checker) => c.object("x", output, []),
                (c: Checker) => c.record("x", output, "r"),
                (c: Checker) => c.boolean("x", output, true),
                (c: Checker) => c.number("x", output, 1, {}),
                (c: Checker) => c.string("x", output, /./, "r"),
                (c: Checker) => c.array("x", output),
            ]) {
                const check = new Checker();
                const result = call(check);
                assert.ok(result === undefined || result === true || result === 1 || (Array.isArray(result) && result.length === 0), String(result));
                assert.deepStrictEqual(issuesOf(check), ["x: an Output must be a plain value, known before deploying: it decides which resources are created and how, and is checked before any is registered. "
                    + "From another language a plain input arrives as an Output when it is a secret or depends on another resource: pass it unwrapped. "
                    + "Only the topic ARN fields (notifications.warningTopicArn, notifications.criticalTopicArn, snsDestination.topicArn, identities.<identity>.topicArn) take Outputs"]);
            }
            const check = new Checker();
            assert.strictEqual(check.deferred("p", 1), false);
            assert.strictEqual(check.deferred("p", promise), true);
            assert.match(issuesOf(check)[0], /^p: a Promise must be a plain value/);
        });
    });

    describe("objects and records", () => {
        it("takes undefined and null as absent, refuses what is not a plain object, and names each unknown field", () => {
            const check = new Checker();
            assert.strictEqual(check.object("o", undefined, ["a"]), undefined);
            assert.strictEqual(check.object("o", null, ["a"]), undefined);
            assert.deepStrictEqual(check.object("o", { a: 1 }, ["a"]), { a: 1 });
            const bare = Object.assign(Object.create(null), { a: 2 });
            assert.strictEqual(check.object("o", bare, ["a"]), bare);
            assert.deepStrictEqual(issuesOf(check), []);
            assert.strictEqual(check.object("list", [1], ["a"]), undefined);
            assert.strictEqual(check.object("map", new Map(), ["a"]), undefined);
            assert.strictEqual(check.object("date", new Date(0), ["a"]), undefined);
            assert.strictEqual(check.object("text", "a", ["a"]), undefined);
            assert.deepStrictEqual(check.object("o", { enabled: true, notfy: 1, zzz: 2 }, ["enabled", "notify"]), { enabled: true, notfy: 1, zzz: 2 });
            assert.deepStrictEqual(issuesOf(check), [
                "list: [1] is not an object",
                "map: a Map of 0 entries is not an object (give a plain object, not a Map)",
                "date: a Date is not an object",
                "text: \"a\" is not an object",
                "o.notfy: 1 is not a known field (did you mean notify? known: enabled, notify)",
                "o.zzz: 2 is not a known field (known: enabled, notify)",
            ]);
        });

        it("a record takes any keys, and refuses a Map or a non-object with its own rule", () => {
            const check = new Checker();
            assert.strictEqual(check.record("r", undefined, "is not a map"), undefined);
            assert.strictEqual(check.record("r", null, "is not a map"), undefined);
            assert.deepStrictEqual(check.record("r", { anything: 1 }, "is not a map"), { anything: 1 });
            assert.deepStrictEqual(issuesOf(check), []);
            assert.strictEqual(check.record("m", new Map([["a", 1]]), "is not a map of sets"), undefined);
            assert.strictEqual(check.record("l", ["a"], "is not a map of sets"), undefined);
            assert.deepStrictEqual(issuesOf(check), ["m: a Map of 1 entry is not a map of sets (give a plain object, not a Map)", "l: [\"a\"] is not a map of sets"]);
        });

        it("refuses Symbol keys and a __proto__ key, which reading by entries would lose", () => {
            const one = { a: 1, [Symbol("s")]: 2 };
            const two = { [Symbol("s")]: 1, [Symbol("t")]: 2 };
            const proto = JSON.parse('{"a": 1, "__proto__": {"x": 1}}');
            const check = new Checker();
            assert.strictEqual(check.object("o", one, ["a"]), undefined);
            assert.strictEqual(check.record("r", two, "rule"), undefined);
            assert.strictEqual(check.object("p", proto, ["a"]), undefined);
            assert.strictEqual(check.record("q", proto, "rule"), undefined);
            assert.deepStrictEqual(issuesOf(check), [
                "o: {\"a\":1} has a Symbol key (Symbol(s)): keys must be strings",
                "r: {} has 2 Symbol keys (Symbol(s), Symbol(t)): keys must be strings",
                "p.__proto__: {\"x\":1} has the key __proto__, which JavaScript reads as the object's prototype, not as an entry: rename it",
                "q.__proto__: {\"x\":1} has the key __proto__, which JavaScript reads as the object's prototype, not as an entry: rename it",
            ]);
        });
    });

    it("refuses each option given beside enabled: false, and none while enabled", () => {
        const raw = { enabled: false, retentionDays: 7, emails: [], schedule: undefined, topic: null };
        const on = new Checker();
        on.unusedWhileDisabled("x", raw, true, ["retentionDays", "emails"]);
        assert.deepStrictEqual(issuesOf(on), []);
        const off = new Checker();
        off.unusedWhileDisabled("x", raw, false, ["enabled", "retentionDays", "emails", "schedule", "topic", "absent"]);
        assert.deepStrictEqual(issuesOf(off), [
            "x.retentionDays: 7 has no effect while enabled is false: remove it, or remove enabled: false",
            "x.emails: [] has no effect while enabled is false: remove it, or remove enabled: false",
        ]);
    });

    it("booleans: the fallback when absent or refused", () => {
        const check = new Checker();
        assert.deepStrictEqual([check.boolean("b", undefined, true), check.boolean("b", null, false), check.boolean("b", false, true), check.boolean("b", true, false)], [true, false, false, true]);
        assert.deepStrictEqual(issuesOf(check), []);
        assert.strictEqual(check.boolean("b", "no", true), true);
        assert.strictEqual(check.boolean("c", 0, false), false);
        assert.deepStrictEqual(issuesOf(check), ["b: \"no\" is not a boolean", "c: 0 is not a boolean"]);
    });

    describe("numbers", () => {
        const at = (value: unknown, rule: Parameters<Checker["number"]>[3]): [number, string[]] => {
            const check = new Checker();
            return [check.number("n", value, -1, rule), issuesOf(check)];
        };

        it("the fallback when absent; a non-number and a non-finite number each refused as such", () => {
            assert.deepStrictEqual(at(undefined, { min: 0 }), [-1, []]);
            assert.deepStrictEqual(at(null, { min: 0 }), [-1, []]);
            assert.deepStrictEqual(at("2", {}), [-1, ["n: \"2\" is not a number"]]);
            assert.deepStrictEqual(at(true, {}), [-1, ["n: true is not a number"]]);
            assert.deepStrictEqual(at(NaN, {}), [-1, ["n: NaN is not a finite number"]]);
            assert.deepStrictEqual(at(Infinity, {}), [-1, ["n: Infinity is not a finite number"]]);
            assert.deepStrictEqual(at(2.5, {}), [2.5, []]);
        });

        it("whole numbers: a fraction refused, 2^53 - 1 taken, beyond it refused", () => {
            assert.deepStrictEqual(at(2.5, { integer: true }), [-1, ["n: 2.5 is not a whole number"]]);
            assert.deepStrictEqual(at(3, { integer: true }), [3, []]);
            assert.deepStrictEqual(at(Number.MAX_SAFE_INTEGER, { integer: true }), [Number.MAX_SAFE_INTEGER, []]);
            assert.deepStrictEqual(at(2 ** 53, { integer: true }),
                [-1, ["n: 9007199254740992 is beyond 9007199254740991 (2^53 - 1), where whole numbers are rounded when read"]]);
            // Without integer, a large number is any number.
            assert.deepStrictEqual(at(2 ** 53, {}), [2 ** 53, []]);
        });

        it("bounds: inclusive min, exclusive min, max, each at its boundary, stated in interval notation", () => {
            assert.deepStrictEqual(at(1, { min: 1 }), [1, []]);
            assert.deepStrictEqual(at(0.5, { min: 1 }), [-1, ["n: 0.5 is not in [1, inf)"]]);
            assert.deepStrictEqual(at(0.001, { min: 0, minExclusive: true }), [0.001, []]);
            assert.deepStrictEqual(at(0, { min: 0, minExclusive: true }), [-1, ["n: 0 is not in (0, inf)"]]);
            assert.deepStrictEqual(at(100, { max: 100 }), [100, []]);
            assert.deepStrictEqual(at(100.5, { max: 100 }), [-1, ["n: 100.5 is not in (-inf, 100]"]]);
            assert.deepStrictEqual(at(-5, { max: 100 }), [-5, []]);
            assert.deepStrictEqual(at(1e9, { min: 0 }), [1e9, []]);
            assert.deepStrictEqual(at(101, { min: 0, max: 100, minExclusive: true }), [-1, ["n: 101 is not in (0, 100]"]]);
        });

        it("says why only for a value above the maximum", () => {
            const rule = { min: 1, max: 10, why: "more would never evaluate" };
            assert.deepStrictEqual(at(11, rule), [-1, ["n: 11 is not in [1, 10]: more would never evaluate"]]);
            assert.deepStrictEqual(at(0, rule), [-1, ["n: 0 is not in [1, 10]"]]);
            assert.deepStrictEqual(at(10, rule), [10, []]);
        });
    });

    it("strings: absent is undefined; a non-string or a string off the pattern is refused with the rule", () => {
        const check = new Checker();
        assert.strictEqual(check.string("s", undefined, /^a+$/, "is not a's"), undefined);
        assert.strictEqual(check.string("s", null, /^a+$/, "is not a's"), undefined);
        assert.strictEqual(check.string("s", "aaa", /^a+$/, "is not a's"), "aaa");
        assert.deepStrictEqual(issuesOf(check), []);
        assert.strictEqual(check.string("s", "ab", /^a+$/, "is not a's"), undefined);
        assert.strictEqual(check.string("t", 5, /^\d+$/, "is not digits"), undefined);
        assert.deepStrictEqual(issuesOf(check), ["s: \"ab\" is not a's", "t: 5 is not digits"]);
    });

    describe("lists", () => {
        it("absent is empty; a non-list and a sparse list are refused, naming the first hole", () => {
            const check = new Checker();
            assert.deepStrictEqual(check.array("l", undefined), []);
            assert.deepStrictEqual(check.array("l", null), []);
            assert.deepStrictEqual(check.array("l", [1, undefined, 3]), [1, undefined, 3]);
            assert.deepStrictEqual(issuesOf(check), []);
            assert.deepStrictEqual(check.array("a", "x"), []);
            // eslint-disable-next-line no-sparse-arrays
            assert.deepStrictEqual(check.array("b", [1, , 3, , 5]), []);
            assert.deepStrictEqual(check.array("c", new Array(2)), []);
            assert.deepStrictEqual(issuesOf(check), [
                "a: \"x\" is not a list",
                "b[1]: undefined is a hole in a sparse list of 5: give every entry",
                "c[0]: undefined is a hole in a sparse list of 2: give every entry",
            ]);
        });

        it("reports each repeat at its own index, as written and as compared", () => {
            const check = new Checker();
            const kept = check.unique("e", ["A@x.com", "b@x.com", "a@x.com", "B@x.com", "a@x.com"], (v) => v.toLowerCase(), (v) => v);
            assert.deepStrictEqual(kept, ["A@x.com", "b@x.com"]);
            assert.deepStrictEqual(issuesOf(check), [
                "e[2]: \"a@x.com\" is listed twice",
                "e[3]: \"B@x.com\" is listed twice (as \"b@x.com\")",
                "e[4]: \"a@x.com\" is listed twice",
            ]);
            const plain = new Checker();
            assert.deepStrictEqual(plain.unique("t", [1, 2, 1, 1]), [1, 2]);
            assert.deepStrictEqual(issuesOf(plain), ["t[2]: 1 is listed twice", "t[3]: 1 is listed twice"]);
        });
    });

    describe("the closest known field", () => {
        it("counts inserts, deletes, substitutions and swapped neighbours, ignoring case", () => {
            const known = ["enabled", "notify", "warningPercent", "criticalPercent", "minimumSends"];
            assert.strictEqual(closestKey("notfy", known), "notify");
            assert.strictEqual(closestKey("notifyy", known), "notify");
            assert.strictEqual(closestKey("notiFY", known), "notify");
            assert.strictEqual(closestKey("ntoify", known), "notify");
            assert.strictEqual(closestKey("nitofy", known), "notify", "two substitutions: within a third of 6");
            assert.strictEqual(closestKey("warningPrecent", known), "warningPercent");
            assert.strictEqual(closestKey("minSnds", known), undefined, "5 edits from minimumSends: more than a third of 12");
            assert.strictEqual(closestKey("xyz", known), undefined);
            assert.strictEqual(closestKey("anything", []), undefined);
        });

        it("takes at most a third of the known name's length, and at least one edit", () => {
            // "enabled" (7): 2 edits allowed.
            assert.strictEqual(closestKey("enabl", ["enabled"]), "enabled");
            assert.strictEqual(closestKey("enab", ["enabled"]), undefined);
            // A 2-letter name: one edit still allowed.
            assert.strictEqual(closestKey("i", ["id"]), "id");
            assert.strictEqual(closestKey("x", ["id"]), undefined);
            // The nearest of several, the first of equals.
            assert.strictEqual(closestKey("critical", ["criticalPercent", "critica"]), "critica");
            assert.strictEqual(closestKey("ab", ["ax", "xb"]), "ax");
            // A swap counts as one edit: "ba" is one from "ab" and "abc".
            assert.strictEqual(closestKey("bac", ["abc"]), "abc");
            assert.strictEqual(closestKey("bacd", ["abcd"]), "abcd");
            assert.strictEqual(closestKey("bacd", ["abdc"]), undefined, "two swaps: more than a third of 4");
            assert.strictEqual(closestKey("bacdef", ["abcdfe"]), "abcdfe");
            // Only a swap of two neighbours counts as one edit, not any two changes in a row.
            assert.strictEqual(closestKey("ab", ["xa"]), undefined);
            assert.strictEqual(closestKey("ab", ["bx"]), undefined);
            assert.strictEqual(closestKey("xyzdef", ["abcdef"]), undefined, "three substitutions: more than a third of 6");
            // Extra letters before a short name are edits too.
            assert.strictEqual(closestKey("zzzid", ["id"]), undefined);
            assert.strictEqual(closestKey("zid", ["id"]), "id");
        });
    });
});
