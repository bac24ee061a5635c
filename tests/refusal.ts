/**
 * The one harness for "bad args are refused and nothing is registered": runs `new SesMonitoring`
 * under mocks, asserts that it threw a SesMonitoringArgsError and that no resource was registered,
 * and returns the error for the caller's assertions on its message.
 */
import * as assert from "assert";
import { SesMonitoring } from "../components";
import { SesMonitoringArgsError } from "../components/shared/checker";
import { runUnderMocks } from "../tools/pulumiMocks";

export async function refusalOf(args: unknown): Promise<SesMonitoringArgsError> {
    let thrown: unknown;
    const resources = await runUnderMocks(() => {
        try {
            new SesMonitoring("ses", args as any);
        } catch (err) {
            thrown = err;
        }
    });
    assert.ok(thrown instanceof SesMonitoringArgsError, `expected SesMonitoringArgsError, got ${thrown}`);
    assert.deepStrictEqual(resources, [], "no resource may be registered for invalid args");
    return thrown;
}
